import type { Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { BadRequestError } from '../../../plugins/sdk/errors.js';
import type { ResourceQuery } from '../types.js';
import { type Harness, nextMillisecond, useFreshDatabase } from './harness.js';
import { consent } from './resources.suite.js';

function idsOf(resources: readonly Resource[]): string[] {
  return resources.map((resource) => resource.id ?? '');
}

/** Creates `count` Consents one after another, returning their ids in creation order. */
async function createMany(harness: Harness, count: number, patientId = 'p1'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const stored = await harness.resources.create(consent(`n${i}`), [patientId]);
    ids.push(stored.resource.id ?? '');
  }
  return ids;
}

/** Follows `nextCursor` to the end, running `between` after each page. */
async function allPages(
  harness: Harness,
  query: ResourceQuery,
  between: () => Promise<void> = () => Promise.resolve(),
): Promise<{ pages: string[][]; totals: number[] }> {
  const pages: string[][] = [];
  const totals: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await harness.resources.search({ ...query, ...(cursor ? { cursor } : {}) });
    pages.push(idsOf(page.resources));
    totals.push(page.total);
    cursor = page.nextCursor;
    await between();
  } while (cursor !== undefined && pages.length < 50);
  return { pages, totals };
}

/** Search filters and keyset paging (https://hl7.org/fhir/R4/http.html#paging). */
export function describeSearch(harness: Harness): void {
  describe('resources: search and paging', function () {
    useFreshDatabase(harness, true);

    it('filters by type and ids', async function () {
      const [a, b] = await createMany(harness, 3);
      await harness.resources.update({ resourceType: 'Basic', id: 'other', code: {} }, ['p1']);
      const page = await harness.resources.search({
        resourceType: 'Consent',
        ids: [b ?? '', a ?? '', 'other'],
        limit: 10,
      });
      expect(idsOf(page.resources)).to.deep.equal([a, b]);
      expect(page.total).to.equal(2);
      expect(page.nextCursor).to.equal(undefined);
      const none = await harness.resources.search({ resourceType: 'Consent', ids: [], limit: 10 });
      expect(none.total).to.equal(0);
    });

    it('filters by patient compartment, following membership changes', async function () {
      const [mine] = await createMany(harness, 1, 'p1');
      const [theirs] = await createMany(harness, 1, 'p2');
      const shared = await harness.resources.create(consent('shared'), ['p1', 'p2']);
      const query = { resourceType: 'Consent', patientIds: ['p1'], limit: 10 };
      expect(idsOf((await harness.resources.search(query)).resources)).to.deep.equal([
        mine,
        shared.resource.id,
      ]);

      await harness.resources.update({ ...consent('moved'), id: theirs ?? '' }, ['p1']);
      await harness.resources.update({ ...consent('moved'), id: mine ?? '' }, ['p3']);
      const after = await harness.resources.search(query);
      expect(idsOf(after.resources)).to.deep.equal([theirs, shared.resource.id]);
      expect(after.total).to.equal(2);
    });

    it('filters by lastUpdated range: from inclusive, to exclusive', async function () {
      const [early] = await createMany(harness, 1);
      await nextMillisecond();
      const boundary = new Date().toISOString();
      await nextMillisecond();
      const [late] = await createMany(harness, 1);

      const search = (range: Partial<ResourceQuery>) =>
        harness.resources.search({ resourceType: 'Consent', limit: 10, ...range });
      expect(idsOf((await search({ updatedFrom: boundary })).resources)).to.deep.equal([late]);
      expect(idsOf((await search({ updatedTo: boundary })).resources)).to.deep.equal([early]);
      const stored = await harness.resources.read('Consent', late ?? '');
      const exact = await search({ updatedFrom: stored?.lastUpdated, updatedTo: '2999-01-01' });
      expect(idsOf(exact.resources)).to.deep.equal([late]);
      const offset = boundary.replace('Z', '+00:00');
      expect(idsOf((await search({ updatedFrom: offset })).resources)).to.deep.equal([late]);
    });

    it('pages in creation order with totals and no repeats', async function () {
      const ids = await createMany(harness, 7);
      const { pages, totals } = await allPages(harness, { resourceType: 'Consent', limit: 3 });
      expect(pages.map((page) => page.length)).to.deep.equal([3, 3, 1]);
      expect(pages.flat()).to.deep.equal(ids);
      expect(totals).to.deep.equal([7, 7, 7]);
    });

    it('keeps cursors stable while resources are added and updated', async function () {
      const ids = await createMany(harness, 5);
      const added: string[] = [];
      const between = async (): Promise<void> => {
        if (added.length >= 4) return;
        added.push(...(await createMany(harness, 2)));
        await harness.resources.update({ ...consent('touched'), id: ids[0] ?? '' }, ['p1']);
      };
      const { pages } = await allPages(harness, { resourceType: 'Consent', limit: 2 }, between);
      expect(pages.flat()).to.deep.equal([...ids, ...added]);
    });

    it('answers a count alone for limit 0', async function () {
      await createMany(harness, 2);
      const page = await harness.resources.search({ resourceType: 'Consent', limit: 0 });
      expect(page).to.deep.equal({ resources: [], total: 2 });
    });

    it('rejects a cursor it did not issue', async function () {
      const query = { resourceType: 'Consent', limit: 2, cursor: 'not-a-cursor' };
      const error = await harness.resources.search(query).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(BadRequestError);
    });

    it('rejects an unparseable date bound', async function () {
      const query = { resourceType: 'Consent', limit: 2, updatedFrom: 'yesterday' };
      const error = await harness.resources.search(query).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(BadRequestError);
    });
  });
}

import { expect } from 'chai';
import type { Resource } from './contract.js';
import { BadRequestError } from './errors.js';
import {
  chunkIds,
  chunkedSource,
  collectAll,
  collectPage,
  decodeCursor,
  encodeCursor,
  keysetQuery,
  resumeStream,
  START,
  streamItems,
  toSearchResult,
  type ChunkedSource,
  type CollectedPage,
  type KeysetPage,
  type PageRows,
  type Position,
} from './paging.js';

interface Row {
  readonly id: string;
  readonly owner: string;
}

/** An in-memory "backend" table that pages by key, as the legacy mocks do, and can change. */
class Table {
  rows = new Map<string, Row>();
  requests: KeysetPage[] = [];

  constructor(ids: readonly string[], owner = (id: string) => `m${id.slice(0, 1)}`) {
    for (const id of ids) this.insert(id, owner(id));
  }

  insert(id: string, owner: string): void {
    this.rows.set(id, { id, owner });
  }

  delete(id: string): void {
    this.rows.delete(id);
  }

  page(owners: readonly string[] | undefined, page: KeysetPage): PageRows<Row> {
    this.requests.push(page);
    const matches = [...this.rows.values()]
      .filter((row) => owners === undefined || owners.includes(row.owner))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const after = matches.filter((row) => page.after === undefined || row.id > page.after);
    const rows = after.slice(0, page.limit);
    return page.total ? { rows, total: matches.length } : { rows };
  }

  source(owners?: readonly string[], size = 2): ChunkedSource<Row> {
    return chunkedSource(
      owners,
      size,
      async (ids, page) => this.page(ids, page),
      (r) => r.id,
    );
  }
}

const ids = (rows: readonly Row[]): string[] => rows.map((row) => row.id);
const letters = (from: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${from}${String(i).padStart(2, '0')}`);

async function pageAll(
  source: ChunkedSource<Row>,
  count: number,
  between: (page: number) => void = () => {},
  keep?: (row: Row) => boolean,
): Promise<string[]> {
  const seen: string[] = [];
  let position: Position | undefined = START;
  for (let page = 0; position; page++) {
    const cursor: string | undefined = page === 0 ? undefined : encodeCursor(position);
    const collected: CollectedPage<Row> = await collectPage(
      source,
      cursor ? decodeCursor(cursor) : START,
      count,
      {
        maxPage: 4,
        wantTotal: false,
        keep,
      },
    );
    seen.push(...ids(collected.rows));
    position = collected.next;
    between(page);
    if (page > 100) throw new Error('paging does not end');
  }
  return seen;
}

describe('sdk keyset paging', () => {
  describe('collectPage', () => {
    it('pages a source in key order with one request per page and an exact total', async () => {
      const table = new Table(letters('a', 7));
      const source = table.source();
      const first = await collectPage(source, START, 3, { maxPage: 50, wantTotal: true });
      expect(ids(first.rows)).to.deep.equal(['a00', 'a01', 'a02']);
      expect(first.total).to.equal(7);
      expect(first.next).to.deep.equal({ chunk: 0, after: 'a02' });
      expect(table.requests).to.deep.equal([{ after: undefined, limit: 4, total: true }]);
      expect(await pageAll(source, 3)).to.deep.equal(letters('a', 7));
    });

    it('never repeats nor skips rows that exist throughout, while rows come and go', async () => {
      const table = new Table(letters('b', 12));
      const changes = (page: number): void => {
        table.insert(`a${page}`, 'mb');
        table.delete(`b0${page}`);
        table.insert(`b0${page}x`, 'mb');
        table.insert(`z${page}`, 'mb');
      };
      const seen = await pageAll(table.source(), 3, changes);
      expect(new Set(seen).size).to.equal(seen.length);
      for (const id of ['b09', 'b10', 'b11']) expect(seen).to.include(id);
      expect(seen.filter((id) => id.startsWith('a'))).to.deep.equal([]);
      expect(seen.filter((id) => id.startsWith('z')).length).to.be.greaterThan(0);
    });

    it('walks member-id chunks in sorted order and stays consistent across them', async () => {
      const table = new Table([...letters('c', 3), ...letters('a', 3), ...letters('d', 3)]);
      const source = table.source(['md', 'ma', 'mc'], 2);
      expect(source.chunks).to.equal(2);
      const seen = await pageAll(source, 2, (page) => {
        if (page === 0) table.insert('a00a', 'ma');
        if (page === 1) table.delete('c02');
      });
      expect(seen).to.deep.equal(['a00', 'a01', 'a02', 'c00', 'c01', 'd00', 'd01', 'd02']);
    });

    it('applies an exact filter without empty pages and without a guessed total', async () => {
      const table = new Table(letters('e', 20));
      const keep = (row: Row): boolean => Number(row.id.slice(1)) % 3 === 0;
      const first = await collectPage(table.source(), START, 2, {
        maxPage: 4,
        wantTotal: true,
        keep,
      });
      expect(ids(first.rows)).to.deep.equal(['e00', 'e03']);
      expect(first.total).to.equal(undefined);
      expect(await pageAll(table.source(), 2, () => {}, keep)).to.deep.equal([
        'e00',
        'e03',
        'e06',
        'e09',
        'e12',
        'e15',
        'e18',
      ]);
    });

    it('answers a count-only request with the total alone', async () => {
      const page = await collectPage(new Table(letters('f', 5)).source(), START, 0, {
        maxPage: 10,
        wantTotal: true,
      });
      expect(page).to.deep.equal({ rows: [], total: 5 });
    });

    it('collects a whole small source across backend pages', async () => {
      const table = new Table(letters('g', 9));
      expect(await collectAll(table.source(), 4)).to.have.length(9);
      expect(table.requests.map((r) => r.after)).to.deep.equal([undefined, 'g03', 'g07']);
    });
  });

  describe('streamItems', () => {
    it('gives every item a cursor that resumes just after it, exactly, under change', async () => {
      const table = new Table(letters('h', 7));
      const map = (rows: readonly Row[]): Resource[] =>
        rows.map((row) => ({ resourceType: 'Basic', id: row.id }) as Resource);
      const options = { pageSize: 3, type: 'Basic', map };
      const firstRun: string[] = [];
      let cursor = '';
      for await (const item of streamItems(table.source(), START, options)) {
        firstRun.push(item.resource.id ?? '');
        cursor = item.cursor;
        if (firstRun.length === 4) break;
      }
      table.insert('h00a', 'mh');
      table.delete('h02');
      table.insert('h05a', 'mh');
      const resume = resumeStream(['Patient', 'Basic'], cursor);
      expect(resume.typeIndex).to.equal(1);
      const rest: string[] = [];
      for await (const item of streamItems(table.source(), resume.position, options)) {
        rest.push(item.resource.id ?? '');
      }
      expect(firstRun).to.deep.equal(['h00', 'h01', 'h02', 'h03']);
      expect(rest).to.deep.equal(['h04', 'h05', 'h05a', 'h06']);
    });

    it('leaves out rows the mapping drops', async () => {
      const table = new Table(letters('i', 4));
      const map = (rows: readonly Row[]) =>
        rows.map((row) => (row.id === 'i01' ? undefined : ({ resourceType: 'Basic' } as Resource)));
      const items = [];
      for await (const item of streamItems(table.source(), START, { pageSize: 2, map })) {
        items.push(decodeCursor(item.cursor).after);
      }
      expect(items).to.deep.equal(['i00', 'i02', 'i03']);
    });
  });

  describe('cursors', () => {
    it('round-trip positions and types', () => {
      const position = { chunk: 3, after: 'M0001/2' };
      expect(decodeCursor(encodeCursor(position))).to.deep.equal(position);
      expect(decodeCursor(encodeCursor(START, 'Coverage'))).to.deep.equal({
        chunk: 0,
        type: 'Coverage',
      });
      expect(resumeStream(['A'], undefined)).to.deep.equal({ typeIndex: 0, position: START });
    });

    it('reject malformed, foreign and outdated cursors with a 400 that says why', () => {
      const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const bad = [
        'not a cursor!',
        b64('text'),
        b64([2, 0]),
        b64({ v: 1, c: 0, o: 10 }),
        b64({ v: 2, c: -1 }),
        b64({ v: 2, c: 0, a: 5 }),
        b64({ v: 2, c: 0, a: '' }),
        'x'.repeat(5000),
        Buffer.from('{"v":2,').toString('base64url'),
      ];
      for (const cursor of bad) {
        expect(() => decodeCursor(cursor), cursor).to.throw(BadRequestError, /start the search/);
      }
      expect(() => resumeStream(['A'], encodeCursor(START, 'B'))).to.throw(BadRequestError);
    });

    it('appear in search results only when another page exists', () => {
      const result = toSearchResult([], { rows: [], next: { chunk: 1 }, total: 4 });
      expect(decodeCursor(result.nextCursor ?? '')).to.deep.equal({ chunk: 1 });
      expect(toSearchResult([], { rows: [] })).to.deep.equal({ resources: [] });
    });
  });

  it('chunks ids sorted and deduplicated, and writes the backend query', () => {
    expect(chunkIds(['c', 'a', 'b', 'a'], 2)).to.deep.equal([['a', 'b'], ['c']]);
    expect(chunkIds(undefined, 2)).to.deep.equal([undefined]);
    expect(chunkIds([], 2)).to.deep.equal([]);
    expect(keysetQuery({ after: 'k', limit: 5, total: true })).to.deep.equal({
      after: 'k',
      limit: 5,
      total: 'Y',
    });
    expect(keysetQuery({ limit: 5, total: false })).to.deep.equal({ limit: 5, total: 'N' });
  });
});

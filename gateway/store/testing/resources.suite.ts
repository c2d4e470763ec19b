import type { Consent, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { PreconditionFailedError } from '../../../plugins/sdk/errors.js';
import { type Harness, useFreshDatabase } from './harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A synthetic Consent; `note` tells versions apart. */
export function consent(note: string, id?: string): Consent {
  return {
    resourceType: 'Consent',
    ...(id === undefined ? {} : { id }),
    status: 'active',
    scope: { text: note },
    category: [{ text: 'synthetic' }],
    meta: { profile: ['http://example.org/StructureDefinition/test-consent'] },
  };
}

function noteOf(resource: Resource | undefined): string | undefined {
  return (resource as Consent | undefined)?.scope.text;
}

/** FHIR versioning (https://hl7.org/fhir/R4/http.html#versioning) and concurrency. */
export function describeResources(harness: Harness): void {
  describe('resources: create, read, vread, history, update', function () {
    useFreshDatabase(harness, true);

    it('creates version 1 under a new UUID, stamping meta', async function () {
      const stored = await harness.resources.create(consent('one', 'client-chosen'), ['p1']);
      const id = stored.resource.id ?? '';
      expect(id).to.match(UUID);
      expect(stored.versionId).to.equal('1');
      expect(stored.lastUpdated).to.match(ISO_INSTANT);
      expect(stored.deleted).to.equal(false);
      expect(stored.resource.meta).to.deep.equal({
        profile: ['http://example.org/StructureDefinition/test-consent'],
        versionId: '1',
        lastUpdated: stored.lastUpdated,
      });
      expect(await harness.resources.read('Consent', id)).to.deep.equal(stored);
    });

    it('gives each create its own id', async function () {
      const a = await harness.resources.create(consent('a'), []);
      const b = await harness.resources.create(consent('b'), []);
      expect(a.resource.id).to.not.equal(b.resource.id);
    });

    it('updates to version 2, keeping version 1 for vread and history', async function () {
      const v1 = await harness.resources.create(consent('first'), ['p1']);
      const id = v1.resource.id ?? '';
      const v2 = await harness.resources.update({ ...consent('second'), id }, ['p1']);
      expect(v2).to.include({ versionId: '2', created: false });
      expect(v2.resource.meta?.versionId).to.equal('2');

      expect(noteOf((await harness.resources.read('Consent', id))?.resource)).to.equal('second');
      expect(await harness.resources.vread('Consent', id, '1')).to.deep.equal(v1);
      expect(noteOf((await harness.resources.vread('Consent', id, '2'))?.resource)).to.equal(
        'second',
      );
      const history = await harness.resources.history('Consent', id, 10);
      expect(history.map((h) => h.versionId)).to.deep.equal(['2', '1']);
      expect(
        (await harness.resources.history('Consent', id, 1)).map((h) => h.versionId),
      ).to.deep.equal(['2']);
    });

    it('answers undefined for unknown ids, versions and types', async function () {
      const { resource } = await harness.resources.create(consent('x'), []);
      const id = resource.id ?? '';
      expect(await harness.resources.read('Consent', 'nope')).to.equal(undefined);
      expect(await harness.resources.read('QuestionnaireResponse', id)).to.equal(undefined);
      expect(await harness.resources.vread('Consent', id, '2')).to.equal(undefined);
      expect(await harness.resources.vread('Consent', id, 'abc')).to.equal(undefined);
      expect(await harness.resources.history('Consent', 'nope', 10)).to.deep.equal([]);
    });

    it('creates on update of an absent id (update-as-create)', async function () {
      const stored = await harness.resources.update({ ...consent('new'), id: 'chosen-id' }, []);
      expect(stored).to.include({ versionId: '1', created: true });
      expect(stored.resource.id).to.equal('chosen-id');
      expect((await harness.resources.read('Consent', 'chosen-id'))?.versionId).to.equal('1');
    });

    it('honours If-Match and refuses a stale version with 412', async function () {
      const v1 = await harness.resources.create(consent('v1'), []);
      const id = v1.resource.id ?? '';
      await harness.resources.update({ ...consent('v2'), id }, [], '1');
      await harness.resources.update({ ...consent('v3'), id }, [], 'W/"2"');

      const stale = await harness.resources
        .update({ ...consent('lost'), id }, [], '2')
        .catch((e: unknown) => e);
      expect(stale).to.be.instanceOf(PreconditionFailedError);
      expect(stale).to.include({ status: 412, issueCode: 'conflict' });
      expect(noteOf((await harness.resources.read('Consent', id))?.resource)).to.equal('v3');
      expect(await harness.resources.history('Consent', id, 10)).to.have.length(3);
    });

    it('refuses If-Match on an absent id', async function () {
      const error = await harness.resources
        .update({ ...consent('x'), id: 'absent' }, [], '1')
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(PreconditionFailedError);
      expect(await harness.resources.read('Consent', 'absent')).to.equal(undefined);
    });
  });

  describe('resources: concurrent writes', function () {
    useFreshDatabase(harness, true);

    it('20 parallel updates yield versions 1..21 with no gap or duplicate', async function () {
      const { resource } = await harness.resources.create(consent('base'), ['p1']);
      const id = resource.id ?? '';
      const writes = Array.from({ length: 20 }, (_, i) =>
        harness.resources.update({ ...consent(`w${i}`), id }, ['p1']),
      );
      const versions = (await Promise.all(writes)).map((stored) => Number(stored.versionId));
      expect(versions.sort((a, b) => a - b)).to.deep.equal(range(2, 21));

      const history = await harness.resources.history('Consent', id, 100);
      expect(history.map((h) => Number(h.versionId))).to.deep.equal(range(1, 21).reverse());
      expect((await harness.resources.read('Consent', id))?.versionId).to.equal('21');
    });

    it('parallel update-as-create of one new id creates it exactly once', async function () {
      const writes = Array.from({ length: 5 }, (_, i) =>
        harness.resources.update({ ...consent(`c${i}`), id: 'race-id' }, []),
      );
      const results = await Promise.all(writes);
      expect(results.filter((r) => r.created)).to.have.length(1);
      expect(results.map((r) => Number(r.versionId)).sort()).to.deep.equal(range(1, 5));
    });
  });

  describe('transactions', function () {
    useFreshDatabase(harness, true);

    it('rolls back every statement when the work throws', async function () {
      const failure = new Error('boom');
      const outcome = await harness.db
        .transaction(async (tx) => {
          await tx.execute(
            'INSERT INTO audit_events (event_time, request_id, client_id, ' +
              'interaction, resource_types, resource_count, purpose, outcome) VALUES ' +
              "('2025-01-01T00:00:00.000Z', 'r', 'c', 'read', '[]', 0, 'patient', 'success')",
          );
          throw failure;
        })
        .catch((e: unknown) => e);
      expect(outcome).to.equal(failure);
      const rows = await harness.db.query('SELECT request_id FROM audit_events');
      expect(rows).to.deep.equal([]);
    });

    it('commits and returns the result of the work', async function () {
      const count = await harness.db.transaction((tx) =>
        tx.execute(
          'INSERT INTO resource_history (resource_type, id, version_id, last_updated, ' +
            "content) VALUES ('Basic', 'b', 1, '2025-01-01T00:00:00.000Z', '{}')",
        ),
      );
      expect(count).to.equal(1);
      expect(await harness.db.query('SELECT id FROM resource_history')).to.deep.equal([
        { id: 'b' },
      ]);
    });
  });
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

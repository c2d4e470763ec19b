/**
 * The plugin on its own, over a small in-memory plugin (patients, and public locations one of
 * which has an id too long for the id scheme): binding, options, hashed ids, stream resume and
 * narrowing, and malformed cursors.
 */
import type { Location, Patient, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import type { Plugin, RequestContext, StreamItem } from '../../plugins/sdk/contract.js';
import { PluginOptionsError } from '../../plugins/sdk/contract.js';
import { BadRequestError, GatewayError } from '../../plugins/sdk/errors.js';
import { testRequestContext } from '../../plugins/sdk/testing.js';
import { AccessPolicy } from '../auth/access.js';
import { PluginRegistry } from '../plugins/registry.js';
import { createProvenancePlugin, type ProvenancePlugin } from './index.js';

const LONG_ID = `loc-${'x'.repeat(56)}`;
const UPDATED = { lastUpdated: '2026-01-01T00:00:00Z' };
const DATA: Resource[] = [
  { resourceType: 'Patient', id: 'p1', meta: UPDATED, gender: 'female' } satisfies Patient,
  { resourceType: 'Patient', id: 'p2', meta: UPDATED, gender: 'male' } satisfies Patient,
  { resourceType: 'Location', id: 'clinic', meta: UPDATED, name: 'Clinic' } satisfies Location,
  { resourceType: 'Location', id: LONG_ID, meta: UPDATED, name: 'Far' } satisfies Location,
];

function visible(resource: Resource, ctx: RequestContext): boolean {
  const ids = ctx.constraints.patientIds;
  return resource.resourceType !== 'Patient' || !ids || ids.includes(resource.id ?? '');
}

function memoryPlugin(): Plugin {
  const param = { name: '_id', type: 'token' as const };
  const gender = { name: 'gender', type: 'token' as const, expression: 'Patient.gender' };
  const types = ['Patient', 'Location'];
  return {
    name: 'memory',
    capabilities: {
      resources: types.map((type) => ({
        type,
        profiles: [],
        interactions: ['read' as const, 'search-type' as const],
        searchParams: type === 'Patient' ? [param, gender] : [param],
        public: type === 'Location',
      })),
    },
    read: async (req, ctx) =>
      DATA.find((r) => r.resourceType === req.resourceType && r.id === req.id && visible(r, ctx)),
    search: async (req, ctx) => {
      const ids = req.criteria.find((c) => c.name === '_id')?.values ?? [];
      const found = DATA.filter((r) => r.resourceType === req.resourceType && visible(r, ctx));
      return { resources: found.filter((r) => ids.length === 0 || ids.includes(r.id ?? '')) };
    },
    stream: async function* (req, ctx): AsyncIterable<StreamItem> {
      const start = req.cursor === undefined ? 0 : Number(req.cursor);
      for (const [index, resource] of DATA.entries()) {
        if (index < start || !req.types.includes(resource.resourceType)) continue;
        if (visible(resource, ctx)) yield { resource, cursor: String(index + 1) };
      }
    },
    health: async () => ({ status: 'pass' }),
  };
}

function bound(): ProvenancePlugin {
  const provenance = createProvenancePlugin({ payerOrganization: 'payer' });
  const registry = new PluginRegistry([memoryPlugin(), provenance]);
  provenance.bind({ registry, access: new AccessPolicy(registry) });
  return provenance;
}

async function streamed(plugin: Plugin, ctx: RequestContext, cursor?: string) {
  const items: StreamItem[] = [];
  const req = { types: ['Provenance'], ...(cursor ? { cursor } : {}) };
  for await (const item of plugin.stream!(req, ctx)) items.push(item);
  return items;
}

describe('Provenance plugin (in memory)', () => {
  it('fails health and calls until bound', async () => {
    const plugin = createProvenancePlugin({ payerOrganization: 'payer' });
    expect((await plugin.health(testRequestContext())).status).to.equal('fail');
    const read = plugin.read!(
      { resourceType: 'Provenance', id: 'prv-Patient-p1' },
      testRequestContext(),
    );
    await read.then(
      () => expect.fail('read before bind'),
      (err: unknown) => expect(err).to.be.instanceOf(GatewayError),
    );
  });

  it('checks its options', () => {
    expect(() => createProvenancePlugin({ payerOrganization: 'no spaces' })).to.throw(
      PluginOptionsError,
      'payerOrganization',
    );
    expect(() =>
      createProvenancePlugin({ payerOrganization: 'payer', sourceFormats: { claims: 'fax' } }),
    ).to.throw(PluginOptionsError, 'sourceFormats.claims');
  });

  it('finds the Provenance of a long-id target by target, with a hashed id it cannot read', async () => {
    const plugin = bound();
    const ctx = testRequestContext();
    const criteria = [{ name: 'target', values: [`Location/${LONG_ID}`] }];
    const page = await plugin.search!(
      { resourceType: 'Provenance', criteria, count: 10, wantTotal: true },
      ctx,
    );
    const id = page.resources[0]?.id ?? '';
    expect(id).to.match(/^prv-h-/);
    expect(page.total).to.equal(1);
    expect(await plugin.read!({ resourceType: 'Provenance', id }, ctx)).to.equal(undefined);
  });

  it('streams one Provenance per resource and resumes after any cursor', async () => {
    const plugin = bound();
    const all = await streamed(plugin, testRequestContext());
    expect(all.map((item) => item.resource.id)).to.deep.equal([
      'prv-Location-clinic',
      all[1]?.resource.id,
      'prv-Patient-p1',
      'prv-Patient-p2',
    ]);
    for (const [index, item] of all.entries()) {
      const rest = await streamed(plugin, testRequestContext(), item.cursor);
      expect(rest.map((r) => r.resource.id)).to.deep.equal(
        all.slice(index + 1).map((r) => r.resource.id),
      );
    }
  });

  it('narrows to the caller: a patient sees its own and public records, the public view no patient', async () => {
    const plugin = bound();
    const patient = await streamed(
      plugin,
      testRequestContext({ constraints: { patientIds: ['p2'] } }),
    );
    expect(patient.map((item) => item.resource.id)).to.include('prv-Patient-p2');
    expect(patient.map((item) => item.resource.id)).not.to.include('prv-Patient-p1');
    const anonymous = testRequestContext({ constraints: { withoutPatientData: true } });
    const publicView = await streamed(plugin, anonymous);
    expect(
      publicView.every(
        (item) =>
          item.resource.id?.startsWith('prv-Location') || item.resource.id?.startsWith('prv-h-'),
      ),
    ).to.equal(true);
    const read = await plugin.read!(
      { resourceType: 'Provenance', id: 'prv-Patient-p1' },
      anonymous,
    );
    expect(read).to.equal(undefined);
  });

  it('derives nothing from a type the token may not read', async () => {
    const plugin = bound();
    const ctx = testRequestContext({
      constraints: { patientIds: ['p2'], readableTypes: { Location: {}, Provenance: {} } },
    });
    const ids = (await streamed(plugin, ctx)).map((item) => item.resource.id);
    expect(ids).to.include('prv-Location-clinic');
    expect(ids.filter((id) => id?.startsWith('prv-Patient'))).to.deep.equal([]);
    const read = await plugin.read!({ resourceType: 'Provenance', id: 'prv-Patient-p2' }, ctx);
    expect(read).to.equal(undefined);
  });

  it("derives only from targets matching the token's granular filters on their type", async () => {
    const plugin = bound();
    const female = [[{ name: 'gender', values: ['female'] }]];
    const ctx = testRequestContext({
      constraints: { readableTypes: { Patient: { scopeFilters: female }, Provenance: {} } },
    });
    const ids = (await streamed(plugin, ctx)).map((item) => item.resource.id);
    expect(ids.filter((id) => id?.startsWith('prv-Patient'))).to.deep.equal(['prv-Patient-p1']);
    const hidden = await plugin.read!({ resourceType: 'Provenance', id: 'prv-Patient-p2' }, ctx);
    expect(hidden).to.equal(undefined);
    const shown = await plugin.read!({ resourceType: 'Provenance', id: 'prv-Patient-p1' }, ctx);
    expect(shown?.id).to.equal('prv-Patient-p1');
  });

  it('refuses malformed cursors with 400', async () => {
    const plugin = bound();
    for (const cursor of ['nonsense', 'Unknown~1']) {
      await streamed(plugin, testRequestContext(), cursor).then(
        () => expect.fail(`cursor ${cursor}`),
        (err: unknown) => expect(err).to.be.instanceOf(BadRequestError),
      );
    }
    const search = plugin.search!(
      {
        resourceType: 'Provenance',
        criteria: [{ name: 'target', values: ['Patient/p1'] }],
        count: 10,
        cursor: 'x',
        wantTotal: false,
      },
      testRequestContext(),
    );
    await search.then(
      () => expect.fail('list cursor'),
      (err: unknown) => expect(err).to.be.instanceOf(BadRequestError),
    );
  });
});

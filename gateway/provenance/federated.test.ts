/**
 * A type several plugins serve (the registry federates it): each Provenance still names the
 * plugin that served its target and that system's PDex source format, whether the target is
 * read, searched by `target`, or streamed (and the stream resumes after any cursor).
 */
import type { ExplanationOfBenefit, Provenance, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import type { Plugin, StreamItem } from '../../plugins/sdk/contract.js';
import { testRequestContext } from '../../plugins/sdk/testing.js';
import { AccessPolicy } from '../auth/access.js';
import { PluginRegistry } from '../plugins/registry.js';
import { createProvenancePlugin, type ProvenancePlugin } from './index.js';

function eob(id: string, use: ExplanationOfBenefit['use']): ExplanationOfBenefit {
  return {
    resourceType: 'ExplanationOfBenefit',
    id,
    meta: { lastUpdated: '2026-01-01T00:00:00Z' },
    status: 'active',
    type: { coding: [{ code: 'professional' }] },
    use,
    patient: { reference: 'Patient/p1' },
    created: '2026-01-01',
    insurer: { reference: 'Organization/payer' },
    provider: { reference: 'Organization/clinic' },
    outcome: 'complete',
    insurance: [{ focal: true, coverage: { reference: 'Coverage/c1' } }],
  };
}

/** A plugin named `name` serving ExplanationOfBenefit `data` (read, `_id` search, stream). */
function eobPlugin(name: string, data: readonly Resource[]): Plugin {
  return {
    name,
    capabilities: {
      resources: [
        {
          type: 'ExplanationOfBenefit',
          profiles: [],
          interactions: ['read', 'search-type'],
          searchParams: [{ name: '_id', type: 'token' }],
        },
      ],
    },
    read: async (req) => data.find((r) => r.id === req.id),
    search: async (req) => {
      const ids = req.criteria.find((c) => c.name === '_id')?.values ?? [];
      return { resources: data.filter((r) => ids.includes(r.id ?? '')) };
    },
    stream: async function* (req): AsyncIterable<StreamItem> {
      const start = req.cursor === undefined ? 0 : Number(req.cursor);
      for (const [index, resource] of data.entries()) {
        if (index >= start) yield { resource, cursor: String(index + 1) };
      }
    },
    health: async () => ({ status: 'pass' }),
  };
}

function bound(): ProvenancePlugin {
  const provenance = createProvenancePlugin({ payerOrganization: 'payer' });
  const claims = eobPlugin('claims', [eob('clm-1', 'claim'), eob('clm-2', 'claim')]);
  const priorAuth = eobPlugin('prior-auth', [eob('pa-1', 'preauthorization')]);
  const registry = new PluginRegistry([claims, priorAuth, provenance]);
  expect(registry.forType('ExplanationOfBenefit')?.plugin.name).to.match(/^federated:/);
  provenance.bind({ registry, access: new AccessPolicy(registry) });
  return provenance;
}

/** Target id -> `<what.display> <source format code>`. */
function sources(provenances: readonly Resource[]): Record<string, string> {
  return Object.fromEntries(
    (provenances as Provenance[]).map((p) => {
      const entity = p.entity?.[0];
      const format = entity?.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.code;
      return [p.target[0]?.reference ?? '', `${entity?.what.display} ${format}`];
    }),
  );
}

const EXPECTED = {
  'ExplanationOfBenefit/clm-1': 'claims legacy system x12837',
  'ExplanationOfBenefit/clm-2': 'claims legacy system x12837',
  'ExplanationOfBenefit/pa-1': 'prior-auth legacy system x12278',
};

describe('Provenance of a federated type', () => {
  it('read names the serving plugin and its source format', async () => {
    const plugin = bound();
    const ctx = testRequestContext();
    const read = await Promise.all(
      ['clm-1', 'pa-1'].map((id) =>
        plugin.read!({ resourceType: 'Provenance', id: `prv-ExplanationOfBenefit-${id}` }, ctx),
      ),
    );
    expect(sources(read as Resource[])).to.deep.equal({
      'ExplanationOfBenefit/clm-1': EXPECTED['ExplanationOfBenefit/clm-1'],
      'ExplanationOfBenefit/pa-1': EXPECTED['ExplanationOfBenefit/pa-1'],
    });
  });

  it('a target search (one _id search per plugin) names each serving plugin', async () => {
    const plugin = bound();
    const values = Object.keys(EXPECTED);
    const page = await plugin.search!(
      {
        resourceType: 'Provenance',
        criteria: [{ name: 'target', values }],
        count: 10,
        wantTotal: false,
      },
      testRequestContext(),
    );
    expect(sources(page.resources)).to.deep.equal(EXPECTED);
  });

  it('the stream names each serving plugin and resumes after any cursor', async () => {
    const plugin = bound();
    const stream = async (cursor?: string) => {
      const items: StreamItem[] = [];
      const req = { types: ['Provenance'], ...(cursor === undefined ? {} : { cursor }) };
      for await (const item of plugin.stream!(req, testRequestContext())) items.push(item);
      return items;
    };
    const all = await stream();
    expect(sources(all.map((item) => item.resource))).to.deep.equal(EXPECTED);
    for (const [index, item] of all.entries()) {
      const rest = await stream(item.cursor);
      expect(rest.map((r) => r.resource.id)).to.deep.equal(
        all.slice(index + 1).map((r) => r.resource.id),
      );
    }
  });
});

/**
 * An in-memory plugin for gateway tests: two patients with coverage and a shared payer, and
 * a log of every call. Methods it does not declare are absent, so the gateway calling them
 * fails loudly; `failWith` makes every call throw, to test backend failures.
 */
import type { Coverage, Patient, Resource } from '@medplum/fhirtypes';
import type {
  Plugin,
  RequestContext,
  SearchRequest,
  SearchResult,
} from '../../plugins/sdk/contract.js';

export interface FakePlugin extends Plugin {
  readonly calls: Array<{ method: string; constraints: RequestContext['constraints'] }>;
  failWith?: Error;
}

const PATIENT_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient';

function patient(id: string, family: string): Patient {
  return {
    resourceType: 'Patient',
    id,
    meta: { profile: [PATIENT_PROFILE], lastUpdated: '2026-01-01T00:00:00Z' },
    identifier: [{ system: 'urn:test:member', value: `M-${id}` }],
    name: [{ family, given: ['Test'] }],
    gender: 'unknown',
  };
}

function coverage(id: string, patientId: string): Coverage {
  return {
    resourceType: 'Coverage',
    id,
    status: 'active',
    beneficiary: { reference: `Patient/${patientId}` },
    payor: [{ reference: 'Organization/payer' }],
  };
}

export const FAKE_DATA: readonly Resource[] = [
  patient('p1', 'Alpha'),
  patient('p2', 'Beta'),
  coverage('c1', 'p1'),
  coverage('c2', 'p2'),
  { resourceType: 'Organization', id: 'payer', name: 'Test Payer', active: true },
  { resourceType: 'Location', id: 'clinic', name: 'Test Clinic', status: 'active' },
];

/** Builds a fresh fake plugin over {@link FAKE_DATA} (plus `extra`). */
export function fakePlugin(extra: readonly Resource[] = []): FakePlugin {
  const data = [...FAKE_DATA, ...extra];
  const plugin: FakePlugin = {
    name: 'fake',
    calls: [],
    capabilities: {
      resources: [
        {
          type: 'Patient',
          profiles: [PATIENT_PROFILE],
          interactions: ['read', 'search-type'],
          searchParams: [
            { name: '_id', type: 'token' },
            { name: 'family', type: 'string', modifiers: ['exact'] },
          ],
          searchRevIncludes: ['Coverage:beneficiary'],
        },
        {
          type: 'Coverage',
          profiles: [],
          interactions: ['read', 'search-type'],
          searchParams: [
            { name: '_id', type: 'token' },
            {
              name: 'beneficiary',
              type: 'reference',
              targets: ['Patient'],
              expression: 'Coverage.beneficiary',
            },
            {
              name: 'payor',
              type: 'reference',
              targets: ['Organization'],
              expression: 'Coverage.payor',
            },
          ],
          searchIncludes: ['Coverage:beneficiary', 'Coverage:payor', 'Coverage:*', '*'],
        },
        { type: 'Organization', profiles: [], interactions: ['read'], searchParams: [] },
        {
          type: 'Location',
          profiles: [],
          interactions: ['read', 'search-type'],
          searchParams: [{ name: '_id', type: 'token' }],
          public: true,
        },
      ],
      operations: [
        {
          name: 'leaky-everything',
          definition: 'urn:test:leaky-everything',
          resourceType: 'Patient',
          level: ['instance'],
          affectsState: false,
        },
        {
          name: 'touch',
          definition: 'urn:test:touch',
          level: ['system'],
          affectsState: true,
          scopeType: 'Coverage',
        },
      ],
    },
    /** `$leaky-everything` returns every resource it holds, to test the gateway's screening. */
    async operation(req, ctx) {
      record(plugin, `operation:${req.name}`, ctx);
      if (req.name === 'touch') return { resource: req.parameters };
      const entry = data.map((resource) => ({ resource }));
      return {
        resource: { resourceType: 'Bundle', type: 'searchset', total: entry.length, entry },
      };
    },
    async read(req, ctx) {
      record(plugin, 'read', ctx);
      return data.find((r) => r.resourceType === req.resourceType && r.id === req.id);
    },
    async search(req, ctx) {
      record(plugin, 'search', ctx);
      return page(
        data.filter((r) => r.resourceType === req.resourceType && matches(r, req)),
        req,
      );
    },
    async health() {
      return { status: 'pass' };
    },
  };
  return plugin;
}

function record(plugin: FakePlugin, method: string, ctx: RequestContext): void {
  plugin.calls.push({ method, constraints: ctx.constraints });
  if (plugin.failWith) throw plugin.failWith;
}

/** Applies criteria naively; ignores constraints on purpose so the gateway's checks are tested. */
function matches(resource: Resource, req: SearchRequest): boolean {
  return req.criteria.every((criterion) =>
    criterion.values.some((value) => {
      if (criterion.name === '_id') return resource.id === value;
      if (criterion.name === 'family') return (resource as Patient).name?.[0]?.family === value;
      if (criterion.name === 'beneficiary') {
        return (
          (resource as Coverage).beneficiary?.reference ===
          (value.includes('/') ? value : `Patient/${value}`)
        );
      }
      return false;
    }),
  );
}

function page(all: Resource[], req: SearchRequest): SearchResult {
  const offset = req.cursor ? Number(req.cursor) : 0;
  const resources = all.slice(offset, offset + req.count);
  const next = offset + req.count < all.length ? String(offset + req.count) : undefined;
  return { resources, total: all.length, ...(next ? { nextCursor: next } : {}) };
}

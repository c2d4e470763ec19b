import type { Coverage, Patient, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import type { Plugin, SearchRequest } from './contract.js';
import { CONTRACT_CHECKS, describePluginContract, type ContractFixture } from './contract-suite.js';
import { testRequestContext } from './testing.js';

const PATIENT_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient';
const COVERAGE_PROFILE = 'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Coverage';
const meta = (profile: string) => ({ profile: [profile], lastUpdated: '2026-01-01T00:00:00Z' });

function patient(n: number): Patient {
  return {
    resourceType: 'Patient',
    id: `p${n}`,
    meta: meta(PATIENT_PROFILE),
    identifier: [{ system: 'urn:test:member', value: `m${n}` }],
    name: [{ family: `Family${n}` }],
    gender: 'unknown',
  };
}

function coverage(n: number): Coverage {
  return {
    resourceType: 'Coverage',
    id: `c${n}`,
    meta: meta(COVERAGE_PROFILE),
    status: 'active',
    beneficiary: { reference: `Patient/p${n}` },
    payor: [{ reference: 'Organization/payer' }],
  };
}

const DATA: readonly Resource[] = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((n) => [
  patient(n),
  coverage(n),
]);

/** An in-memory plugin that keeps the contract; `overrides` break it one way at a time. */
function memoryPlugin(data: readonly Resource[] = DATA, overrides: Partial<Plugin> = {}): Plugin {
  const ofType = (type: string) => data.filter((r) => r.resourceType === type);
  const inScope = (resource: Resource, ids?: readonly string[]) =>
    !ids ||
    ids.some((id) => resource.id === id || JSON.stringify(resource).includes(`"Patient/${id}"`));
  return {
    name: 'memory',
    capabilities: {
      resources: ['Patient', 'Coverage'].map((type) => ({
        type,
        profiles: [type === 'Patient' ? PATIENT_PROFILE : COVERAGE_PROFILE],
        interactions: ['read', 'search-type'] as const,
        searchParams: [{ name: '_id', type: 'token' as const, expression: `${type}.id` }],
      })),
    },
    read: async (req, ctx) =>
      ofType(req.resourceType).find(
        (r) => r.id === req.id && inScope(r, ctx.constraints.patientIds),
      ),
    search: async (req: SearchRequest, ctx) => {
      const ids = req.criteria.find((c) => c.name === '_id')?.values;
      const all = ofType(req.resourceType)
        .filter((r) => !ids || ids.includes(r.id as string))
        .filter((r) => inScope(r, ctx.constraints.patientIds));
      const offset = Number(req.cursor ?? 0);
      const next = offset + req.count < all.length ? String(offset + req.count) : undefined;
      return {
        resources: all.slice(offset, offset + req.count),
        total: all.length,
        ...(next ? { nextCursor: next } : {}),
      };
    },
    stream: async function* (req, ctx) {
      const all = data.filter(
        (r) => req.types.includes(r.resourceType) && inScope(r, ctx.constraints.patientIds),
      );
      for (let i = Number(req.cursor ?? 0); i < all.length; i++) {
        yield { resource: all[i] as Resource, cursor: String(i + 1) };
      }
    },
    health: async () => ({ status: 'pass' }),
    ...overrides,
  };
}

function fixture(plugin: Plugin): ContractFixture {
  return { plugin, ctx: testRequestContext(), sample: { Patient: 'p2', Coverage: 'c2' } };
}

async function fails(group: string, check: string, plugin: Plugin, message: RegExp): Promise<void> {
  const run = CONTRACT_CHECKS[group]?.[check];
  if (!run) throw new Error(`no check ${group}: ${check}`);
  try {
    await run(fixture(plugin), {});
  } catch (err) {
    expect((err as Error).message).to.match(message);
    return;
  }
  expect.fail(`${group}: ${check} passed a broken plugin`);
}

describePluginContract('in-memory reference plugin', async () => fixture(memoryPlugin()));

describe('plugin contract suite: catches broken plugins', () => {
  const good = memoryPlugin();

  it('a declared interaction without its method', async () => {
    await fails(
      'capabilities',
      'implements every declared interaction and operation',
      { ...good, search: undefined },
      /search/,
    );
  });

  it('a resource claiming no declared profile, or invalid R4', async () => {
    const check = 'returns each sample with its type, id and a declared profile, valid R4';
    const unprofiled = memoryPlugin(DATA.map((r) => ({ ...r, meta: {} })));
    await fails('read', check, unprofiled, /declared profile/);
    const invalid = memoryPlugin(
      DATA.map((r) => (r.id === 'p2' ? { ...r, birthDate: '02/02/1980' } : r)),
    );
    await fails('read', check, invalid, /Patient\.birthDate/);
  });

  it('a read that finds what does not exist', async () => {
    const lenient = { ...good, read: async () => patient(1) };
    await fails(
      'read',
      'answers undefined for an id that does not exist',
      lenient,
      /contract-missing/,
    );
  });

  it('pages that repeat resources, or cursors that never end', async () => {
    const check = 'pages every type without duplicates until the cursor ends, total agreeing';
    const repeating = {
      ...good,
      search: async (req: SearchRequest) => ({
        ...(await good.search!({ ...req, cursor: undefined }, testRequestContext())),
        nextCursor: req.cursor === '1' ? undefined : '1',
      }),
    };
    await fails('search', check, repeating, /no duplicates/);
    const endless = { ...good, search: async () => ({ resources: [], nextCursor: 'again' }) };
    await fails('search', check, endless, /did not end/);
  });

  it('a stream that loses or repeats resources when resumed', async () => {
    const lossy: Plugin = {
      ...good,
      stream: async function* (req, ctx) {
        for await (const item of good.stream!(
          { ...req, cursor: req.cursor ? String(Number(req.cursor) + 1) : undefined },
          ctx,
        )) {
          yield item;
        }
      },
    };
    await fails(
      'stream',
      'resumes from any cursor without loss or duplication',
      lossy,
      /resumed after item/,
    );
  });

  it('a stream that disagrees with search or ignores the patient constraint', async () => {
    const partial: Plugin = {
      ...good,
      stream: async function* (req, ctx) {
        for await (const item of good.stream!(req, ctx)) {
          if (item.resource.id !== 'c3') yield item;
        }
      },
    };
    await fails(
      'stream',
      'yields every resource exactly once, the same set search finds',
      partial,
      /agree/,
    );
    const leaky: Plugin = {
      ...good,
      stream: (req, ctx) => good.stream!(req, { ...ctx, constraints: {} }),
    };
    await fails('stream', 'honours constraints.patientIds', leaky, /compartment/);
  });

  it('a failing health check', async () => {
    await fails(
      'health',
      'passes',
      { ...good, health: async () => ({ status: 'fail' }) },
      /status/,
    );
  });
});

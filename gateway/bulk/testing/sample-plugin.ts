/**
 * A streaming plugin over generated data for bulk export tests: `size` patients, each with
 * one Coverage, plus the payer Organization. Half the patients changed in 2025 and half in
 * 2026 (for `_since`), genders and coverage statuses alternate (for `_typeFilter`). The
 * stream honours cursors and patient constraints like a real plugin; `pauseAfter` holds it
 * after that many items until `resume()` (to stop an engine mid-job), and `failAfter` makes
 * it throw a 503 once after that many items (to test retries).
 */
import type { Coverage, Organization, Patient, Resource } from '@medplum/fhirtypes';
import type {
  Plugin,
  RequestContext,
  StreamItem,
  StreamRequest,
} from '../../../plugins/sdk/contract.js';
import { ServiceUnavailableError } from '../../../plugins/sdk/errors.js';

export interface SamplePlugin extends Plugin {
  /** Items yielded so far, over all streams. */
  readonly yielded: { count: number };
  /** Resolves when a stream reaches `pauseAfter`. */
  readonly paused: Promise<void>;
  resume(): void;
}

export interface SampleOptions {
  readonly size: number;
  readonly pauseAfter?: number;
  readonly failAfter?: number;
}

export const OLD = '2025-03-01T10:00:00.000Z';
export const NEW = '2026-06-01T10:00:00.000Z';

/** Patient `pt-<n>` (n from 1). */
export function samplePatient(n: number): Patient {
  return {
    resourceType: 'Patient',
    id: `pt-${n}`,
    meta: { lastUpdated: n % 2 === 0 ? NEW : OLD },
    identifier: [{ system: 'urn:test:member', value: `M${n}` }],
    name: [{ family: `Family${n}`, given: ['Test'] }],
    gender: n % 2 === 0 ? 'female' : 'male',
    birthDate: '1980-01-01',
  };
}

/** Coverage `cv-<n>` of patient n: active for even n, cancelled for odd n. */
export function sampleCoverage(n: number): Coverage {
  return {
    resourceType: 'Coverage',
    id: `cv-${n}`,
    meta: { lastUpdated: n % 2 === 0 ? NEW : OLD },
    status: n % 2 === 0 ? 'active' : 'cancelled',
    beneficiary: { reference: `Patient/pt-${n}` },
    payor: [{ reference: 'Organization/payer' }],
  };
}

const PAYER: Organization = {
  resourceType: 'Organization',
  id: 'payer',
  meta: { lastUpdated: OLD },
  name: 'Sample Payer',
  active: true,
};

/** Builds the plugin. */
export function samplePlugin(options: SampleOptions): SamplePlugin {
  const yielded = { count: 0 };
  let release: () => void = () => undefined;
  let reached: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const paused = new Promise<void>((resolve) => (reached = resolve));
  const state = { failed: false };
  const data = (type: string, n: number): Resource | undefined =>
    type === 'Patient'
      ? samplePatient(n)
      : type === 'Coverage'
        ? sampleCoverage(n)
        : n === 1
          ? PAYER
          : undefined;

  async function* stream(req: StreamRequest, ctx: RequestContext): AsyncIterable<StreamItem> {
    const [type = '', from = '0'] = (req.cursor ?? `${req.types[0] ?? ''}|0`).split('|');
    for (let n = Number(from) + 1; n <= options.size; n++) {
      const resource = data(type, n);
      if (!resource) return;
      if (!visible(resource, n, req, ctx)) continue;
      yielded.count++;
      if (options.failAfter !== undefined && yielded.count > options.failAfter && !state.failed) {
        state.failed = true;
        throw new ServiceUnavailableError('sample backend down');
      }
      if (yielded.count === options.pauseAfter) {
        reached();
        await gate;
      }
      yield { resource, cursor: `${type}|${n}` };
    }
  }

  return {
    name: 'sample',
    yielded,
    paused,
    resume: () => release(),
    capabilities: {
      resources: [
        {
          type: 'Patient',
          profiles: [],
          interactions: ['read', 'search-type'],
          searchParams: [
            { name: '_id', type: 'token', expression: 'Patient.id' },
            { name: 'gender', type: 'token', expression: 'Patient.gender' },
            { name: 'family', type: 'string', expression: 'Patient.name.family' },
            { name: 'birthdate', type: 'date', expression: 'Patient.birthDate' },
          ],
        },
        {
          type: 'Coverage',
          profiles: [],
          interactions: ['read', 'search-type'],
          searchParams: [
            { name: 'status', type: 'token', expression: 'Coverage.status' },
            {
              name: 'beneficiary',
              type: 'reference',
              targets: ['Patient'],
              expression: 'Coverage.beneficiary',
            },
          ],
        },
        {
          type: 'Organization',
          profiles: [],
          interactions: ['read', 'search-type'],
          searchParams: [],
        },
      ],
    },
    read: async (req) => {
      const n = Number(/-(\d+)$/.exec(req.id)?.[1] ?? 0);
      return n >= 1 && n <= options.size ? data(req.resourceType, n) : undefined;
    },
    search: async (req) => ({
      resources: [],
      total: req.resourceType === 'Organization' ? 1 : options.size,
    }),
    stream,
    health: async () => ({ status: 'pass' }),
  };
}

function visible(resource: Resource, n: number, req: StreamRequest, ctx: RequestContext): boolean {
  if (req.since && (resource.meta?.lastUpdated ?? '') < req.since.toISOString()) return false;
  const patients = ctx.constraints.patientIds;
  if (!patients || resource.resourceType === 'Organization') return true;
  return patients.includes(`pt-${n}`);
}

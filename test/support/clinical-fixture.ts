/**
 * Helpers the clinical plugin's tests share: a backend and plugin on an ephemeral port, and
 * every resource of a search walked across all its pages.
 */
import type { Resource } from '@medplum/fhirtypes';
import {
  startClinicalBackend,
  type RunningClinicalBackend,
} from '../../mock-backends/clinical/index.js';
import type { Plugin, RequestContext, SearchCriterion } from '../../plugins/sdk/contract.js';
import { testPluginContext, testRequestContext } from '../../plugins/sdk/testing.js';
import createClinicalPlugin from '../../plugins/clinical/index.js';

/** A running backend and the plugin over it. */
export interface ClinicalFixture {
  readonly backend: RunningClinicalBackend;
  readonly plugin: Plugin;
  close(): Promise<void>;
}

/** Starts a backend of `members` (seed `seed`) and the plugin over it. */
export async function startFixture(members: number, seed: number): Promise<ClinicalFixture> {
  const backend = await startClinicalBackend({ members, seed, validateResponses: true });
  const http = { timeoutMs: 20_000 };
  const plugin = await createClinicalPlugin({ baseUrl: backend.url }, testPluginContext(http));
  return { backend, plugin, close: () => backend.close() };
}

/** Parses `name=value` pairs (values comma-separated) into criteria. */
export function criteria(query: Record<string, string | string[]>): SearchCriterion[] {
  return Object.entries(query).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => ({ name, values: v.split(',') })),
  );
}

/** Every match of a search, across pages of `count`. */
export async function searchAll<T extends Resource = Resource>(
  plugin: Plugin,
  resourceType: string,
  query: Record<string, string | string[]> = {},
  options: { count?: number; ctx?: RequestContext } = {},
): Promise<T[]> {
  const found: Resource[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const result = await plugin.search!(
      {
        resourceType,
        criteria: criteria(query),
        count: options.count ?? 100,
        wantTotal: false,
        ...(cursor ? { cursor } : {}),
      },
      options.ctx ?? testRequestContext(),
    );
    found.push(...result.resources);
    cursor = result.nextCursor;
    if (!cursor) return found as T[];
  }
  throw new Error('search did not end');
}

/**
 * Test setup shared by the plugin's tests: a real utilization backend on an ephemeral
 * loopback port and the plugin over it, with a fixed "today" so the window is reproducible.
 */
import type { ExplanationOfBenefit } from '@medplum/fhirtypes';
import {
  startUtilizationBackend,
  type RunningUtilizationBackend,
} from '../../mock-backends/utilization/index.js';
import type { Plugin, RequestContext, SearchCriterion } from '../../plugins/sdk/contract.js';
import { testPluginContext, testRequestContext } from '../../plugins/sdk/testing.js';
import createPriorAuthPlugin from '../../plugins/prior-auth/index.js';

/** The fixed date the tests evaluate the retention window on. */
export const AS_OF = '2025-12-01';

/** A started backend and the plugin over it. */
export interface PriorAuthFixture {
  readonly backend: RunningUtilizationBackend;
  readonly plugin: Plugin;
  close(): Promise<void>;
}

/** Starts a backend of `members` members and the plugin over it. */
export async function startFixture(
  members = 120,
  options: Record<string, unknown> = {},
): Promise<PriorAuthFixture> {
  const backend = await startUtilizationBackend({ members, seed: 11, validateResponses: true });
  const plugin = await createPriorAuthPlugin(
    { baseUrl: backend.url, asOf: AS_OF, streamPageSize: 7, ...options },
    testPluginContext(),
  );
  return { backend, plugin, close: () => backend.close() };
}

/** Every search match over all pages. */
export async function searchAll(
  plugin: Plugin,
  criteria: readonly SearchCriterion[] = [],
  ctx: RequestContext = testRequestContext(),
): Promise<ExplanationOfBenefit[]> {
  const found: ExplanationOfBenefit[] = [];
  let cursor: string | undefined;
  do {
    const page = await plugin.search!(
      { resourceType: 'ExplanationOfBenefit', criteria, count: 50, wantTotal: false, cursor },
      ctx,
    );
    found.push(...(page.resources as ExplanationOfBenefit[]));
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

/**
 * Entry point of the shared store suite. `store.test.ts` calls it once per backend; a
 * backend that cannot run here is given as a reason, and its tests show as pending.
 */
import { describeAudit } from './audit.suite.js';
import type { Harness, StoreBackend } from './harness.js';
import { describeMigrations } from './migrations.suite.js';
import { describeResources } from './resources.suite.js';
import { describeSearch } from './search.suite.js';

/** Runs every store test against `backend`, or registers them skipped with `skipReason`. */
export function describeStoreSuite(
  title: string,
  backend: (() => Promise<StoreBackend>) | { readonly skipReason: string },
): void {
  const skipReason = 'skipReason' in backend ? backend.skipReason : undefined;
  describe(skipReason ? `${title} (skipped: ${skipReason})` : title, function () {
    const harness = {} as Harness;

    before(async function () {
      if (skipReason !== undefined || 'skipReason' in backend) return this.skip();
      harness.backend = await backend();
    });

    after(async function () {
      await harness.backend?.close();
    });

    describeMigrations(harness);
    describeResources(harness);
    describeSearch(harness);
    describeAudit(harness);
  });
}

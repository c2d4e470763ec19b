/**
 * `GET /health`: liveness of the store and of every plugin's legacy backend, for load
 * balancers and operators. 200 when all pass, 503 when any fails. No PHI.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { HealthStatus } from '../../plugins/sdk/contract.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { Store } from '../store/types.js';

/** Handler reporting `{ status, checks: { name: { status, detail } } }`. */
export function healthHandler(registry: PluginRegistry, store?: Store) {
  return async (req: Request, res: Response): Promise<void> => {
    const checks: Record<string, HealthStatus> = {};
    if (store) checks.store = await safely(() => store.health());
    await Promise.all(
      registry.plugins.map(async (plugin) => {
        checks[`plugin:${plugin.name}`] = await safely(() =>
          plugin.health({
            requestId: req.requestId ?? randomUUID(),
            logger: req.log,
            constraints: {},
            signal: AbortSignal.timeout(5000),
          }),
        );
      }),
    );
    const failing = Object.values(checks).some((check) => check.status === 'fail');
    res.status(failing ? 503 : 200).json({ status: failing ? 'fail' : 'pass', checks });
  };
}

async function safely(check: () => Promise<HealthStatus>): Promise<HealthStatus> {
  try {
    return await check();
  } catch (err) {
    return { status: 'fail', detail: (err as Error).message };
  }
}

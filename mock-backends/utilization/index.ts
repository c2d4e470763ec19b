/**
 * The mock legacy utilization-management (prior authorization) system: the synthetic
 * members' prior authorization history in SQLite behind a non-FHIR JSON API
 * (oas/utilization-backend.yaml), built in memory at start. Requests name providers of the
 * directory of the same seed and size; the claims mock bills the approved ones.
 */
import Database from 'better-sqlite3';
import type { Express } from 'express';
import { DEFAULT_PRACTITIONERS } from '../synthetic/index.js';
import { FaultInjector, type Fault } from '../membership/faults.js';
import { listen, type ListenOptions } from '../legacy-kit/serve.js';
import { createUtilizationApp } from './app.js';
import { loadAuths, type AuthPopulation } from './schema.js';
import { createAuthStore } from './store.js';
import { authWrites, type AuthWrites } from './writes.js';

export { UTILIZATION_OAS_PATH } from './app.js';
export type { AuthPopulation } from './schema.js';

/** Options for {@link createUtilizationBackend}. */
export interface UtilizationBackendOptions {
  /** Members whose requests to load (default 1000): the membership backend's count. */
  readonly members?: number;
  /** Synthetic data seed (default 1): the membership backend's seed. */
  readonly seed?: number;
  /** Practitioners of the provider directory (default 200): the directory backend's size. */
  readonly practitioners?: number;
  /** Validate responses against the OpenAPI document too (tests). */
  readonly validateResponses?: boolean;
}

/** A utilization backend ready to serve. */
export interface UtilizationBackend {
  /** Test-only writes underneath the API (in-memory databases). */
  readonly writes: AuthWrites;
  readonly app: Express;
  readonly population: AuthPopulation & { readonly auths: number };
  /** Sets or clears the injected fault without going through HTTP. */
  readonly faults: { set(fault: Fault): void; clear(): void };
  /** Closes the database. */
  close(): void;
}

/** A utilization backend listening on a port. */
export interface RunningUtilizationBackend {
  /** Base URL, e.g. `http://127.0.0.1:8085`. */
  readonly url: string;
  readonly port: number;
  readonly backend: UtilizationBackend;
  /** Stops listening and closes the database. */
  close(): Promise<void>;
}

/** Creates the backend (Express app + in-memory database). */
export function createUtilizationBackend(
  options: UtilizationBackendOptions = {},
): UtilizationBackend {
  const db = new Database(':memory:');
  loadAuths(db, {
    members: options.members ?? 1000,
    seed: options.seed ?? 1,
    practitioners: options.practitioners ?? DEFAULT_PRACTITIONERS,
  });
  const store = createAuthStore(db);
  const faults = new FaultInjector();
  const app = createUtilizationApp(store, faults, { validateResponses: options.validateResponses });
  return {
    app,
    population: store.population,
    faults,
    writes: authWrites(db),
    close: () => store.close(),
  };
}

/** Creates the backend and listens (ephemeral port on loopback by default). */
export async function startUtilizationBackend(
  options: UtilizationBackendOptions & ListenOptions = {},
): Promise<RunningUtilizationBackend> {
  const backend = createUtilizationBackend(options);
  const listening = await listen(backend.app, options);
  const close = async (): Promise<void> => {
    await listening.close();
    backend.close();
  };
  return { url: listening.url, port: listening.port, backend, close };
}

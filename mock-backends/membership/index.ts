/**
 * The mock legacy membership & eligibility system: synthetic members in SQLite behind a
 * non-FHIR JSON API (oas/membership-backend.yaml). Demo sizes load into memory at start;
 * large populations are generated once into a file (`npm run generate`) and opened.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import type { Express } from 'express';
import { createMembershipApp } from './app.js';
import { FaultInjector, type Fault } from './faults.js';
import { loadPopulation, type Population } from './schema.js';
import { createStore } from './store.js';
import { memberWrites, type MemberWrites } from './writes.js';

export { MEMBERSHIP_OAS_PATH } from './app.js';
export type { Fault } from './faults.js';
export type { EligibilityRow, MemberRow } from './legacy.js';
export type { PayerRow, PlanRow } from './reference.js';

/** Options for {@link createMembershipBackend}. */
export interface MembershipBackendOptions {
  /** Members to generate (default 1000). With an existing `dbPath`, must match it if given. */
  readonly members?: number;
  /** Synthetic data seed (default 1). With an existing `dbPath`, must match it if given. */
  readonly seed?: number;
  /** SQLite file: opened read-only if it exists, otherwise generated into. Omit for memory. */
  readonly dbPath?: string;
  /** Validate responses against the OpenAPI document too (tests). */
  readonly validateResponses?: boolean;
}

/** A membership backend ready to serve. */
export interface MembershipBackend {
  /** Test-only writes underneath the API (in-memory databases). */
  readonly writes: MemberWrites;
  readonly app: Express;
  /** The population the database holds. */
  readonly population: Population;
  /** Sets or clears the injected fault without going through HTTP. */
  readonly faults: { set(fault: Fault): void; clear(): void };
  /** Closes the database. */
  close(): void;
}

/** A membership backend listening on a port. */
export interface RunningMembershipBackend {
  /** Base URL, e.g. `http://127.0.0.1:8081`. */
  readonly url: string;
  readonly port: number;
  readonly backend: MembershipBackend;
  /** Stops listening and closes the database. */
  close(): Promise<void>;
}

/** Options for {@link startMembershipBackend}. */
export interface StartMembershipOptions extends MembershipBackendOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  /** Interface to bind (default 127.0.0.1). */
  readonly host?: string;
}

const DEFAULT_MEMBERS = 1000;
const DEFAULT_SEED = 1;

/** Creates the backend (Express app + database). Generation is synchronous. */
export function createMembershipBackend(options: MembershipBackendOptions = {}): MembershipBackend {
  const db = openDatabase(options);
  const store = createStore(db);
  checkPopulation(store.population, options);
  const faults = new FaultInjector();
  const app = createMembershipApp(store, faults, { validateResponses: options.validateResponses });
  return {
    app,
    population: store.population,
    faults,
    writes: memberWrites(db),
    close: () => store.close(),
  };
}

/** Creates the backend and listens on `port` (ephemeral by default). */
export async function startMembershipBackend(
  options: StartMembershipOptions = {},
): Promise<RunningMembershipBackend> {
  const backend = createMembershipBackend(options);
  const host = options.host ?? '127.0.0.1';
  const server = backend.app.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const close = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    backend.close();
  };
  return { url: `http://${host}:${port}`, port, backend, close };
}

function openDatabase(options: MembershipBackendOptions): Database.Database {
  if (options.dbPath && existsSync(options.dbPath)) {
    return new Database(options.dbPath, { readonly: true, fileMustExist: true });
  }
  const db = new Database(options.dbPath ?? ':memory:');
  loadPopulation(db, {
    count: options.members ?? DEFAULT_MEMBERS,
    seed: options.seed ?? DEFAULT_SEED,
  });
  return db;
}

function checkPopulation(population: Population, options: MembershipBackendOptions): void {
  const wrongCount = options.members !== undefined && options.members !== population.count;
  const wrongSeed = options.seed !== undefined && options.seed !== population.seed;
  if (wrongCount || wrongSeed) {
    const members = options.members ?? population.count;
    const asked = `${members} of seed ${options.seed ?? population.seed}`;
    throw new Error(
      `${options.dbPath} holds ${population.count} members of seed ${population.seed}; ` +
        `asked for ${asked}`,
    );
  }
}

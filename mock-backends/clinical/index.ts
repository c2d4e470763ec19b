/**
 * The mock legacy clinical data repository: synthetic members' clinical histories in SQLite
 * behind a non-FHIR JSON API (oas/clinical-backend.yaml). Demo sizes are generated into
 * memory at start; large populations are generated once into a file (`dbPath`) and opened.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import type { Express } from 'express';
import { createClinicalApp } from './app.js';
import { FaultInjector, type Fault } from '../membership/faults.js';
import { loadClinical, type LoadProgress, type Population } from './schema.js';
import { createClinicalStore } from './store.js';

export { CLINICAL_OAS_PATH } from './app.js';
export { CLASSES, type ClassDef, type Column } from './classes.js';
export type { Fault } from '../membership/faults.js';
export type { LoadProgress, Population } from './schema.js';
export type { ClassQuery, Row } from './store.js';

/** Options for {@link createClinicalBackend}. */
export interface ClinicalBackendOptions {
  /** Members to generate (default 1000). With an existing `dbPath`, must match it if given. */
  readonly members?: number;
  /** Synthetic data seed (default 1). With an existing `dbPath`, must match it if given. */
  readonly seed?: number;
  /** SQLite file: opened read-only if it exists, otherwise generated into. Omit for memory. */
  readonly dbPath?: string;
  /** Validate responses against the OpenAPI document too (tests). */
  readonly validateResponses?: boolean;
  /** Called after each batch of members is generated (members written so far). */
  readonly onProgress?: LoadProgress;
}

/** A clinical backend ready to serve. */
export interface ClinicalBackend {
  readonly app: Express;
  /** The population the database holds. */
  readonly population: Population;
  /** Sets or clears the injected fault without going through HTTP. */
  readonly faults: { set(fault: Fault): void; clear(): void };
  /** Closes the database. */
  close(): void;
}

/** A clinical backend listening on a port. */
export interface RunningClinicalBackend {
  /** Base URL, e.g. `http://127.0.0.1:8081`. */
  readonly url: string;
  readonly port: number;
  readonly backend: ClinicalBackend;
  /** Stops listening and closes the database. */
  close(): Promise<void>;
}

/** Options for {@link startClinicalBackend}. */
export interface StartClinicalOptions extends ClinicalBackendOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  /** Interface to bind (default 127.0.0.1). */
  readonly host?: string;
}

const DEFAULT_MEMBERS = 1000;
const DEFAULT_SEED = 1;

/** Creates the backend (Express app + database). Generation is synchronous. */
export function createClinicalBackend(options: ClinicalBackendOptions = {}): ClinicalBackend {
  const db = openDatabase(options);
  const store = createClinicalStore(db);
  checkPopulation(store.population, options);
  const faults = new FaultInjector();
  const app = createClinicalApp(store, faults, { validateResponses: options.validateResponses });
  return { app, population: store.population, faults, close: () => store.close() };
}

/** Creates the backend and listens on `port` (ephemeral by default). */
export async function startClinicalBackend(
  options: StartClinicalOptions = {},
): Promise<RunningClinicalBackend> {
  const backend = createClinicalBackend(options);
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

function openDatabase(options: ClinicalBackendOptions): Database.Database {
  if (options.dbPath && existsSync(options.dbPath)) {
    return new Database(options.dbPath, { readonly: true, fileMustExist: true });
  }
  const db = new Database(options.dbPath ?? ':memory:');
  loadClinical(
    db,
    { count: options.members ?? DEFAULT_MEMBERS, seed: options.seed ?? DEFAULT_SEED },
    options.onProgress,
  );
  return db;
}

function checkPopulation(population: Population, options: ClinicalBackendOptions): void {
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

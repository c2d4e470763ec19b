/**
 * The mock legacy claims system: adjudicated claims of the synthetic members (professional,
 * institutional inpatient and outpatient, pharmacy, dental) in SQLite behind a non-FHIR
 * JSON API (oas/claims-backend.yaml). Demo populations load into memory at start; large
 * ones are generated once into a file (mock-backends/claims/generate.ts) and opened.
 * Claims bill providers of the directory of the same seed and size.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Express } from 'express';
import { DEFAULT_PRACTITIONERS } from '../synthetic/index.js';
import { FaultInjector, type Fault } from '../membership/faults.js';
import { listen, type ListenOptions } from '../legacy-kit/serve.js';
import { createClaimsApp } from './app.js';
import { loadClaims, type ClaimsPopulation } from './schema.js';
import { createClaimsStore } from './store.js';
import { claimWrites, type ClaimWrites } from './writes.js';

export { CLAIMS_OAS_PATH } from './app.js';
export type { ClaimsPopulation } from './schema.js';

/** Options for {@link createClaimsBackend}. */
export interface ClaimsBackendOptions {
  /** Members whose claims to load (default 1000): the membership backend's count. */
  readonly members?: number;
  /** Synthetic data seed (default 1): the membership backend's seed. */
  readonly seed?: number;
  /** Practitioners of the provider directory (default 200): the directory backend's size. */
  readonly practitioners?: number;
  /** SQLite file: opened read-only if it exists, otherwise generated into. Omit for memory. */
  readonly dbPath?: string;
  /** Validate responses against the OpenAPI document too (tests). */
  readonly validateResponses?: boolean;
}

/** A claims backend ready to serve. */
export interface ClaimsBackend {
  /** Test-only writes underneath the API (in-memory databases). */
  readonly writes: ClaimWrites;
  readonly app: Express;
  readonly population: ClaimsPopulation & { readonly claims: number };
  /** Sets or clears the injected fault without going through HTTP. */
  readonly faults: { set(fault: Fault): void; clear(): void };
  /** Closes the database. */
  close(): void;
}

/** A claims backend listening on a port. */
export interface RunningClaimsBackend {
  /** Base URL, e.g. `http://127.0.0.1:8084`. */
  readonly url: string;
  readonly port: number;
  readonly backend: ClaimsBackend;
  /** Stops listening and closes the database. */
  close(): Promise<void>;
}

/** Creates the backend (Express app + database). Generation is synchronous. */
export function createClaimsBackend(options: ClaimsBackendOptions = {}): ClaimsBackend {
  const asked = populationOf(options);
  const db = openDatabase(options.dbPath, asked);
  const store = createClaimsStore(db);
  checkPopulation(store.population, options, asked);
  const faults = new FaultInjector();
  const app = createClaimsApp(store, faults, { validateResponses: options.validateResponses });
  return {
    app,
    population: store.population,
    faults,
    writes: claimWrites(db),
    close: () => store.close(),
  };
}

/** Creates the backend and listens (ephemeral port on loopback by default). */
export async function startClaimsBackend(
  options: ClaimsBackendOptions & ListenOptions = {},
): Promise<RunningClaimsBackend> {
  const backend = createClaimsBackend(options);
  const listening = await listen(backend.app, options);
  const close = async (): Promise<void> => {
    await listening.close();
    backend.close();
  };
  return { url: listening.url, port: listening.port, backend, close };
}

function populationOf(options: ClaimsBackendOptions): ClaimsPopulation {
  return {
    members: options.members ?? 1000,
    seed: options.seed ?? 1,
    practitioners: options.practitioners ?? DEFAULT_PRACTITIONERS,
  };
}

function openDatabase(dbPath: string | undefined, population: ClaimsPopulation) {
  if (dbPath && existsSync(dbPath)) {
    return new Database(dbPath, { readonly: true, fileMustExist: true });
  }
  const db = new Database(dbPath ?? ':memory:');
  loadClaims(db, population);
  return db;
}

/** A file holding another population than the options name is refused. */
function checkPopulation(
  held: ClaimsPopulation,
  options: ClaimsBackendOptions,
  asked: ClaimsPopulation,
): void {
  const keys = ['members', 'seed', 'practitioners'] as const;
  const wrong = keys.filter((key) => options[key] !== undefined && held[key] !== asked[key]);
  if (wrong.length === 0) return;
  const differences = wrong.map((key) => `${key} ${asked[key]}`).join(', ');
  throw new Error(
    `${options.dbPath} holds claims of ${held.members} members (seed ${held.seed}, ` +
      `${held.practitioners} practitioners); asked for ${differences}`,
  );
}

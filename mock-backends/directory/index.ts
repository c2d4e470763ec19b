/**
 * The mock legacy provider directory: the synthetic directory (practitioners,
 * organizations, locations, roles, networks, insurance products, services, endpoints,
 * affiliations) in SQLite behind a non-FHIR JSON API (oas/directory-backend.yaml). Built in
 * memory at start; the same (size, seed) gives the same directory the claims and
 * prior-authorization mocks draw their providers from.
 */
import Database from 'better-sqlite3';
import type { Express } from 'express';
import { DEFAULT_PRACTITIONERS } from '../synthetic/index.js';
import { FaultInjector, type Fault } from '../membership/faults.js';
import { listen, type ListenOptions } from '../legacy-kit/serve.js';
import { createDirectoryApp } from './app.js';
import { loadDirectory, type DirectorySize } from './schema.js';
import { createDirectoryStore } from './store.js';
import { directoryWrites, type DirectoryWrites } from './writes.js';

export { DIRECTORY_OAS_PATH } from './app.js';
export type { DirectorySize } from './schema.js';

/** Options for {@link createDirectoryBackend}. */
export interface DirectoryBackendOptions {
  /** Practitioners in the directory (default 200). */
  readonly practitioners?: number;
  /** Synthetic data seed (default 1): use the members' seed. */
  readonly seed?: number;
  /** Validate responses against the OpenAPI document too (tests). */
  readonly validateResponses?: boolean;
}

/** A directory backend ready to serve. */
export interface DirectoryBackend {
  /** Test-only writes underneath the API (in-memory databases). */
  readonly writes: DirectoryWrites;
  readonly app: Express;
  readonly size: DirectorySize;
  /** Sets or clears the injected fault without going through HTTP. */
  readonly faults: { set(fault: Fault): void; clear(): void };
  /** Closes the database. */
  close(): void;
}

/** A directory backend listening on a port. */
export interface RunningDirectoryBackend {
  /** Base URL, e.g. `http://127.0.0.1:8083`. */
  readonly url: string;
  readonly port: number;
  readonly backend: DirectoryBackend;
  /** Stops listening and closes the database. */
  close(): Promise<void>;
}

/** Creates the backend (Express app + in-memory database). */
export function createDirectoryBackend(options: DirectoryBackendOptions = {}): DirectoryBackend {
  const db = new Database(':memory:');
  const size = {
    practitioners: options.practitioners ?? DEFAULT_PRACTITIONERS,
    seed: options.seed ?? 1,
  };
  loadDirectory(db, size);
  const store = createDirectoryStore(db);
  const faults = new FaultInjector();
  const app = createDirectoryApp(store, faults, { validateResponses: options.validateResponses });
  return { app, size, faults, writes: directoryWrites(db), close: () => store.close() };
}

/** Creates the backend and listens (ephemeral port on loopback by default). */
export async function startDirectoryBackend(
  options: DirectoryBackendOptions & ListenOptions = {},
): Promise<RunningDirectoryBackend> {
  const backend = createDirectoryBackend(options);
  const listening = await listen(backend.app, options);
  const close = async (): Promise<void> => {
    await listening.close();
    backend.close();
  };
  return { url: listening.url, port: listening.port, backend, close };
}

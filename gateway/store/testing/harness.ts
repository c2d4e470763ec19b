/**
 * The shared store test suite: every backend (SQLite in memory, SQLite file, PostgreSQL)
 * runs the same tests, so the two dialects cannot drift apart. Each test gets a fresh,
 * empty database from the backend's factory and disposes of it afterwards.
 */
import { SqlAuditRepository } from '../audit-repository.js';
import type { StoreOptions } from '../index.js';
import { migrate } from '../migrate.js';
import { migrations } from '../migrations/index.js';
import { SqlResourceRepository } from '../resource-repository.js';
import type { AuditRepository, Database, ResourceRepository } from '../types.js';

/** One fresh, empty database for one test. */
export interface TestDatabase {
  /** A handle on it, not yet migrated. */
  readonly db: Database;
  /** Options that make `createStore` open this same database; absent for `:memory:`. */
  readonly options?: StoreOptions;
  /** Opens a second handle on the same database; absent for `:memory:`. */
  readonly openAnother?: () => Database;
  /** Closes handles and drops what the test created. */
  dispose(): Promise<void>;
}

/** Where a suite run gets its databases. */
export interface StoreBackend {
  fresh(): Promise<TestDatabase>;
  /** Whether two handles may run transactions at the same time (not so for SQLite). */
  readonly parallelHandles: boolean;
  /** Releases whatever the backend holds for the whole run. */
  close(): Promise<void>;
}

/** What each test sees: set in `beforeEach`, valid until the test ends. */
export interface Harness {
  backend: StoreBackend;
  current: TestDatabase;
  db: Database;
  resources: ResourceRepository;
  audit: AuditRepository;
}

/**
 * Registers mocha hooks giving each test a fresh database. With `migrated`, the schema is
 * applied and the repositories are ready too.
 */
export function useFreshDatabase(harness: Harness, migrated: boolean): void {
  let current: TestDatabase | undefined;

  beforeEach(async function () {
    current = await harness.backend.fresh();
    harness.current = current;
    harness.db = harness.current.db;
    if (!migrated) return;
    await migrate(harness.db, migrations);
    harness.resources = new SqlResourceRepository(harness.db);
    harness.audit = new SqlAuditRepository(harness.db);
  });

  afterEach(async function () {
    await current?.dispose();
    current = undefined;
  });
}

/** Waits long enough for `new Date().toISOString()` to change. */
export function nextMillisecond(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 3));
}

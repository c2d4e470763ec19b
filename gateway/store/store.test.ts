/**
 * The store against every backend: SQLite in memory, SQLite in a file, and PostgreSQL when
 * TEST_DATABASE_URL names a database this test may create schemas in (`.ci/run` sets it).
 * Each PostgreSQL test runs in a schema of its own, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';
import type { StoreBackend, TestDatabase } from './testing/harness.js';
import { describeStoreSuite } from './testing/suite.js';

const sqliteMemory = (): Promise<StoreBackend> =>
  Promise.resolve({
    parallelHandles: false,
    fresh: () => {
      const db = openSqlite(':memory:');
      return Promise.resolve({ db, dispose: () => db.close() });
    },
    close: () => Promise.resolve(),
  });

const sqliteFile = (): Promise<StoreBackend> =>
  Promise.resolve({
    parallelHandles: false,
    fresh: async (): Promise<TestDatabase> => {
      const dir = await mkdtemp(join(tmpdir(), 'gateway-store-'));
      const sqlitePath = join(dir, 'nested', 'gateway.db');
      const db = openSqlite(sqlitePath);
      const dispose = async (): Promise<void> => {
        await db.close();
        await rm(dir, { recursive: true, force: true });
      };
      return { db, options: { sqlitePath }, openAnother: () => openSqlite(sqlitePath), dispose };
    },
    close: () => Promise.resolve(),
  });

/** The URL with `search_path` set to `schema` for every connection opened from it. */
function inSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

const postgres = (url: string) => async (): Promise<StoreBackend> => {
  const admin = openPostgres(url, 2);
  await admin.query('SELECT 1');
  const fresh = async (): Promise<TestDatabase> => {
    const schema = `store_test_${randomBytes(6).toString('hex')}`;
    await admin.execute(`CREATE SCHEMA ${schema}`);
    const postgresUrl = inSchema(url, schema);
    const db = openPostgres(postgresUrl, 10);
    const dispose = async (): Promise<void> => {
      await db.close();
      await admin.execute(`DROP SCHEMA ${schema} CASCADE`);
    };
    const openAnother = () => openPostgres(postgresUrl, 10);
    return { db, options: { sqlitePath: '', postgresUrl }, openAnother, dispose };
  };
  return { parallelHandles: true, fresh, close: () => admin.close() };
};

describe('store', function () {
  describeStoreSuite('SQLite in memory', sqliteMemory);
  describeStoreSuite('SQLite file', sqliteFile);

  const url = process.env.TEST_DATABASE_URL;
  describeStoreSuite(
    'PostgreSQL',
    url ? postgres(url) : { skipReason: 'TEST_DATABASE_URL is not set' },
  );
});

/**
 * The gateway's store: PostgreSQL when a URL is configured (several instances), else an
 * embedded SQLite file (one instance). The schema is migrated before the store is returned.
 */
import type { Logger } from 'winston';
import { SqlAuditRepository } from './audit-repository.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';
import { openPostgres } from './postgres.js';
import { SqlResourceRepository } from './resource-repository.js';
import { openSqlite } from './sqlite.js';
import type { Database, Store } from './types.js';

export type * from './types.js';
export { SchemaTooNewError } from './migrate.js';

/** Default PostgreSQL pool size when none is configured. */
const DEFAULT_POOL_MAX = 10;

export interface StoreOptions {
  /** SQLite file (or `:memory:`), used when `postgresUrl` is not set. */
  readonly sqlitePath: string;
  readonly postgresUrl?: string;
  readonly poolMax?: number;
  readonly logger?: Logger;
}

/**
 * Opens the configured database, applies pending migrations and returns the repositories.
 * Fails (closing the database) when the schema is newer than this build knows.
 */
export async function createStore(options: StoreOptions): Promise<Store> {
  const db = openDatabase(options);
  try {
    const report = await migrate(db, migrations);
    options.logger?.info('store ready', {
      dialect: db.dialect,
      schemaVersion: report.current,
      appliedMigrations: report.applied,
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    db,
    resources: new SqlResourceRepository(db),
    audit: new SqlAuditRepository(db),
    health: () => checkHealth(db),
    close: () => db.close(),
  };
}

function openDatabase({ sqlitePath, postgresUrl, poolMax, logger }: StoreOptions): Database {
  if (!postgresUrl) return openSqlite(sqlitePath);
  return openPostgres(postgresUrl, poolMax ?? DEFAULT_POOL_MAX, (error) =>
    logger?.warn('idle database connection lost', { code: errorCode(error) }),
  );
}

/** `SELECT 1`; the detail names only the error code (no host names or credentials). */
async function checkHealth(db: Database): Promise<{ status: 'pass' | 'fail'; detail?: string }> {
  try {
    await db.query('SELECT 1 AS ok');
    return { status: 'pass' };
  } catch (error) {
    return { status: 'fail', detail: `${db.dialect} unavailable (${errorCode(error)})` };
  }
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    return String(error.code);
  }
  return error instanceof Error ? error.name : 'unknown';
}

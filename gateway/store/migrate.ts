/**
 * Brings the schema up to date at start. Applied versions are recorded in
 * `schema_migrations`; pending ones run in order, each in its own transaction, while holding
 * a lock that spans gateway instances, so instances starting together apply each one once.
 */
import type { Database, Migration, MigrationReport, Queryable } from './types.js';

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** The database was migrated by a newer gateway: running older code on it is unsafe. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `Database schema is at version ${databaseVersion} but this gateway only knows up to ` +
        `version ${knownVersion}; run a gateway release that includes migration ` +
        `${databaseVersion} (downgrades are not supported)`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Applies the pending `migrations` (ascending, unique versions) and reports which ran.
 * Throws {@link SchemaTooNewError} before changing anything if the database is newer.
 */
export async function migrate(
  db: Database,
  migrations: readonly Migration[],
): Promise<MigrationReport> {
  assertAscending(migrations);
  const known = migrations.at(-1)?.version ?? 0;

  return db.withExclusiveLock('migrations', async () => {
    await db.execute(CREATE_LEDGER);
    const done = await appliedVersions(db);
    const current = Math.max(0, ...done);
    if (current > known) throw new SchemaTooNewError(current, known);

    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      if (await applyOne(db, migration)) applied.push(migration.version);
    }
    return { applied, current: Math.max(current, ...applied) };
  });
}

function assertAscending(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous && previous.version >= migration.version) {
      throw new Error(`Migrations out of order at version ${migration.version}`);
    }
  });
}

async function appliedVersions(db: Queryable): Promise<Set<number>> {
  const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((row) => Number(row.version)));
}

/**
 * Runs one migration and records it, atomically. Re-checks inside the transaction: SQLite
 * files shared by several processes rely on the write lock rather than the named lock.
 */
function applyOne(db: Database, migration: Migration): Promise<boolean> {
  return db.transaction(async (tx) => {
    const seen = await tx.query('SELECT 1 AS seen FROM schema_migrations WHERE version = ?', [
      migration.version,
    ]);
    if (seen.length > 0) return false;

    for (const statement of splitStatements(sqlFor(db.dialect, migration))) {
      await tx.execute(statement);
    }
    await tx.execute('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
      migration.version,
      migration.name,
      new Date().toISOString(),
    ]);
    return true;
  });
}

function sqlFor(dialect: Database['dialect'], migration: Migration): string {
  return typeof migration.sql === 'string' ? migration.sql : migration.sql[dialect];
}

/**
 * Splits a script on `;` outside single-quoted literals, since drivers prepare one statement
 * at a time. Migrations must not rely on semicolons in bodies such as triggers.
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of script) {
    if (ch === "'") quoted = !quoted;
    if (ch === ';' && !quoted) {
      statements.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  statements.push(current);
  return statements.map((statement) => statement.trim()).filter((s) => s.length > 0);
}

/**
 * The few column definitions that differ between SQLite and PostgreSQL. Migrations build
 * their text once from these, so the rest of the DDL stays shared and portable.
 */
export interface DialectSql {
  /** A strictly increasing integer key that is never reused, for keyset ordering. */
  readonly serialKey: string;
}

const SQLITE: DialectSql = { serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT' };
const POSTGRES: DialectSql = { serialKey: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY' };

/** Renders one migration text per dialect from a template over {@link DialectSql}. */
export function perDialect(build: (sql: DialectSql) => string): {
  readonly sqlite: string;
  readonly postgres: string;
} {
  return { sqlite: build(SQLITE), postgres: build(POSTGRES) };
}

/**
 * Building WHERE clauses and paged queries for the legacy mocks' SQLite stores. Every list
 * is ordered by a dense row ordinal assigned at load time, so offset paging is stable.
 */
import type Database from 'better-sqlite3';

/** AND-ed clauses with their positional parameters. */
export interface Where {
  readonly clauses: string[];
  readonly params: unknown[];
}

/** An empty WHERE. */
export function where(): Where {
  return { clauses: [], params: [] };
}

/** `column = value`, when the value is given. */
export function equal(into: Where, column: string, value: string | number | undefined): void {
  if (value === undefined) return;
  into.clauses.push(`${column} = ?`);
  into.params.push(value);
}

/** A clause with one placeholder (`col >= ?`), when the value is given. */
export function compare(into: Where, clause: string, value: string | number | undefined): void {
  if (value === undefined) return;
  into.clauses.push(clause);
  into.params.push(value);
}

/** `column IN (...)`, when values are given. */
export function oneOf(into: Where, column: string, values: readonly string[] | undefined): void {
  if (values === undefined) return;
  into.clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
  into.params.push(...values);
}

/** A page of rows and, when asked for, the count of all matches. */
export interface Page<T> {
  readonly rows: T[];
  readonly total?: number;
}

/** Caches prepared statements by SQL text. */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    const cached = statements.get(sql) ?? db.prepare(sql);
    statements.set(sql, cached);
    return cached;
  };
}

/** Runs `select` with the WHERE, ordered by `ordinal`, one page at a time. */
export function pageOf<T>(
  prepare: (sql: string) => Database.Statement,
  select: string,
  filter: Where,
  options: { ordinal: string; offset: number; limit: number; total: boolean },
): Page<T> {
  const condition = filter.clauses.length > 0 ? ` WHERE ${filter.clauses.join(' AND ')}` : '';
  const sql = `${select}${condition} ORDER BY ${options.ordinal} LIMIT ? OFFSET ?`;
  const rows = prepare(sql).all(...filter.params, options.limit, options.offset) as T[];
  if (!options.total) return { rows };
  const count = prepare(`SELECT COUNT(*) AS N FROM (${select}${condition})`);
  const { N } = count.get(...filter.params) as { N: number };
  return { rows, total: N };
}

/** `INSERT INTO table (columns...) VALUES (?...)`. */
export function insertSql(table: string, columns: readonly string[]): string {
  const placeholders = columns.map(() => '?').join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})`;
}

/**
 * Building WHERE clauses and paged queries for the legacy mocks' SQLite stores. Every list
 * is ordered by the rows' unique key and pages by keyset (`key > after`), so a page never
 * shifts when rows are inserted or deleted before it (consistent paging while data changes).
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

/** How {@link pageOf} orders and cuts a page. */
export interface PageOptions {
  /** The unique key, one column or several (compared as a row value), ordered ascending. */
  readonly key: string | readonly string[];
  /** Key values of the last row of the previous page, one per key column. */
  readonly after?: readonly (string | number)[];
  readonly offset: number;
  readonly limit: number;
  readonly total: boolean;
}

/**
 * Runs `select` with the WHERE, ordered by key, one page at a time: rows after `after` (if
 * given), then `offset` skipped. The count, when asked for, ignores `after` and `offset`.
 */
export function pageOf<T>(
  prepare: (sql: string) => Database.Statement,
  select: string,
  filter: Where,
  options: PageOptions,
): Page<T> {
  const key = typeof options.key === 'string' ? [options.key] : options.key;
  const condition = filter.clauses.length > 0 ? ` WHERE ${filter.clauses.join(' AND ')}` : '';
  const seek = options.after === undefined ? undefined : afterClause(key, options.after);
  const cut = seek ? `${condition ? `${condition} AND` : ' WHERE'} ${seek}` : condition;
  const sql = `${select}${cut} ORDER BY ${key.join(', ')} LIMIT ? OFFSET ?`;
  const params = [...filter.params, ...(options.after ?? [])];
  const rows = prepare(sql).all(...params, options.limit, options.offset) as T[];
  if (!options.total) return { rows };
  const count = prepare(`SELECT COUNT(*) AS N FROM (${select}${condition})`);
  const { N } = count.get(...filter.params) as { N: number };
  return { rows, total: N };
}

function afterClause(key: readonly string[], after: readonly unknown[]): string {
  if (after.length !== key.length) throw new Error('after must give one value per key column');
  if (key.length === 1) return `${key[0] ?? ''} > ?`;
  return `(${key.join(', ')}) > (${key.map(() => '?').join(', ')})`;
}

/** `INSERT INTO table (columns...) VALUES (?...)`. */
export function insertSql(table: string, columns: readonly string[]): string {
  const placeholders = columns.map(() => '?').join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})`;
}

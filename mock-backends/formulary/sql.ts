/**
 * A small SQL filter builder and paged query for the mock legacy backends (formulary and
 * clinical). Pages are always ordered by a dense row ordinal assigned at load time, so
 * offset paging is stable; the legacy `*` wildcard convention of the membership system is
 * kept for names (exact and case-sensitive without `*`, case-insensitive LIKE with it).
 */
import type Database from 'better-sqlite3';

/** Accumulated WHERE clauses and their parameters. */
export class Where {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  /** `column = value`, skipped when the value is absent. */
  equal(column: string, value: string | number | undefined): this {
    if (value === undefined) return this;
    this.clauses.push(`${column} = ?`);
    this.params.push(value);
    return this;
  }

  /** Any SQL comparison with one placeholder, skipped when the value is absent. */
  compare(clause: string, value: string | number | undefined): this {
    if (value === undefined) return this;
    this.clauses.push(clause);
    this.params.push(value);
    return this;
  }

  /** `column IN (...)`, skipped when the list is absent. */
  oneOf(column: string, values: readonly (string | number)[] | undefined): this {
    if (values === undefined) return this;
    this.clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    this.params.push(...values);
    return this;
  }

  /** Any of several columns in the list (codes kept in more than one code system). */
  anyOf(columns: readonly string[], values: readonly string[] | undefined): this {
    if (values === undefined || columns.length === 0) return this;
    const marks = values.map(() => '?').join(', ');
    this.clauses.push(`(${columns.map((column) => `${column} IN (${marks})`).join(' OR ')})`);
    for (let i = 0; i < columns.length; i++) this.params.push(...values);
    return this;
  }

  /** Exact (case-sensitive) or `*` wildcard (case-insensitive) text match. */
  text(column: string, value: string | undefined): this {
    if (value === undefined) return this;
    if (!value.includes('*')) return this.equal(column, value);
    this.clauses.push(`${column} LIKE ? COLLATE NOCASE`);
    this.params.push(value.replaceAll('*', '%'));
    return this;
  }

  /** The WHERE part of a statement (empty when nothing filters). */
  sql(): string {
    return this.clauses.length > 0 ? ` WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/** Paging options: zero-based offset, page size, and whether to count all matches. */
export interface Paging {
  readonly offset: number;
  readonly limit: number;
  readonly total: boolean;
}

/** One page of rows, with the count of all matches when asked for. */
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

/** Runs `select` with the filter, ordered by `ordinal`, one page at a time. */
export function pageOf<T>(
  prepare: (sql: string) => Database.Statement,
  select: string,
  where: Where,
  ordinal: string,
  paging: Paging,
): Page<T> {
  const filter = where.sql();
  const sql = `${select}${filter} ORDER BY ${ordinal} LIMIT ? OFFSET ?`;
  const rows = prepare(sql).all(...where.params, paging.limit, paging.offset) as T[];
  if (!paging.total) return { rows };
  const { N } = prepare(`SELECT COUNT(*) AS N FROM (${select}${filter})`).get(...where.params) as {
    N: number;
  };
  return { rows, total: N };
}

/** `INSERT INTO table (columns) VALUES (?, ...)`. */
export function insertSql(table: string, columns: readonly string[]): string {
  const placeholders = columns.map(() => '?').join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})`;
}

/** A row's values in column order. */
export function valuesOf(row: object, columns: readonly string[]): unknown[] {
  const record = row as Record<string, unknown>;
  return columns.map((column) => record[column] ?? null);
}

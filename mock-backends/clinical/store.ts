/**
 * Read access to the clinical database: one query shape for every class, by member or
 * across members, with date range, code, category, status, encounter, group and update
 * filters. Rows come back in record id order (ids begin with the member number), so both
 * offset paging and keyset paging (`after` = the last id seen) are stable; with keyset
 * paging a row added before the cursor never shifts later pages.
 */
import type Database from 'better-sqlite3';
import { statementCache, Where, type Page, type Paging } from '../formulary/sql.js';
import type { ClassDef } from './classes.js';
import { readPopulation, type Population } from './schema.js';

/** A legacy row: column name to value. */
export type Row = Record<string, string | number | null>;

/** Search criteria for one class (all optional, combined with AND). */
export interface ClassQuery extends Paging {
  /** Member sequences (member index + 1). */
  readonly memberSeqs?: readonly number[];
  /** Inclusive `YYYYMMDD` bounds on the class's clinical date. */
  readonly dateFrom?: string;
  readonly dateTo?: string;
  readonly codes?: readonly string[];
  readonly categories?: readonly string[];
  readonly statuses?: readonly string[];
  readonly encounterId?: string;
  /** Vital sign groups (a blood pressure's two readings share one). */
  readonly groupIds?: readonly string[];
  /** Another date column of the class the date bounds apply to (see ClassDef.altDates). */
  readonly dateOf?: string;
  /** Legacy timestamp; rows changed at or after it. */
  readonly updatedSince?: string;
  /** Keyset cursor: only rows whose id sorts after this one. */
  readonly after?: string;
}

/** The queries the HTTP layer needs. */
export interface ClinicalStore {
  readonly population: Population;
  find(def: ClassDef, id: string): Row | undefined;
  search(def: ClassDef, query: ClassQuery): Page<Row>;
  close(): void;
}

/** Wraps an open clinical database. */
export function createClinicalStore(db: Database.Database): ClinicalStore {
  const population = readPopulation(db);
  const prepare = statementCache(db);
  const select = (def: ClassDef): string =>
    `SELECT ${def.columns.map((c) => c.name).join(', ')} FROM ${def.table}`;
  return {
    population,
    find: (def, id) =>
      prepare(`${select(def)} WHERE ${def.idColumn} = ?`).get(id) as Row | undefined,
    search: (def, query) => pageOf(prepare, select(def), def, query),
    close: () => db.close(),
  };
}

/** One page in id order; the total counts every match, before and after the cursor. */
function pageOf(
  prepare: (sql: string) => Database.Statement,
  select: string,
  def: ClassDef,
  query: ClassQuery,
): Page<Row> {
  const rowsWhere = whereOf(def, query).compare(`${def.idColumn} > ?`, query.after);
  // With members given, `+` keeps SQLite on the member index and sorts the few rows found.
  const order = query.memberSeqs ? `+${def.idColumn}` : def.idColumn;
  const sql = `${select}${rowsWhere.sql()} ORDER BY ${order} LIMIT ? OFFSET ?`;
  const rows = prepare(sql).all(...rowsWhere.params, query.limit, query.offset) as Row[];
  if (!query.total) return { rows };
  const where = whereOf(def, query);
  const count = prepare(`SELECT COUNT(*) AS N FROM ${def.table}${where.sql()}`);
  return { rows, total: (count.get(...where.params) as { N: number }).N };
}

function whereOf(def: ClassDef, query: ClassQuery): Where {
  const where = new Where().oneOf('MBR_SEQ', query.memberSeqs);
  dateRange(where, def, query);
  where.anyOf(def.codeColumns, query.codes);
  if (def.categoryColumn) where.oneOf(def.categoryColumn, query.categories);
  if (def.statusColumn) where.oneOf(def.statusColumn, query.statuses);
  if (def.columns.some((c) => c.name === 'ENC_ID')) where.equal('ENC_ID', query.encounterId);
  if (def.groupColumn) where.oneOf(def.groupColumn, query.groupIds);
  // Unary + keeps SQLite walking the member index rather than a timestamp scan.
  return where.compare('+LAST_UPD_TS >= ?', query.updatedSince);
}

/** Dates are `YYYYMMDD` or timestamps `YYYY-MM-DD-...`: compare in the column's own form. */
function dateRange(where: Where, def: ClassDef, query: ClassQuery): void {
  const dateColumn = def.altDates.includes(query.dateOf ?? '') ? query.dateOf! : def.dateColumn;
  const timestamp = def.columns.find((c) => c.name === dateColumn)?.conversion.kind === 'ts';
  const form = (date: string): string =>
    timestamp ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}` : date;
  const column = timestamp ? `substr(${dateColumn}, 1, 10)` : dateColumn;
  if (query.dateFrom) where.compare(`${column} >= ?`, form(query.dateFrom));
  if (query.dateTo) where.compare(`${column} <= ?`, form(query.dateTo));
}

/**
 * Read access to the clinical database: one query shape for every class, by member or
 * across members, with date range, code, category, status, encounter and update filters.
 * Rows come back in ROW_SEQ order (member, then clinical date), so offset paging is stable.
 */
import type Database from 'better-sqlite3';
import { pageOf, statementCache, Where, type Page, type Paging } from '../formulary/sql.js';
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
  /** Legacy timestamp; rows changed at or after it. */
  readonly updatedSince?: string;
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
    search: (def, query) =>
      pageOf<Row>(prepare, select(def), whereOf(def, query), 'ROW_SEQ', query),
    close: () => db.close(),
  };
}

function whereOf(def: ClassDef, query: ClassQuery): Where {
  const where = new Where().oneOf('MBR_SEQ', query.memberSeqs);
  dateRange(where, def, query);
  where.anyOf(def.codeColumns, query.codes);
  if (def.categoryColumn) where.oneOf(def.categoryColumn, query.categories);
  if (def.statusColumn) where.oneOf(def.statusColumn, query.statuses);
  if (def.columns.some((c) => c.name === 'ENC_ID')) where.equal('ENC_ID', query.encounterId);
  // Unary + keeps SQLite walking the member index rather than a timestamp scan.
  return where.compare('+LAST_UPD_TS >= ?', query.updatedSince);
}

/** Dates are `YYYYMMDD` or timestamps `YYYY-MM-DD-...`: compare in the column's own form. */
function dateRange(where: Where, def: ClassDef, query: ClassQuery): void {
  const timestamp = def.columns.find((c) => c.name === def.dateColumn)?.conversion.kind === 'ts';
  const form = (date: string): string =>
    timestamp ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}` : date;
  const column = timestamp ? `substr(${def.dateColumn}, 1, 10)` : def.dateColumn;
  if (query.dateFrom) where.compare(`${column} >= ?`, form(query.dateFrom));
  if (query.dateTo) where.compare(`${column} <= ?`, form(query.dateTo));
}

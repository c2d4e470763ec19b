/**
 * Test-only writes to a legacy mock's in-memory store. The legacy systems are read through
 * their APIs only, yet their data changes underneath a client that is paging (claims get
 * adjudicated, members enrol); tests use these to prove paging stays consistent while it does.
 */
import type Database from 'better-sqlite3';
import { insertSql } from './sql.js';

/** Column values identifying rows, AND-ed (`{ MBR_ID: 'MBR00000001' }`). */
export type Match = Readonly<Record<string, string | number>>;
type Row = Record<string, unknown>;

function whereOf(match: Match): { sql: string; params: (string | number)[] } {
  const columns = Object.keys(match);
  if (columns.length === 0) throw new Error('a write must match on at least one column');
  return { sql: columns.map((c) => `${c} = ?`).join(' AND '), params: Object.values(match) };
}

/**
 * Copies every row of `table` that matches, each changed by `edit` (e.g. a new id; `null`
 * for an INTEGER PRIMARY KEY gets a fresh one). Returns the rowid of the last row inserted
 * (0 when nothing matched).
 */
export function copyRows(
  db: Database.Database,
  table: string,
  match: Match,
  edit: (row: Row) => Row,
): number {
  const where = whereOf(match);
  const rows = db.prepare(`SELECT * FROM ${table} WHERE ${where.sql}`).all(...where.params);
  let rowid = 0;
  for (const row of rows as Row[]) {
    const copy = edit({ ...row });
    const columns = Object.keys(copy);
    const info = db.prepare(insertSql(table, columns)).run(...columns.map((c) => copy[c]));
    rowid = Number(info.lastInsertRowid);
  }
  return rowid;
}

/** Deletes the rows of `table` that match; returns how many. */
export function deleteRows(db: Database.Database, table: string, match: Match): number {
  const where = whereOf(match);
  return db.prepare(`DELETE FROM ${table} WHERE ${where.sql}`).run(...where.params).changes;
}

/** A row's JSON document (a `DOC` column) with fields replaced. */
export function editDoc(doc: unknown, fields: Readonly<Record<string, unknown>>): string {
  return JSON.stringify({ ...(JSON.parse(String(doc)) as Row), ...fields });
}

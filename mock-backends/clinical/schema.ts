/**
 * The clinical data repository's SQLite database: one table per class (classes.ts), rows
 * numbered densely in member then date order (ROW_SEQ) so paging is stable, and loading of
 * synthetic histories member by member in batched transactions, in constant memory.
 */
import type Database from 'better-sqlite3';
import { toLegacyDate, toLegacyTimestamp } from '../membership/legacy.js';
import { insertSql } from '../formulary/sql.js';
import { generateClinical } from '../synthetic/index.js';
import { CLASSES, type ClassDef, type Column } from './classes.js';

/** Which synthetic population a database holds (kept in its `META` table). */
export interface Population {
  readonly count: number;
  readonly seed: number;
}

/** Progress callback for long loads: members written so far. */
export type LoadProgress = (written: number) => void;

/** Layout version; a file of another version must be regenerated. */
const SCHEMA_VERSION = '1';
const BATCH_SIZE = 500;

/** Creates the schema in an empty database and loads the population's histories. */
export function loadClinical(
  db: Database.Database,
  population: Population,
  onProgress?: LoadProgress,
): void {
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -65536');
  db.exec('CREATE TABLE META (KEY TEXT PRIMARY KEY, VALUE TEXT NOT NULL)');
  for (const def of CLASSES) db.exec(tableSql(def));
  const inserts = CLASSES.map((def) =>
    db.prepare(insertSql(def.table, ['MBR_SEQ', ...def.columns.map((c) => c.name)])),
  );
  const writeBatch = db.transaction((from: number, count: number) => {
    for (const record of generateClinical({ from, count, seed: population.seed })) {
      CLASSES.forEach((def, i) => {
        for (const row of def.records(record)) {
          inserts[i]!.run(record.index + 1, ...rowValues(def, row));
        }
      });
    }
  });
  for (let from = 0; from < population.count; from += BATCH_SIZE) {
    writeBatch(from, Math.min(BATCH_SIZE, population.count - from));
    onProgress?.(Math.min(from + BATCH_SIZE, population.count));
  }
  for (const def of CLASSES) db.exec(indexSql(def));
  writeMeta(db, population);
  db.pragma('journal_mode = DELETE');
}

/** Reads which population a database holds; throws if it is not a clinical database. */
export function readPopulation(db: Database.Database): Population {
  const rows = db.prepare('SELECT KEY, VALUE FROM META').all() as { KEY: string; VALUE: string }[];
  const meta = new Map(rows.map((row) => [row.KEY, row.VALUE]));
  const count = Number(meta.get('MBR_CNT'));
  const seed = Number(meta.get('SEED'));
  if (!Number.isInteger(count) || !Number.isInteger(seed)) {
    throw new Error('Not a clinical database: META has no MBR_CNT/SEED');
  }
  if (meta.get('SCHEMA_VER') !== SCHEMA_VERSION) {
    throw new Error('The clinical database has an older layout: regenerate it');
  }
  return { count, seed };
}

/** A synthetic record's values in the table's column order, converted to legacy form. */
export function rowValues(def: ClassDef, record: object): unknown[] {
  const source = record as Record<string, unknown>;
  return def.columns.map((column) => convert(column, source[column.field]));
}

function convert(column: Column, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const conversion = column.conversion;
  switch (conversion.kind) {
    case 'date':
      return toLegacyDate(value as string);
    case 'ts':
      return toLegacyTimestamp(value as string);
    case 'yn':
      return value ? 'Y' : 'N';
    case 'list':
      return (value as readonly string[]).join(',');
    case 'code':
      return conversion.codes[value as string] ?? value;
    default:
      return value;
  }
}

function tableSql(def: ClassDef): string {
  const columns = def.columns.map(
    (c) => `${c.name}${c.conversion.kind === 'num' ? ' NUMERIC' : ' TEXT'}`,
  );
  return `CREATE TABLE ${def.table} (ROW_SEQ INTEGER PRIMARY KEY, MBR_SEQ INTEGER NOT NULL, ${columns.join(', ')})`;
}

function indexSql(def: ClassDef): string {
  return [
    `CREATE UNIQUE INDEX ${def.table}_ID_IX ON ${def.table} (${def.idColumn});`,
    `CREATE INDEX ${def.table}_MBR_IX ON ${def.table} (MBR_SEQ);`,
  ].join('\n');
}

function writeMeta(db: Database.Database, population: Population): void {
  const insert = db.prepare('INSERT INTO META (KEY, VALUE) VALUES (?, ?)');
  insert.run('MBR_CNT', String(population.count));
  insert.run('SEED', String(population.seed));
  insert.run('SCHEMA_VER', SCHEMA_VERSION);
  insert.run('LOADED_TS', new Date().toISOString());
}

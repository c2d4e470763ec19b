/**
 * The membership system's SQLite database: schema, and loading synthetic members into it.
 * Loading streams members in batched transactions and builds indexes afterwards, so a
 * million members load in constant memory.
 */
import type Database from 'better-sqlite3';
import { generateMembers } from '../synthetic/index.js';
import { memberRow, spanRow } from './legacy.js';

/** Which synthetic population a database holds (kept in its `META` table). */
export interface Population {
  readonly count: number;
  readonly seed: number;
}

/**
 * Version of the layout below; a file of another version must be regenerated. Rows are
 * numbered densely in result order (MBR_SEQ, and SPAN_ROW assigned in member then span
 * order), so an unfiltered page at any offset is a seek on the ordinal instead of a scan.
 */
const SCHEMA_VERSION = '2';

/** Progress callback for long loads: members written so far. */
export type LoadProgress = (written: number) => void;

const MEMBER_COLUMNS = [
  'MBR_SEQ',
  'MBR_ID',
  'SUB_ID',
  'SUBSCR_MBR_ID',
  'PERS_NBR',
  'REL_CD',
  'LAST_NM',
  'FIRST_NM',
  'MID_INIT',
  'SEX_CD',
  'BIRTH_DT',
  'ADDR_LN_1',
  'ADDR_LN_2',
  'CITY_NM',
  'ST_CD',
  'ZIP_CD',
  'HOME_PHN_NBR',
  'CELL_PHN_NBR',
  'EMAIL_ADDR',
  'RACE_CD',
  'ETHN_CD',
  'LANG_CD',
  'PLAN_ID',
  'GRP_ID',
  'LAST_UPD_TS',
] as const;
const SPAN_COLUMNS = [
  'MBR_SEQ',
  'SPAN_SEQ',
  'PLAN_ID',
  'GRP_ID',
  'EFF_DT',
  'TERM_DT',
  'TERM_RSN_CD',
  'ELIG_STAT_CD',
  'LAST_UPD_TS',
] as const;
const BATCH_SIZE = 5000;

const TABLES = `
CREATE TABLE META (KEY TEXT PRIMARY KEY, VALUE TEXT NOT NULL);
CREATE TABLE MBR (
  MBR_SEQ INTEGER PRIMARY KEY,
  MBR_ID TEXT NOT NULL,
  SUB_ID TEXT NOT NULL,
  SUBSCR_MBR_ID TEXT NOT NULL,
  PERS_NBR TEXT NOT NULL,
  REL_CD TEXT NOT NULL,
  LAST_NM TEXT NOT NULL COLLATE NOCASE,
  FIRST_NM TEXT NOT NULL COLLATE NOCASE,
  MID_INIT TEXT,
  SEX_CD TEXT NOT NULL,
  BIRTH_DT TEXT NOT NULL,
  ADDR_LN_1 TEXT NOT NULL,
  ADDR_LN_2 TEXT,
  CITY_NM TEXT NOT NULL,
  ST_CD TEXT NOT NULL,
  ZIP_CD TEXT NOT NULL,
  HOME_PHN_NBR TEXT NOT NULL,
  CELL_PHN_NBR TEXT,
  EMAIL_ADDR TEXT,
  RACE_CD TEXT NOT NULL,
  ETHN_CD TEXT NOT NULL,
  LANG_CD TEXT NOT NULL,
  PLAN_ID TEXT NOT NULL,
  GRP_ID TEXT NOT NULL,
  LAST_UPD_TS TEXT NOT NULL
);
CREATE TABLE ELIG_SPAN (
  SPAN_ROW INTEGER PRIMARY KEY,
  MBR_SEQ INTEGER NOT NULL,
  SPAN_SEQ INTEGER NOT NULL,
  PLAN_ID TEXT NOT NULL,
  GRP_ID TEXT NOT NULL,
  EFF_DT TEXT NOT NULL,
  TERM_DT TEXT NOT NULL,
  TERM_RSN_CD TEXT,
  ELIG_STAT_CD TEXT NOT NULL,
  LAST_UPD_TS TEXT NOT NULL
);
`;

const INDEXES = `
CREATE UNIQUE INDEX MBR_ID_IX ON MBR (MBR_ID);
CREATE UNIQUE INDEX ELIG_SPAN_IX ON ELIG_SPAN (MBR_SEQ, SPAN_SEQ);
CREATE INDEX MBR_NAME_IX ON MBR (LAST_NM, FIRST_NM);
CREATE INDEX MBR_FIRST_NM_IX ON MBR (FIRST_NM);
CREATE INDEX MBR_BIRTH_DT_IX ON MBR (BIRTH_DT);
CREATE INDEX MBR_SUB_ID_IX ON MBR (SUB_ID);
CREATE INDEX MBR_SUBSCR_IX ON MBR (SUBSCR_MBR_ID);
`;

/** Creates the schema in an empty database and loads `population` into it. */
export function loadPopulation(
  db: Database.Database,
  population: Population,
  onProgress?: LoadProgress,
): void {
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('cache_size = -65536');
  db.exec(TABLES);
  const insertMember = db.prepare(insertSql('MBR', MEMBER_COLUMNS));
  const insertSpan = db.prepare(insertSql('ELIG_SPAN', SPAN_COLUMNS));
  const writeBatch = db.transaction((from: number, count: number) => {
    for (const member of generateMembers({ from, count, seed: population.seed })) {
      const seq = member.index + 1;
      insertMember.run(seq, ...valuesOf(memberRow(member), MEMBER_COLUMNS));
      for (const period of member.coverage) {
        insertSpan.run(seq, ...valuesOf(spanRow(period), SPAN_COLUMNS));
      }
    }
  });
  for (let from = 0; from < population.count; from += BATCH_SIZE) {
    writeBatch(from, Math.min(BATCH_SIZE, population.count - from));
    onProgress?.(Math.min(from + BATCH_SIZE, population.count));
  }
  db.exec(INDEXES);
  writeMeta(db, population);
  db.pragma('journal_mode = DELETE');
}

/** Reads which population a database holds; throws if it is not a membership database. */
export function readPopulation(db: Database.Database): Population {
  const rows = db.prepare('SELECT KEY, VALUE FROM META').all() as { KEY: string; VALUE: string }[];
  const meta = new Map(rows.map((row) => [row.KEY, row.VALUE]));
  const count = Number(meta.get('MBR_CNT'));
  const seed = Number(meta.get('SEED'));
  if (!Number.isInteger(count) || !Number.isInteger(seed)) {
    throw new Error('Not a membership database: META has no MBR_CNT/SEED');
  }
  if (meta.get('SCHEMA_VER') !== SCHEMA_VERSION) {
    throw new Error(
      'The membership database has an older layout: regenerate it (npm run generate)',
    );
  }
  return { count, seed };
}

function writeMeta(db: Database.Database, population: Population): void {
  const insert = db.prepare('INSERT INTO META (KEY, VALUE) VALUES (?, ?)');
  insert.run('MBR_CNT', String(population.count));
  insert.run('SEED', String(population.seed));
  insert.run('SCHEMA_VER', SCHEMA_VERSION);
  insert.run('LOADED_TS', new Date().toISOString());
}

/** Row values in column order (after the leading MBR_SEQ, bound separately). */
function valuesOf<T extends object>(row: T, columns: readonly string[]): unknown[] {
  const record = row as Record<string, unknown>;
  return columns.slice(1).map((column) => record[column]);
}

function insertSql(table: string, columns: readonly string[]): string {
  const placeholders = columns.map(() => '?').join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})`;
}

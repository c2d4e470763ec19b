/**
 * The utilization-management system's SQLite database: one row per request with the
 * columns its searches use and the whole request (lines, diagnoses, documents) as JSON,
 * loaded from the synthetic generator member by member in batched transactions. Requests
 * are numbered densely in load order (member, then receipt), the order every list uses.
 */
import type Database from 'better-sqlite3';
import { buildDirectory, generateMembers, priorAuthsOf } from '../synthetic/index.js';
import { insertSql } from '../legacy-kit/sql.js';
import { authRow } from './legacy.js';

/** Which synthetic population a database holds (kept in its `META` table). */
export interface AuthPopulation {
  readonly members: number;
  readonly seed: number;
  /** Size of the provider directory the requests name providers from. */
  readonly practitioners: number;
}

const TABLES = `
CREATE TABLE META (KEY TEXT PRIMARY KEY, VALUE TEXT NOT NULL);
CREATE TABLE AUTH (
  AUTH_ROW INTEGER PRIMARY KEY,
  AUTH_NBR TEXT NOT NULL,
  MBR_ID TEXT NOT NULL,
  AUTH_TYP_CD TEXT NOT NULL,
  AUTH_STAT_CD TEXT NOT NULL,
  URG_CD TEXT NOT NULL,
  REQ_RCVD_TS TEXT NOT NULL,
  AUTH_EXP_DT TEXT,
  LAST_STAT_CHG_TS TEXT NOT NULL,
  LAST_UPD_TS TEXT NOT NULL,
  DOC TEXT NOT NULL
);
`;

const INDEXES = `
CREATE UNIQUE INDEX AUTH_NBR_IX ON AUTH (AUTH_NBR);
CREATE INDEX AUTH_MBR_IX ON AUTH (MBR_ID, AUTH_ROW);
`;

const COLUMNS = [
  'AUTH_ROW',
  'AUTH_NBR',
  'MBR_ID',
  'AUTH_TYP_CD',
  'AUTH_STAT_CD',
  'URG_CD',
  'REQ_RCVD_TS',
  'AUTH_EXP_DT',
  'LAST_STAT_CHG_TS',
  'LAST_UPD_TS',
  'DOC',
];
const BATCH_MEMBERS = 2000;

/** Creates the schema and loads the requests of the population. */
export function loadAuths(db: Database.Database, population: AuthPopulation): number {
  db.exec(TABLES);
  const directory = buildDirectory(population);
  const insert = db.prepare(insertSql('AUTH', COLUMNS));
  let row = 0;
  const writeBatch = db.transaction((from: number, count: number) => {
    for (const member of generateMembers({ from, count, seed: population.seed })) {
      for (const auth of priorAuthsOf(member, { seed: population.seed, directory })) {
        const values = authRow(auth);
        row += 1;
        insert.run(
          row,
          ...COLUMNS.slice(1, -1).map((column) => values[column]),
          JSON.stringify(values),
        );
      }
    }
  });
  for (let from = 0; from < population.members; from += BATCH_MEMBERS) {
    writeBatch(from, Math.min(BATCH_MEMBERS, population.members - from));
  }
  db.exec(INDEXES);
  writeMeta(db, population, row);
  return row;
}

function writeMeta(db: Database.Database, population: AuthPopulation, count: number): void {
  const insert = db.prepare('INSERT INTO META (KEY, VALUE) VALUES (?, ?)');
  insert.run('MBR_CNT', String(population.members));
  insert.run('SEED', String(population.seed));
  insert.run('PRAC_CNT', String(population.practitioners));
  insert.run('AUTH_CNT', String(count));
}

/** Reads which population a database holds. */
export function readAuthPopulation(db: Database.Database): AuthPopulation & { auths: number } {
  const rows = db.prepare('SELECT KEY, VALUE FROM META').all() as { KEY: string; VALUE: string }[];
  const meta = new Map(rows.map((entry) => [entry.KEY, Number(entry.VALUE)]));
  return {
    members: meta.get('MBR_CNT') ?? 0,
    seed: meta.get('SEED') ?? 0,
    practitioners: meta.get('PRAC_CNT') ?? 0,
    auths: meta.get('AUTH_CNT') ?? 0,
  };
}

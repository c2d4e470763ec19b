/**
 * The directory's SQLite database: one table of records (kind, ordinal, id, row as JSON)
 * and one of searchable attributes (kind, ordinal, key, value, case-insensitive). The
 * directory is small (thousands of records), so it is built in memory at start from the
 * synthetic catalog.
 */
import type Database from 'better-sqlite3';
import { buildDirectory } from '../synthetic/index.js';
import { toLegacyTimestamp } from '../membership/legacy.js';
import { ENTITY_KINDS } from './entities.js';
import { insertSql } from '../legacy-kit/sql.js';

/** Which directory a database holds. */
export interface DirectorySize {
  readonly practitioners: number;
  readonly seed: number;
}

const TABLES = `
CREATE TABLE META (KEY TEXT PRIMARY KEY, VALUE TEXT NOT NULL);
CREATE TABLE DIR_ENTITY (
  KIND TEXT NOT NULL,
  ORD INTEGER NOT NULL,
  ID TEXT NOT NULL,
  LAST_UPD_TS TEXT NOT NULL,
  LAT_NBR REAL,
  LON_NBR REAL,
  DOC TEXT NOT NULL,
  PRIMARY KEY (KIND, ORD)
) WITHOUT ROWID;
CREATE TABLE DIR_ATTR (
  KIND TEXT NOT NULL,
  ORD INTEGER NOT NULL,
  KEY TEXT NOT NULL,
  VALUE TEXT NOT NULL COLLATE NOCASE
);
`;

const INDEXES = `
CREATE UNIQUE INDEX DIR_ENTITY_ID_IX ON DIR_ENTITY (KIND, ID);
CREATE INDEX DIR_ATTR_IX ON DIR_ATTR (KIND, KEY, VALUE, ORD);
CREATE INDEX DIR_ATTR_ORD_IX ON DIR_ATTR (KIND, ORD);
`;

const ENTITY_COLUMNS = ['KIND', 'ORD', 'ID', 'LAST_UPD_TS', 'LAT_NBR', 'LON_NBR', 'DOC'];
const ATTRIBUTE_COLUMNS = ['KIND', 'ORD', 'KEY', 'VALUE'];

/** Creates the schema and loads the synthetic directory of `size`. */
export function loadDirectory(db: Database.Database, size: DirectorySize): void {
  db.exec(TABLES);
  const directory = buildDirectory(size);
  const insertEntity = db.prepare(insertSql('DIR_ENTITY', ENTITY_COLUMNS));
  const insertAttribute = db.prepare(insertSql('DIR_ATTR', ATTRIBUTE_COLUMNS));
  db.transaction(() => {
    for (const spec of ENTITY_KINDS) {
      spec.entries(directory).forEach((entry, ord) => {
        const updated = toLegacyTimestamp(entry.updatedAt);
        const doc = JSON.stringify(entry.row);
        insertEntity.run(spec.kind, ord, entry.id, updated, entry.latitude, entry.longitude, doc);
        const unique = new Set(entry.attributes.map(([key, value]) => `${key}\u0000${value}`));
        for (const pair of unique) insertAttribute.run(spec.kind, ord, ...pair.split('\u0000'));
      });
    }
  })();
  db.exec(INDEXES);
  const meta = db.prepare('INSERT INTO META (KEY, VALUE) VALUES (?, ?)');
  meta.run('PRAC_CNT', String(size.practitioners));
  meta.run('SEED', String(size.seed));
}

/** Reads which directory a database holds. */
export function readDirectorySize(db: Database.Database): DirectorySize {
  const rows = db.prepare('SELECT KEY, VALUE FROM META').all() as { KEY: string; VALUE: string }[];
  const meta = new Map(rows.map((row) => [row.KEY, row.VALUE]));
  return { practitioners: Number(meta.get('PRAC_CNT')), seed: Number(meta.get('SEED')) };
}

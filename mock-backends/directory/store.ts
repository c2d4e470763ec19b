/**
 * Read access to the directory database: a record by id, and searches by attribute
 * (exact, list or `*` wildcard name match, all case-insensitive), last update and distance,
 * always ordered by record id and paged by it (`after`), so records added or removed while
 * a client pages never shift its pages.
 */
import type Database from 'better-sqlite3';
import {
  compare,
  pageOf,
  statementCache,
  where,
  type Page,
  type Where,
} from '../legacy-kit/sql.js';
import type { Match } from './entities.js';
import type { Row } from './legacy.js';
import { readDirectorySize, type DirectorySize } from './schema.js';

/** An attribute condition. */
export interface AttributeFilter {
  readonly attribute: string;
  readonly match: Match;
  readonly value: string;
}

/** A point and a radius. */
export interface Near {
  readonly latitude: number;
  readonly longitude: number;
  readonly radiusKm: number;
}

/** A search of one entity kind. */
export interface DirectoryQuery {
  readonly kind: string;
  readonly filters: readonly AttributeFilter[];
  /** Legacy timestamp; records changed at or after it. */
  readonly updatedSince?: string;
  readonly near?: Near;
  /** Id of the last record of the previous page. */
  readonly after?: string;
  readonly offset: number;
  readonly limit: number;
  readonly total: boolean;
}

/** The queries the HTTP layer needs. */
export interface DirectoryStore {
  readonly size: DirectorySize;
  /** Number of records of each kind. */
  counts(): Record<string, number>;
  find(kind: string, id: string): Row | undefined;
  search(query: DirectoryQuery): Page<Row>;
  close(): void;
}

const SELECT = 'SELECT e.DOC FROM DIR_ENTITY e';
const KM_PER_DEGREE = 111.32;

/** Wraps an open directory database. */
export function createDirectoryStore(db: Database.Database): DirectoryStore {
  const prepare = statementCache(db);
  const parse = (doc: { DOC: string } | undefined): Row | undefined =>
    doc === undefined ? undefined : (JSON.parse(doc.DOC) as Row);
  return {
    size: readDirectorySize(db),
    counts: () => {
      const rows = prepare('SELECT KIND, COUNT(*) AS N FROM DIR_ENTITY GROUP BY KIND').all();
      return Object.fromEntries((rows as { KIND: string; N: number }[]).map((r) => [r.KIND, r.N]));
    },
    find: (kind, id) =>
      parse(prepare(`${SELECT} WHERE e.KIND = ? AND e.ID = ?`).get(kind, id) as { DOC: string }),
    search: (query) => {
      const page = pageOf<{ DOC: string }>(prepare, SELECT, conditions(query), {
        ...query,
        key: 'e.ID',
        after: query.after === undefined ? undefined : [query.after],
      });
      return { ...page, rows: page.rows.map((row) => JSON.parse(row.DOC) as Row) };
    },
    close: () => db.close(),
  };
}

function conditions(query: DirectoryQuery): Where {
  const filter = where();
  compare(filter, 'e.KIND = ?', query.kind);
  for (const condition of query.filters) attributeClause(filter, condition);
  compare(filter, 'e.LAST_UPD_TS >= ?', query.updatedSince);
  if (query.near) nearClause(filter, query.near);
  return filter;
}

const ATTRIBUTE_EXISTS =
  'EXISTS (SELECT 1 FROM DIR_ATTR a WHERE a.KIND = e.KIND AND a.ORD = e.ORD AND a.KEY = ?';

function attributeClause(filter: Where, condition: AttributeFilter): void {
  const { attribute, match, value } = condition;
  if (match === 'list') {
    const values = value.split(',');
    filter.clauses.push(
      `${ATTRIBUTE_EXISTS} AND a.VALUE IN (${values.map(() => '?').join(', ')}))`,
    );
    filter.params.push(attribute, ...values);
    return;
  }
  const wildcard = match === 'name' && value.includes('*');
  filter.clauses.push(`${ATTRIBUTE_EXISTS} AND a.VALUE ${wildcard ? 'LIKE' : '='} ?)`);
  filter.params.push(attribute, wildcard ? value.replaceAll('*', '%') : value);
}

/** Within a radius, on the equirectangular approximation (exact enough within a state). */
function nearClause(filter: Where, near: Near): void {
  const lonKm = KM_PER_DEGREE * Math.cos((near.latitude * Math.PI) / 180);
  filter.clauses.push(
    'e.LAT_NBR IS NOT NULL AND ((e.LAT_NBR - ?) * ?) * ((e.LAT_NBR - ?) * ?) + ' +
      '((e.LON_NBR - ?) * ?) * ((e.LON_NBR - ?) * ?) <= ?',
  );
  filter.params.push(
    near.latitude,
    KM_PER_DEGREE,
    near.latitude,
    KM_PER_DEGREE,
    near.longitude,
    lonKm,
    near.longitude,
    lonKm,
    near.radiusKm * near.radiusKm,
  );
}

/**
 * Read access to the utilization-management database: a request by number, and searches
 * by member, status, type, urgency, last update, last status change, and the CMS-0057-F
 * retention window (`retainedOn`: requests still active on a date, or whose status changed
 * in the year before it). Lists are ordered by request number and paged by it (`after`), so
 * requests arriving or withdrawn while a client pages never shift its pages.
 */
import type Database from 'better-sqlite3';
import { indexOfMemberId } from '../synthetic/index.js';
import {
  compare,
  equal,
  oneOf,
  pageOf,
  statementCache,
  where,
  type Page,
  type Where,
} from '../legacy-kit/sql.js';
import type { Row } from './legacy.js';
import { readAuthPopulation, type AuthPopulation } from './schema.js';

/** Request search criteria (all optional, AND-ed). */
export interface AuthQuery {
  readonly memberIds?: readonly string[];
  readonly authNumbers?: readonly string[];
  readonly statuses?: readonly string[];
  readonly types?: readonly string[];
  readonly urgency?: string;
  /** Legacy timestamp: requests changed at or after. */
  readonly updatedSince?: string;
  /** Legacy timestamp: requests whose status changed at or after. */
  readonly statusChangedSince?: string;
  /** `YYYYMMDD`: active on that day, or status changed within the year before it. */
  readonly retainedOn?: string;
  /** Request number of the last row of the previous page. */
  readonly after?: string;
  readonly offset: number;
  readonly limit: number;
  readonly total: boolean;
}

/** The queries the HTTP layer needs. */
export interface AuthStore {
  readonly population: AuthPopulation & { readonly auths: number };
  hasMember(memberId: string): boolean;
  find(authNumber: string): Row | undefined;
  search(query: AuthQuery): Page<Row>;
  close(): void;
}

const SELECT = 'SELECT a.DOC FROM AUTH a';

/** Wraps an open utilization-management database. */
export function createAuthStore(db: Database.Database): AuthStore {
  const population = readAuthPopulation(db);
  const prepare = statementCache(db);
  const parse = (row: { DOC: string }): Row => JSON.parse(row.DOC) as Row;
  return {
    population,
    hasMember: (memberId) => (indexOfMemberId(memberId) ?? Infinity) < population.members,
    find: (authNumber) => {
      const row = prepare(`${SELECT} WHERE a.AUTH_NBR = ?`).get(authNumber);
      return row ? parse(row as { DOC: string }) : undefined;
    },
    search: (query) => {
      const page = pageOf<{ DOC: string }>(prepare, SELECT, conditions(query), {
        ...query,
        key: 'a.AUTH_NBR',
        after: query.after === undefined ? undefined : [query.after],
      });
      return { ...page, rows: page.rows.map(parse) };
    },
    close: () => db.close(),
  };
}

function conditions(query: AuthQuery): Where {
  const filter = where();
  oneOf(filter, 'a.MBR_ID', query.memberIds);
  oneOf(filter, 'a.AUTH_NBR', query.authNumbers);
  oneOf(filter, 'a.AUTH_STAT_CD', query.statuses);
  oneOf(filter, 'a.AUTH_TYP_CD', query.types);
  equal(filter, 'a.URG_CD', query.urgency);
  compare(filter, 'a.LAST_UPD_TS >= ?', query.updatedSince);
  compare(filter, 'a.LAST_STAT_CHG_TS >= ?', query.statusChangedSince);
  if (query.retainedOn) retention(filter, query.retainedOn);
  return filter;
}

/** Active (pended, or approved and not yet expired) on the day, or changed in the year before. */
function retention(filter: Where, day: string): void {
  const year = Number(day.slice(0, 4)) - 1;
  const yearBefore = `${year}-${day.slice(4, 6)}-${day.slice(6, 8)}-00.00.00`;
  filter.clauses.push(
    "(a.AUTH_STAT_CD = 'PEND' OR (a.AUTH_STAT_CD IN ('APPR', 'PART') AND a.AUTH_EXP_DT >= ?) " +
      'OR a.LAST_STAT_CHG_TS >= ?)',
  );
  filter.params.push(day, yearBefore);
}

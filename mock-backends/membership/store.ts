/**
 * Read access to the membership database: member lookup, member search, eligibility spans.
 * Results are ordered by member id (then span sequence) and paged by that key (`after`), so
 * members enrolling or leaving while a client pages never shift its pages. Name values
 * follow the legacy convention: an exact, case-sensitive match unless they contain `*`, a
 * case-insensitive wildcard.
 */
import type Database from 'better-sqlite3';
import {
  compare,
  equal,
  oneOf,
  pageOf,
  statementCache,
  where as emptyWhere,
  type Page,
  type Where,
} from '../legacy-kit/sql.js';
import type { EligibilityRow, MemberRow } from './legacy.js';
import { readPopulation, type Population } from './schema.js';

/** Member search criteria (all optional, combined with AND). */
export interface MemberQuery {
  readonly lastName?: string;
  readonly firstName?: string;
  /** Matches the last or the first name. */
  readonly name?: string;
  readonly birthDate?: string;
  readonly birthDateFrom?: string;
  readonly birthDateTo?: string;
  readonly sex?: readonly string[];
  readonly memberIds?: readonly string[];
  readonly subscriberId?: string;
  /** Legacy timestamp; rows changed at or after it. */
  readonly updatedSince?: string;
  /** Member id of the last row of the previous page. */
  readonly after?: string;
  readonly offset: number;
  readonly limit: number;
  readonly total: boolean;
}

/** Eligibility span search criteria (all optional, combined with AND). */
export interface EligibilityQuery {
  readonly memberIds?: readonly string[];
  readonly subscriberId?: string;
  readonly subscriberMemberId?: string;
  /** Spans whose member or whose subscriber is one of these. */
  readonly memberOrSubscriberIds?: readonly string[];
  readonly spanSeq?: number;
  readonly status?: string;
  readonly planId?: string;
  readonly updatedSince?: string;
  /** `<member id>:<span seq>` of the last row of the previous page. */
  readonly after?: string;
  readonly offset: number;
  readonly limit: number;
  readonly total: boolean;
}

/** The queries the HTTP layer needs. */
export interface MembershipStore {
  readonly population: Population;
  findMember(memberId: string): MemberRow | undefined;
  searchMembers(query: MemberQuery): Page<MemberRow>;
  searchEligibility(query: EligibilityQuery): Page<EligibilityRow>;
  close(): void;
}

const MEMBER_SELECT = `SELECT m.MBR_ID, m.SUB_ID, m.SUBSCR_MBR_ID, m.PERS_NBR, m.REL_CD, m.LAST_NM,
  m.FIRST_NM, m.MID_INIT, m.SEX_CD, m.BIRTH_DT, m.ADDR_LN_1, m.ADDR_LN_2, m.CITY_NM, m.ST_CD,
  m.ZIP_CD, m.HOME_PHN_NBR, m.CELL_PHN_NBR, m.EMAIL_ADDR, m.RACE_CD, m.ETHN_CD, m.LANG_CD,
  m.PLAN_ID, m.GRP_ID, m.LAST_UPD_TS FROM MBR m`;
const SPAN_SELECT = `SELECT m.MBR_ID, m.SUB_ID, m.SUBSCR_MBR_ID, m.PERS_NBR, m.REL_CD, e.SPAN_SEQ,
  e.PLAN_ID, e.GRP_ID, e.EFF_DT, e.TERM_DT, e.TERM_RSN_CD, e.ELIG_STAT_CD, e.LAST_UPD_TS
  FROM ELIG_SPAN e JOIN MBR m ON m.MBR_SEQ = e.MBR_SEQ`;

/** Wraps an open membership database. */
export function createStore(db: Database.Database): MembershipStore {
  const population = readPopulation(db);
  const prepare = statementCache(db);
  return {
    population,
    findMember: (memberId) =>
      prepare(`${MEMBER_SELECT} WHERE m.MBR_ID = ?`).get(memberId) as MemberRow | undefined,
    searchMembers: (query) =>
      pageOf(prepare, MEMBER_SELECT, memberWhere(query), {
        ...query,
        key: 'm.MBR_ID',
        after: query.after === undefined ? undefined : [query.after],
      }),
    searchEligibility: (query) =>
      pageOf(prepare, SPAN_SELECT, eligibilityWhere(query), {
        ...query,
        key: ['m.MBR_ID', 'e.SPAN_SEQ'],
        after: query.after === undefined ? undefined : spanKeyOf(query.after),
      }),
    close: () => db.close(),
  };
}

/** The key of an eligibility span as the API pages it: `<member id>:<span seq>`. */
export function spanKeyOf(after: string): [string, number] {
  const [memberId = '', seq = ''] = after.split(':');
  return [memberId, Number(seq)];
}

function memberWhere(query: MemberQuery): Where {
  const where: Where = emptyWhere();
  if (query.lastName !== undefined) {
    where.clauses.push(nameMatch('m.LAST_NM', query.lastName, where));
  }
  if (query.firstName !== undefined) {
    where.clauses.push(nameMatch('m.FIRST_NM', query.firstName, where));
  }
  if (query.name !== undefined) {
    const last = nameMatch('m.LAST_NM', query.name, where);
    where.clauses.push(`(${last} OR ${nameMatch('m.FIRST_NM', query.name, where)})`);
  }
  equal(where, 'm.BIRTH_DT', query.birthDate);
  compare(where, 'm.BIRTH_DT >= ?', query.birthDateFrom);
  compare(where, 'm.BIRTH_DT <= ?', query.birthDateTo);
  oneOf(where, 'm.SEX_CD', query.sex);
  oneOf(where, 'm.MBR_ID', query.memberIds);
  equal(where, 'm.SUB_ID', query.subscriberId);
  // Unary + keeps SQLite from an index on the timestamp: paging walks member id order instead.
  compare(where, '+m.LAST_UPD_TS >= ?', query.updatedSince);
  return where;
}

function eligibilityWhere(query: EligibilityQuery): Where {
  const where: Where = emptyWhere();
  oneOf(where, 'm.MBR_ID', query.memberIds);
  equal(where, 'm.SUB_ID', query.subscriberId);
  equal(where, 'm.SUBSCR_MBR_ID', query.subscriberMemberId);
  if (query.memberOrSubscriberIds) memberOrSubscriber(where, query.memberOrSubscriberIds);
  equal(where, 'e.SPAN_SEQ', query.spanSeq);
  equal(where, 'e.ELIG_STAT_CD', query.status);
  equal(where, 'e.PLAN_ID', query.planId);
  compare(where, '+e.LAST_UPD_TS >= ?', query.updatedSince);
  return where;
}

/** Exact (case-sensitive, yet able to use the NOCASE index) or `*` wildcard match. */
function nameMatch(column: string, value: string, where: Where): string {
  if (!value.includes('*')) {
    where.params.push(value, value);
    return `(${column} = ? AND ${column} = ? COLLATE BINARY)`;
  }
  where.params.push(value.replaceAll('*', '%'));
  return `${column} LIKE ?`;
}

function memberOrSubscriber(where: Where, ids: readonly string[]): void {
  const list = ids.map(() => '?').join(', ');
  where.clauses.push(`(m.MBR_ID IN (${list}) OR m.SUBSCR_MBR_ID IN (${list}))`);
  where.params.push(...ids, ...ids);
}

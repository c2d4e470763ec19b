/**
 * Read access to the claims database: a claim by id, and claim searches (by member, type,
 * status, dates of service, last update), each claim assembled from its header, diagnoses,
 * ICD procedures and lines. Lists are ordered by claim id and paged by it (`after`), so
 * claims arriving or voided while a client pages never shift its pages.
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
import { apiLine, type Row } from './legacy.js';
import {
  DIAGNOSIS_COLUMNS,
  HEADER_COLUMNS,
  LINE_COLUMNS,
  PROCEDURE_COLUMNS,
  readClaimsPopulation,
  type ClaimsPopulation,
} from './schema.js';

/** Claim search criteria (all optional, AND-ed). */
export interface ClaimQuery {
  readonly memberIds?: readonly string[];
  readonly claimIds?: readonly string[];
  /** Claim type codes (PROF, INST_IP, INST_OP, RX, DENT). */
  readonly types?: readonly string[];
  /** Status codes (PD, DN, PR, AJ). */
  readonly statuses?: readonly string[];
  /** `YYYYMMDD`: claims with service on or after (their last day of service). */
  readonly serviceFrom?: string;
  /** `YYYYMMDD`: claims with service on or before (their first day of service). */
  readonly serviceTo?: string;
  /** Legacy timestamp: claims changed at or after. */
  readonly updatedSince?: string;
  /** I in network, O out of network. */
  readonly network?: string;
  /** Claim id of the last row of the previous page. */
  readonly after?: string;
  readonly offset: number;
  readonly limit: number;
  readonly total: boolean;
}

/** A claim as the API returns it. */
export type ClaimJson = Record<string, unknown>;

/** The queries the HTTP layer needs. */
export interface ClaimsStore {
  readonly population: ClaimsPopulation & { readonly claims: number };
  /** True when the member id belongs to the loaded population. */
  hasMember(memberId: string): boolean;
  find(claimId: string): ClaimJson | undefined;
  search(query: ClaimQuery): Page<ClaimJson>;
  close(): void;
}

const HEADER_SELECT = `SELECT c.CLM_ROW, ${HEADER_COLUMNS.map((c) => `c.${c}`).join(', ')}
  FROM CLM c`;

/** Wraps an open claims database. */
export function createClaimsStore(db: Database.Database): ClaimsStore {
  const population = readClaimsPopulation(db);
  const prepare = statementCache(db);
  const assemble = (headers: Row[]): ClaimJson[] => withChildren(prepare, headers);
  return {
    population,
    hasMember: (memberId) => (indexOfMemberId(memberId) ?? Infinity) < population.members,
    find: (claimId) => {
      const header = prepare(`${HEADER_SELECT} WHERE c.CLM_ID = ?`).get(claimId) as Row | undefined;
      return header ? assemble([header])[0] : undefined;
    },
    search: (query) => {
      const page = pageOf<Row>(prepare, HEADER_SELECT, conditions(query), {
        ...query,
        key: 'c.CLM_ID',
        after: query.after === undefined ? undefined : [query.after],
      });
      return { ...page, rows: assemble(page.rows) };
    },
    close: () => db.close(),
  };
}

function conditions(query: ClaimQuery): Where {
  const filter = where();
  oneOf(filter, 'c.MBR_ID', query.memberIds);
  oneOf(filter, 'c.CLM_ID', query.claimIds);
  oneOf(filter, 'c.CLM_TYP_CD', query.types);
  oneOf(filter, 'c.CLM_STAT_CD', query.statuses);
  compare(filter, 'c.SVC_THRU_DT >= ?', query.serviceFrom);
  compare(filter, 'c.SVC_FROM_DT <= ?', query.serviceTo);
  compare(filter, 'c.LAST_UPD_TS >= ?', query.updatedSince);
  equal(filter, 'c.NTWK_IND', query.network);
  return filter;
}

type Prepare = (sql: string) => Database.Statement;

function withChildren(prepare: Prepare, headers: Row[]): ClaimJson[] {
  if (headers.length === 0) return [];
  const ids = headers.map((header) => header.CLM_ROW as number);
  const diagnoses = children(prepare, 'CLM_DX', DIAGNOSIS_COLUMNS, 'DX_SEQ', ids);
  const procedures = children(prepare, 'CLM_PROC', PROCEDURE_COLUMNS, 'PROC_SEQ', ids);
  const lines = children(prepare, 'CLM_LN', LINE_COLUMNS, 'LN_NBR', ids);
  return headers.map(({ CLM_ROW, ...header }) => ({
    ...header,
    DIAGS: diagnoses.get(CLM_ROW as number) ?? [],
    ICD_PROCS: procedures.get(CLM_ROW as number) ?? [],
    LINES: (lines.get(CLM_ROW as number) ?? []).map(apiLine),
  }));
}

function children(
  prepare: Prepare,
  table: string,
  columns: readonly string[],
  order: string,
  ids: readonly number[],
): Map<number, Row[]> {
  const placeholders = ids.map(() => '?').join(', ');
  const sql = `SELECT CLM_ROW, ${columns.join(', ')} FROM ${table}
    WHERE CLM_ROW IN (${placeholders}) ORDER BY CLM_ROW, ${order}`;
  const byClaim = new Map<number, Row[]>();
  for (const { CLM_ROW, ...row } of prepare(sql).all(...ids) as Row[]) {
    const key = CLM_ROW as number;
    const list = byClaim.get(key);
    if (list) list.push(row);
    else byClaim.set(key, [row]);
  }
  return byClaim;
}

/**
 * The legacy clinical data repository's API as the plugin sees it (oas/clinical-backend.yaml):
 * one table per data class, rows of upper-case columns (dates `YYYYMMDD`, timestamps
 * `YYYY-MM-DD-HH.MM.SS` UTC, comma lists, the system's own codes), three routes per class,
 * keyset paging by record id (`after`). Rows are read loosely (column to value) and each
 * mapper reads the columns it needs through the accessors below, which reject a missing
 * required column as a 502: the backend broke its contract.
 */
import { z } from 'zod';
import { BadGatewayError } from '../sdk/errors.js';

/** The backend's largest page (`limit`). */
export const MAX_PAGE = 500;
/** The backend's largest member id list per query. */
export const MAX_IDS_PER_QUERY = 100;

/** A legacy row: column name to value. */
export type Row = Readonly<Record<string, string | number | null>>;

/** A data class of the backend: URL segment, list key and id column. */
export interface LegacyClass {
  readonly path: string;
  readonly listKey: string;
  readonly idColumn: string;
  /** The letters every record id of the class begins with (e.g. `PRB`). */
  readonly idLetters: string;
}

const cls = (path: string, listKey: string, idColumn: string, idLetters: string) =>
  Object.freeze({ path, listKey, idColumn, idLetters });

/** The classes the plugin maps (implantable devices and dispenses are left out). */
export const CLASSES = {
  problems: cls('problems', 'PROBLEMS', 'PRB_ID', 'PRB'),
  allergies: cls('allergies', 'ALLERGIES', 'ALG_ID', 'ALG'),
  medications: cls('medications', 'MED_ORDERS', 'ORD_ID', 'ORD'),
  immunizations: cls('immunizations', 'IMMUNIZATIONS', 'IMM_ID', 'IMM'),
  results: cls('results', 'RESULTS', 'RSLT_ID', 'LAB'),
  vitals: cls('vitals', 'VITALS', 'VTL_ID', 'VTL'),
  social: cls('social-history', 'SOCIAL_HX', 'SOC_ID', 'SOC'),
  procedures: cls('procedures', 'PROCEDURES', 'PROC_ID', 'PRC'),
  encounters: cls('encounters', 'ENCOUNTERS', 'ENC_ID', 'ENC'),
  careTeam: cls('care-team', 'CARE_TEAM', 'CTM_ID', 'CTM'),
  notes: cls('notes', 'NOTES', 'NOTE_ID', 'NTE'),
  goals: cls('goals', 'GOALS', 'GOAL_ID', 'GOL'),
  carePlans: cls('care-plans', 'CARE_PLANS', 'CP_ID', 'CPL'),
} as const;

/** Filters of a class query (all optional, combined with AND), in the backend's terms. */
export interface ClassQuery {
  readonly memberIds?: readonly string[];
  /** Inclusive `YYYYMMDD` bounds on the class's clinical date (or `dateOf`'s column). */
  readonly dateFrom?: string;
  readonly dateTo?: string;
  readonly dateOf?: string;
  readonly codes?: readonly string[];
  readonly categories?: readonly string[];
  readonly statuses?: readonly string[];
  readonly encounterId?: string;
  readonly groupIds?: readonly string[];
  /** ISO instant: rows changed at or after it. */
  readonly updatedSince?: string;
}

/** Any legacy row. */
export const rowSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

/** A list answer of a class: the rows under the class's list key, and the count if asked. */
export function pageSchema(legacy: LegacyClass) {
  return z.object({
    TOTAL_CNT: z.number().int().min(0).optional(),
    [legacy.listKey]: z.array(rowSchema),
  });
}

export const healthSchema = z.object({ STATUS: z.string() });

/** A record id as the backend writes them; anything else names no record. */
export function isRecordId(value: string, legacy: LegacyClass): boolean {
  return value.startsWith(legacy.idLetters) && /^[A-Z]{2,3}[0-9]{13}$/.test(value);
}

/** A required text column. */
export function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw new BadGatewayError('The clinical system sent an incomplete record', {
    detail: `column ${column} missing`,
  });
}

/** An optional text column. */
export function optText(row: Row, column: string): string | undefined {
  const value = row[column];
  if (value === null || value === undefined || value === '') return undefined;
  return String(value);
}

/** An optional number column. */
export function optNum(row: Row, column: string): number | undefined {
  const value = row[column];
  return typeof value === 'number' ? value : undefined;
}

/** A required number column. */
export function num(row: Row, column: string): number {
  const value = optNum(row, column);
  if (value !== undefined) return value;
  throw new BadGatewayError('The clinical system sent an incomplete record', {
    detail: `column ${column} not a number`,
  });
}

/** Legacy `YYYYMMDD` as FHIR `YYYY-MM-DD`. */
export function fhirDate(legacy: string): string {
  return `${legacy.slice(0, 4)}-${legacy.slice(4, 6)}-${legacy.slice(6, 8)}`;
}

/** Legacy timestamp `YYYY-MM-DD-HH.MM.SS` (UTC) as a FHIR instant. */
export function fhirInstant(legacy: string): string {
  const date = legacy.slice(0, 10);
  const time = legacy.slice(11).replaceAll('.', ':');
  return `${date}T${time}Z`;
}

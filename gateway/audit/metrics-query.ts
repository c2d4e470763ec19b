/**
 * Reads, from the audit trail, which patients' data went to an app of the patient's choice
 * and on which days (CMS-0057-F, 42 CFR 422.119(h) and parallels: annual Patient Access API
 * metrics). Only identifiers and dates leave the database; portable SQL for both dialects.
 */
import type { Queryable } from '../store/types.js';

/** A calendar year in UTC, as half-open instants for the audit index on `event_time`. */
export interface ReportingPeriod {
  readonly year: number;
  /** First day, `YYYY-01-01`. */
  readonly start: string;
  /** Last day, `YYYY-12-31`. */
  readonly end: string;
  /** Inclusive lower bound on `event_time`. */
  readonly from: string;
  /** Exclusive upper bound on `event_time`. */
  readonly to: string;
}

/**
 * Interactions that send patient data to the caller: reads, searches, history, operations
 * (e.g. `$everything`) and patient-level bulk exports. Writes (`create`, `update`) are the
 * app sending data to the payer, not a transfer to the app, so they are left out.
 */
const READ_INTERACTIONS = ['read', 'vread', 'search-type', 'search-system', 'history-instance'];
const READ_PREFIXES = ['operation:', 'export'];

/**
 * Callers acting for the patient: a token with `patient/` scopes (recorded purpose
 * `patient`) whose user, when the token names one, is the patient or their representative.
 * A practitioner in a patient-context launch is not the patient's chosen app.
 */
const PATIENT_USER_PREFIXES = ['Patient/', 'RelatedPerson/'];

/** The period of a calendar year. The caller has validated `year`. */
export function periodOf(year: number): ReportingPeriod {
  const yyyy = String(year).padStart(4, '0');
  const next = String(year + 1).padStart(4, '0');
  return {
    year,
    start: `${yyyy}-01-01`,
    end: `${yyyy}-12-31`,
    from: `${yyyy}-01-01T00:00:00.000Z`,
    to: `${next}-01-01T00:00:00.000Z`,
  };
}

/**
 * For each patient whose data were transferred to a patient-designated app in the period,
 * the distinct UTC days (`YYYY-MM-DD`, ascending) on which that happened.
 */
export async function transferDays(
  db: Queryable,
  period: ReportingPeriod,
): Promise<Map<string, string[]>> {
  const interactions = anyOf('interaction', READ_INTERACTIONS, READ_PREFIXES);
  const users = anyOf('user_ref', [], PATIENT_USER_PREFIXES);
  const rows = await db.query<{ patient_id: string; day: string }>(
    `SELECT DISTINCT patient_id, substr(event_time, 1, 10) AS day FROM audit_events
     WHERE event_time >= ? AND event_time < ? AND outcome = 'success'
       AND purpose = 'patient' AND patient_id IS NOT NULL
       AND (${interactions.sql}) AND (user_ref IS NULL OR ${users.sql})
     ORDER BY patient_id, day`,
    [period.from, period.to, ...interactions.params, ...users.params],
  );
  const days = new Map<string, string[]>();
  for (const row of rows) {
    const list = days.get(row.patient_id) ?? [];
    list.push(row.day);
    days.set(row.patient_id, list);
  }
  return days;
}

/**
 * `column` equals one of `values` or starts with one of `prefixes`. Prefixes are matched with
 * `substr`, which behaves the same in SQLite and PostgreSQL (unlike `LIKE` and its escapes).
 */
function anyOf(
  column: string,
  values: readonly string[],
  prefixes: readonly string[],
): { sql: string; params: (string | number)[] } {
  const clauses = values.length > 0 ? [`${column} IN (${values.map(() => '?').join(', ')})`] : [];
  const params: (string | number)[] = [...values];
  for (const prefix of prefixes) {
    clauses.push(`substr(${column}, 1, ?) = ?`);
    params.push(prefix.length, prefix);
  }
  return { sql: clauses.join(' OR '), params };
}

/**
 * CMS Patient Access API metrics (CMS-0057-F; 42 CFR 422.119(h), 431.60(h), 438.242(b)(5),
 * 457.730(h), 45 CFR 156.221(h)): for the previous calendar year, (1) the unique patients
 * whose data were transferred via the Patient Access API to a health app the patient chose,
 * and (2) how many of them had data transferred more than once; overall and per plan.
 */
import type { Queryable } from '../store/types.js';
import { attributeDays, type PlanResolver, type PlanSpan } from './metrics-plans.js';
import { periodOf, transferDays, type ReportingPeriod } from './metrics-query.js';

export { coveragePlanResolver, type PlanResolver, type PlanSpan } from './metrics-plans.js';
export { periodOf, type ReportingPeriod } from './metrics-query.js';

/** The two figures, for the whole payer or one plan. */
export interface TransferCounts {
  readonly uniquePatients: number;
  readonly patientsWithMoreThanOneTransfer: number;
}

/** One plan's row; `planId` null gathers members for whom no plan was found. */
export interface PlanMetrics extends TransferCounts {
  readonly planId: string | null;
  readonly planName: string;
}

/** The report, as written to JSON (and flattened to CSV). */
export interface PatientAccessMetrics {
  readonly report: string;
  readonly reportingPeriod: { year: number; start: string; end: string; timeZone: 'UTC' };
  readonly generatedAt: string;
  readonly definitions: Readonly<Record<string, string>>;
  readonly overall: TransferCounts;
  /** `coverage`: per-plan rows from the members' Coverage; `unavailable`: none served. */
  readonly planBreakdown: 'coverage' | 'unavailable';
  readonly plans: readonly PlanMetrics[];
}

export interface MetricsOptions {
  readonly year: number;
  /** Resolves members' plans; without one the report has no per-plan rows. */
  readonly plans?: PlanResolver;
  readonly now?: () => Date;
  /** Plan look-ups in flight at once (default 8), to spare the membership backend. */
  readonly concurrency?: number;
}

/** Raised for a bad reporting year; the CLI turns it into exit code 2. */
export class MetricsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetricsInputError';
  }
}

/** What each figure counts; written into the report's metadata. */
export const DEFINITIONS: Readonly<Record<string, string>> = {
  transfer:
    'A successful (2xx) FHIR read, vread, search, history, operation or patient-level bulk ' +
    'export that returned patient data, made with a token carrying patient/ scopes in a ' +
    "patient's context whose user (fhirUser), if named, is a Patient or RelatedPerson. Not " +
    'counted: system/backend-services and practitioner (user/) tokens, practitioner users, ' +
    'anonymous Provider Directory and formulary calls, writes, denied or failed requests.',
  uniquePatients: 'Distinct patients (the launch-context patient) with at least one transfer.',
  moreThanOnce:
    'Patients with transfers on two or more distinct calendar days (UTC). Requests on one day ' +
    '(paging, several resource types, token refreshes) make up one transfer.',
  reportingPeriod: 'The calendar year, 00:00 UTC on 1 January to 00:00 UTC on 1 January next.',
  plan:
    "The member's plan(s) from Coverage (class type plan) whose period overlaps the year, " +
    'resolved when the report is generated. A transfer day counts for the plans the member ' +
    'was enrolled in that day (outside every period: the nearest one). A member with several ' +
    'plans counts in each plan where a transfer day falls; the overall row counts each ' +
    'patient once, so plan rows may add up to more than the overall row. In a plan row, ' +
    '"more than once" counts only the days attributed to that plan. Members with no ' +
    'Coverage naming a plan in the year are in the row "No plan found" (plan_id empty).',
};

const MIN_YEAR = 2000;
const MAX_YEAR = 9998;

/** Parses a reporting year given on the command line or by a caller. */
export function parseYear(value: string | number | undefined): number {
  const text = String(value ?? '').trim();
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new MetricsInputError(
      `--year must be a four-digit year from ${MIN_YEAR} (got "${text}")`,
    );
  }
  return year;
}

/** Computes the report from the store's audit trail (see {@link DEFINITIONS}). */
export async function computePatientAccessMetrics(
  db: Queryable,
  options: MetricsOptions,
): Promise<PatientAccessMetrics> {
  const period = periodOf(parseYear(options.year));
  const days = await transferDays(db, period);
  const plans = options.plans
    ? await perPlan(days, period, options.plans, options.concurrency ?? 8)
    : [];
  return {
    report: 'CMS-0057-F Patient Access API metrics',
    reportingPeriod: { year: period.year, start: period.start, end: period.end, timeZone: 'UTC' },
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    definitions: DEFINITIONS,
    overall: countsOf([...days.values()].map((list) => list.length)),
    planBreakdown: options.plans ? 'coverage' : 'unavailable',
    plans,
  };
}

function countsOf(dayCounts: readonly number[]): TransferCounts {
  return {
    uniquePatients: dayCounts.filter((count) => count > 0).length,
    patientsWithMoreThanOneTransfer: dayCounts.filter((count) => count > 1).length,
  };
}

/** Per-plan rows, by plan id; members with no plan found last. */
async function perPlan(
  days: ReadonlyMap<string, string[]>,
  period: ReportingPeriod,
  resolve: PlanResolver,
  concurrency: number,
): Promise<PlanMetrics[]> {
  const dayCounts = new Map<string | null, number[]>();
  const names = new Map<string, string>();
  await forEachLimited([...days.keys()], concurrency, async (patientId) => {
    const patientDays = days.get(patientId) ?? [];
    const spans = await resolve(patientId, period);
    rememberNames(spans, names);
    const byPlan = attributeDays(patientDays, spans);
    const rows: [string | null, Set<string>][] =
      byPlan.size > 0 ? [...byPlan] : [[null, new Set(patientDays)]];
    for (const [planId, planDays] of rows) {
      dayCounts.set(planId, [...(dayCounts.get(planId) ?? []), planDays.size]);
    }
  });
  return [...dayCounts.entries()]
    .map(([planId, counts]) => ({
      planId,
      planName: planId === null ? 'No plan found' : (names.get(planId) ?? planId),
      ...countsOf(counts),
    }))
    .sort(byPlanId);
}

function rememberNames(spans: readonly PlanSpan[], names: Map<string, string>): void {
  for (const span of spans) {
    if (span.planName && !names.has(span.planId)) names.set(span.planId, span.planName);
  }
}

function byPlanId(a: PlanMetrics, b: PlanMetrics): number {
  if (a.planId === b.planId) return 0;
  if (a.planId === null) return 1;
  if (b.planId === null) return -1;
  return a.planId < b.planId ? -1 : 1;
}

/** Runs `work` over `items` with at most `limit` in flight; the first failure rejects. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

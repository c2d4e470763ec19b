/**
 * The member's plan(s) during the reporting year, for the per-plan breakdown of the Patient
 * Access API metrics. Resolved at report time from the membership data, through whichever
 * configured plugin serves Coverage: each Coverage of the patient (as beneficiary) with a
 * `class` of type `plan` (CARIN BB C4BB-Coverage, class `plan` must-support) and a period.
 */
import type { Coverage, Resource } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'winston';
import type { RequestContext } from '../../plugins/sdk/contract.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { ReportingPeriod } from './metrics-query.js';

/** One span of a member's enrolment in a plan. Dates are `YYYY-MM-DD`, both inclusive. */
export interface PlanSpan {
  readonly planId: string;
  readonly planName?: string;
  /** Absent: enrolled since before any date of interest. */
  readonly start?: string;
  /** Absent: still enrolled. */
  readonly end?: string;
}

/** The plan spans of one patient that overlap the period (any order). */
export type PlanResolver = (
  patientId: string,
  period: ReportingPeriod,
) => Promise<readonly PlanSpan[]>;

/** Coverage class type code for the plan (http://terminology.hl7.org/CodeSystem/coverage-class). */
const PLAN_CLASS = 'plan';
const PAGE_SIZE = 100;

/**
 * A resolver that searches `Coverage?patient=<id>` on the plugin owning Coverage, paging to
 * the end; undefined when no configured plugin serves Coverage (no per-plan breakdown).
 */
export function coveragePlanResolver(
  registry: PluginRegistry,
  logger: Logger,
): PlanResolver | undefined {
  const route = registry.forType('Coverage');
  const search = route?.plugin.search?.bind(route.plugin);
  if (!search) return undefined;
  return async (patientId, period) => {
    const ctx = requestContext(patientId, logger);
    const spans: PlanSpan[] = [];
    let cursor: string | undefined;
    do {
      const page = await search(
        {
          resourceType: 'Coverage',
          criteria: [{ name: 'patient', values: [patientId] }],
          count: PAGE_SIZE,
          wantTotal: false,
          ...(cursor === undefined ? {} : { cursor }),
        },
        ctx,
      );
      spans.push(...page.resources.flatMap((resource) => planSpans(resource, patientId)));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return spans.filter((span) => overlaps(span, period.start, period.end));
  };
}

/** The context the gateway would give a request confined to this patient's compartment. */
function requestContext(patientId: string, logger: Logger): RequestContext {
  return {
    requestId: `metrics-${randomUUID()}`,
    logger,
    constraints: { patientIds: [patientId] },
    signal: AbortSignal.timeout(60_000),
  };
}

/** The plan span a Coverage states for this beneficiary, if it names a plan. */
export function planSpans(resource: Resource, patientId: string): PlanSpan[] {
  if (resource.resourceType !== 'Coverage') return [];
  if (!isPatient(resource.beneficiary?.reference, patientId)) return [];
  const coverage: Coverage = resource;
  const plan = coverage.class?.find((entry) =>
    entry.type.coding?.some((coding) => coding.code === PLAN_CLASS),
  );
  if (!plan?.value) return [];
  const start = coverage.period?.start?.slice(0, 10);
  const end = coverage.period?.end?.slice(0, 10);
  return [
    {
      planId: plan.value,
      ...(plan.name ? { planName: plan.name } : {}),
      ...(start ? { start } : {}),
      ...(end ? { end } : {}),
    },
  ];
}

/** A relative or absolute reference to the patient. */
function isPatient(reference: string | undefined, patientId: string): boolean {
  const relative = `Patient/${patientId}`;
  return reference === relative || reference?.endsWith(`/${relative}`) === true;
}

/** Whether the span covers any day of `[from, to]` (inclusive dates). */
export function overlaps(span: PlanSpan, from: string, to: string): boolean {
  return (
    (span.start === undefined || span.start <= to) && (span.end === undefined || span.end >= from)
  );
}

/** Days from `day` to the span: 0 inside it, else the gap to its nearer end. */
function distance(span: PlanSpan, day: string): number {
  if (overlaps(span, day, day)) return 0;
  const edge = span.end !== undefined && span.end < day ? span.end : (span.start ?? day);
  return Math.abs(Date.parse(day) - Date.parse(edge)) / 86_400_000;
}

/**
 * Which plans each transfer day counts for: the plans the member was enrolled in that day;
 * a day outside every span (e.g. access after disenrolment) counts for the nearest span's
 * plan(s). Returns plan id to its days; empty when the member has no span at all.
 */
export function attributeDays(
  days: readonly string[],
  spans: readonly PlanSpan[],
): Map<string, Set<string>> {
  const byPlan = new Map<string, Set<string>>();
  if (spans.length === 0) return byPlan;
  for (const day of days) {
    const gaps = spans.map((span) => distance(span, day));
    const nearest = Math.min(...gaps);
    spans.forEach((span, index) => {
      if (gaps[index] !== nearest) return;
      const set = byPlan.get(span.planId) ?? new Set<string>();
      set.add(day);
      byPlan.set(span.planId, set);
    });
  }
  return byPlan;
}

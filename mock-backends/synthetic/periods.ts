/**
 * Coverage periods of a family: the current enrolment (open or recently terminated) and up to
 * two earlier ones, possibly on another plan of a related line of business (members churn
 * between Medicaid and the Marketplace, and age from commercial coverage into Medicare).
 */
import { AS_OF_DATE, PLANS, type Group, type LineOfBusiness, type Plan } from './catalog.js';
import { addYears, firstOfMonth, lastOfMonth, monthsBetween, toDays } from './dates.js';
import type { Rng } from './prng.js';

/** Why a coverage period ended (legacy eligibility-system codes). */
export type TermReason = 'PLN' | 'REN' | 'VOL' | 'NPY' | 'ELG' | 'EMP';

/** One family-level coverage period, in day numbers (see dates.ts). */
export interface FamilyPeriod {
  readonly plan: Plan;
  readonly group: Group;
  readonly startDay: number;
  /** Last covered day (inclusive); absent while the coverage is open. */
  readonly endDay?: number;
  readonly termReason?: TermReason;
  /** When the eligibility system last changed this period. */
  readonly updatedDay: number;
}

/** What the period generator needs to know about the family. */
export interface PeriodInput {
  readonly plan: Plan;
  readonly group: Group;
  readonly subscriberBirthDay: number;
  /** Families with children keep terminations recent, so every child was born while covered. */
  readonly hasChildren: boolean;
}

const AS_OF_DAY = toDays(AS_OF_DATE);
const PRE_MEDICARE_LINES: readonly LineOfBusiness[] = ['commercial', 'qhp'];
const RELATED_LINES: Readonly<Record<LineOfBusiness, readonly LineOfBusiness[]>> = {
  commercial: ['commercial'],
  'medicare-advantage': ['medicare-advantage'],
  medicaid: ['medicaid', 'qhp'],
  qhp: ['qhp', 'medicaid'],
};
const PRIOR_COUNTS: readonly (readonly [number, number])[] = [
  [0, 60],
  [1, 28],
  [2, 12],
];
/** Candidate plans (weighted) per combination of lines, built once. */
const planChoices = new Map<string, readonly (readonly [Plan, number])[]>();
const LEAVING_REASONS: readonly (readonly [TermReason, number])[] = [
  ['VOL', 4],
  ['NPY', 2],
  ['ELG', 3],
  ['EMP', 3],
];

/** Periods oldest first; the last one is the current enrolment. */
export function familyPeriods(rng: Rng, input: PeriodInput): FamilyPeriod[] {
  const periods = [currentPeriod(rng, input)];
  const priorCount = rng.weighted(PRIOR_COUNTS);
  for (let i = 0; i < priorCount; i++) {
    const prior = priorPeriod(rng, input, periods[0] as FamilyPeriod);
    if (!prior) break;
    periods.unshift(prior);
  }
  return periods;
}

function currentPeriod(rng: Rng, input: PeriodInput): FamilyPeriod {
  let startDay = firstOfMonth(AS_OF_DAY, -rng.int(0, 96));
  if (input.plan.line === 'medicare-advantage') {
    startDay = Math.max(startDay, firstOfMonth(addYears(input.subscriberBirthDay, 65)));
  }
  const endDay = rng.chance(0.12) ? terminationDay(rng, startDay, input.hasChildren) : undefined;
  if (endDay === undefined) {
    return {
      plan: input.plan,
      group: input.group,
      startDay,
      updatedDay: enrolledDay(rng, startDay),
    };
  }
  const termReason = rng.weighted(LEAVING_REASONS);
  return {
    plan: input.plan,
    group: input.group,
    startDay,
    endDay,
    termReason,
    updatedDay: endedDay(rng, endDay),
  };
}

function terminationDay(rng: Rng, startDay: number, hasChildren: boolean): number | undefined {
  const latest = lastOfMonth(AS_OF_DAY, -1);
  let earliest = lastOfMonth(startDay, 2);
  if (hasChildren) earliest = Math.max(earliest, lastOfMonth(AS_OF_DAY, -48));
  if (earliest > latest) return undefined;
  return lastOfMonth(earliest, rng.int(0, monthsBetween(earliest, latest)));
}

function priorPeriod(rng: Rng, input: PeriodInput, next: FamilyPeriod): FamilyPeriod | undefined {
  const gapMonths = rng.chance(0.6) ? 0 : rng.int(1, 6);
  const endDay = lastOfMonth(next.startDay, -1 - gapMonths);
  const startDay = firstOfMonth(endDay, 1 - rng.int(6, 60));
  if (startDay < addYears(input.subscriberBirthDay, 19)) return undefined;

  const plan = priorPlan(rng, input, startDay);
  const group = plan.id === next.plan.id ? next.group : rng.pick(plan.groups);
  const termReason = leavingReason(rng, gapMonths, plan, next.plan);
  return { plan, group, startDay, endDay, termReason, updatedDay: endedDay(rng, endDay) };
}

function priorPlan(rng: Rng, input: PeriodInput, startDay: number): Plan {
  const line = input.plan.line;
  const medicareAge = startDay >= firstOfMonth(addYears(input.subscriberBirthDay, 65));
  const lines: readonly LineOfBusiness[] =
    line === 'medicare-advantage' && !medicareAge ? PRE_MEDICARE_LINES : RELATED_LINES[line];
  return rng.weighted(choicesFor(lines));
}

function choicesFor(lines: readonly LineOfBusiness[]): readonly (readonly [Plan, number])[] {
  const key = lines.join();
  const cached = planChoices.get(key);
  if (cached) return cached;
  const choices = PLANS.filter((plan) => lines.includes(plan.line)).map(
    (plan) => [plan, plan.weight] as const,
  );
  planChoices.set(key, choices);
  return choices;
}

function leavingReason(rng: Rng, gapMonths: number, plan: Plan, nextPlan: Plan): TermReason {
  if (gapMonths > 0) return rng.weighted(LEAVING_REASONS);
  return plan.id === nextPlan.id ? 'REN' : 'PLN';
}

/** Enrolment is keyed in a few weeks before coverage starts, never after the as-of date. */
function enrolledDay(rng: Rng, startDay: number): number {
  return Math.min(startDay - rng.int(5, 40), AS_OF_DAY - 1);
}

/** Terminations are keyed in within a few weeks after the last covered day. */
function endedDay(rng: Rng, endDay: number): number {
  return Math.min(endDay + rng.int(1, 25), AS_OF_DAY - 1);
}

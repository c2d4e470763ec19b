/**
 * The summary parts of the record: the problem list (chronic conditions and pregnancies,
 * recorded at the first visit after onset), health concerns raised by screening, the care
 * team, care-plan goals and the care plan that ties conditions and goals together.
 */
import {
  AS_OF_DAY,
  dayBetween,
  isoDate,
  nextId,
  updatedAfter,
  type Chart,
  type MemberCondition,
} from './clinical-chart.js';
import type { VisitContext } from './clinical-encounters.js';
import { GOALS } from './clinical-care.js';
import { PREGNANCY, type HealthConcern } from './clinical-conditions.js';
import { clinician, SPECIALTIES, type Specialty } from './clinical-staff.js';
import type { GoalRecord } from './clinical-types.js';
import { toDays } from './dates.js';

/** Gives each chronic condition its id and the day it was first recorded. */
export function assignProblemIds(chart: Chart): void {
  for (const condition of chart.conditions) {
    condition.id = nextId(chart, 'PRB');
    const first = chart.windows.find((w) => w.end >= condition.onsetDay);
    condition.recordedDay = first ? Math.max(first.start, condition.onsetDay) : condition.onsetDay;
  }
}

/** Writes the problem list: chronic conditions and pregnancies. */
export function addProblemList(chart: Chart): void {
  for (const condition of chart.conditions) addProblem(chart, condition);
  for (const pregnancy of chart.pregnancies) {
    const delivered = pregnancy.end < AS_OF_DAY;
    chart.record.conditions.push({
      id: pregnancy.id,
      memberId: chart.member.memberId,
      category: 'problem-list-item',
      ...PREGNANCY,
      clinicalStatus: delivered ? 'resolved' : 'active',
      verificationStatus: 'confirmed',
      onsetDate: isoDate(pregnancy.start),
      abatementDate: delivered ? isoDate(pregnancy.end) : undefined,
      recordedDate: isoDate(pregnancy.start + 56),
      recorderNpi: clinician('OBG', pregnancy.start, chart.seed).npi,
      updatedAt: updatedAfter(
        chart,
        Math.min(delivered ? pregnancy.end : pregnancy.start + 56, AS_OF_DAY - 1),
      ),
    });
  }
}

function addProblem(chart: Chart, condition: MemberCondition): void {
  const { def } = condition;
  const resolved = condition.resolvedDay !== undefined;
  const remission = resolved && ['depr', 'gad', 'brca', 'prca', 'oud'].includes(def.key);
  chart.record.conditions.push({
    id: condition.id!,
    memberId: chart.member.memberId,
    category: 'problem-list-item',
    snomed: def.snomed,
    icd10: def.icd10,
    display: def.display,
    clinicalStatus: remission ? 'remission' : resolved ? 'resolved' : 'active',
    verificationStatus: 'confirmed',
    onsetDate: isoDate(condition.onsetDay),
    abatementDate: resolved ? isoDate(condition.resolvedDay) : undefined,
    recordedDate: isoDate(condition.recordedDay!),
    recorderNpi: chart.pcp.npi,
    updatedAt: updatedAfter(
      chart,
      Math.min(condition.resolvedDay ?? condition.recordedDay!, AS_OF_DAY - 1),
    ),
  });
}

/** A health concern, once per kind, raised at a visit. */
export function addHealthConcern(chart: Chart, concern: HealthConcern, ctx: VisitContext): void {
  if (
    chart.record.conditions.some(
      (c) => c.category === 'health-concern' && c.snomed === concern.snomed,
    )
  ) {
    return;
  }
  chart.record.conditions.push({
    id: nextId(chart, 'PRB'),
    memberId: chart.member.memberId,
    encounterId: ctx.encounter.id,
    category: 'health-concern',
    snomed: concern.snomed,
    icd10: concern.icd10,
    display: concern.display,
    clinicalStatus: 'active',
    verificationStatus: 'confirmed',
    onsetDate: isoDate(ctx.visit.day),
    recordedDate: isoDate(ctx.visit.day),
    recorderNpi: ctx.attenderNpi,
    updatedAt: ctx.encounter.updatedAt,
  });
}

/** The care team: primary care, co-managing specialists, a nurse care manager, obstetrics. */
export function addCareTeam(chart: Chart): void {
  const first = chart.record.encounters[0];
  if (!first) return;
  const teamId = `CT${chart.member.memberId.slice(3)}01`;
  const open = chart.member.coverage[chart.member.coverage.length - 1]?.end === undefined;
  const add = (npi: string, specialty: Specialty, start: string): void => {
    chart.record.careTeam.push({
      id: nextId(chart, 'CTM'),
      memberId: chart.member.memberId,
      teamId,
      teamName: 'Primary care team',
      teamStatus: open ? 'active' : 'inactive',
      roleSnomed: specialty.roleSnomed,
      roleDisplay: specialty.roleDisplay,
      npi,
      taxonomy: specialty.taxonomy,
      specialtyDisplay: specialty.display,
      start,
      updatedAt: updatedAfter(chart, toDays(start)),
    });
  };
  add(chart.pcp.npi, chart.pcp.specialty, first.start.slice(0, 10));
  const seen = new Set<string>();
  for (const e of chart.record.encounters) {
    const specialty = specialistOf(chart, e.attenderNpi);
    if (!specialty || seen.has(e.attenderNpi) || e.patientClass === 'E' || e.patientClass === 'I') {
      continue;
    }
    seen.add(e.attenderNpi);
    add(e.attenderNpi, specialty, e.start.slice(0, 10));
  }
  if (chart.conditions.length >= 3) {
    add(
      clinician('RN', chart.member.index, chart.seed).npi,
      SPECIALTIES.RN!,
      first.start.slice(0, 10),
    );
  }
}

/** The specialty of an NPI among the chart's specialists (primary care is not one). */
function specialistOf(chart: Chart, npi: string): Specialty | undefined {
  if (npi === chart.pcp.npi) return undefined;
  const key = chart.specialists.get(npi);
  return key === undefined ? undefined : SPECIALTIES[key];
}

/** Goals for conditions that have one (once per goal), and quitting for current smokers. */
export function addGoals(chart: Chart): void {
  const seen = new Set<string>();
  for (const condition of chart.conditions) {
    const key = condition.def.goal;
    if (!key || seen.has(key) || condition.recordedDay === undefined) continue;
    seen.add(key);
    addGoal(chart, key, condition.recordedDay, condition);
  }
  const smoker = chart.record.conditions.find((c) => c.snomed === '110483000');
  if (smoker) addGoal(chart, 'smoking', toDays(smoker.recordedDate), undefined);
}

function addGoal(
  chart: Chart,
  key: string,
  startDay: number,
  condition: MemberCondition | undefined,
): void {
  const def = GOALS[key]!;
  const done = condition?.resolvedDay !== undefined;
  const achievement: GoalRecord['achievement'] = done
    ? 'achieved'
    : chart.rng.weighted([
        ['in-progress', 4],
        ['improving', 3],
        ['not-achieving', 2],
        ['achieved', 1],
      ] as const);
  chart.record.goals.push({
    id: nextId(chart, 'GOL'),
    memberId: chart.member.memberId,
    description: def.description,
    lifecycle: done ? 'completed' : 'active',
    achievement,
    startDate: isoDate(startDay),
    targetDate: isoDate(startDay + dayBetween(chart, 180, 365)),
    targetLoinc: def.loinc,
    targetDisplay: def.measure,
    targetLow: def.low,
    targetHigh: def.high,
    targetUnit: def.unit,
    conditionId: condition?.id,
    expressedByNpi: chart.pcp.npi,
    updatedAt: updatedAfter(chart, Math.min(condition?.resolvedDay ?? startDay, AS_OF_DAY - 1)),
  });
}

/** One assessment-and-plan care plan for members with chronic conditions on record. */
export function addCarePlan(chart: Chart): void {
  const recorded = chart.conditions.filter(
    (c) => c.recordedDay !== undefined && c.id !== undefined,
  );
  if (recorded.length === 0 || chart.record.encounters.length === 0) return;
  const start = Math.min(...recorded.map((c) => c.recordedDay!));
  const active = recorded.filter((c) => c.resolvedDay === undefined);
  const goals = chart.record.goals;
  const text = [
    `Care plan for ${active.length} active condition(s).`,
    ...active.map(
      (c) => `- ${c.def.display}: continue treatment, ${c.def.followUpsPerYear} visit(s) a year.`,
    ),
    ...goals.map((g) => `Goal: ${g.description}.`),
  ].join('\n');
  chart.record.carePlans.push({
    id: nextId(chart, 'CPL'),
    memberId: chart.member.memberId,
    status: active.length > 0 ? 'active' : 'completed',
    start: isoDate(start),
    end:
      active.length > 0
        ? undefined
        : isoDate(Math.max(...recorded.map((c) => c.resolvedDay ?? start))),
    text,
    conditionIds: recorded.map((c) => c.id!),
    goalIds: goals.map((g) => g.id),
    authorNpi: chart.pcp.npi,
    updatedAt: updatedAfter(
      chart,
      Math.max(...recorded.map((c) => Math.min(c.resolvedDay ?? c.recordedDay!, AS_OF_DAY - 1))),
    ),
  });
}

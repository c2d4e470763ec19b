/**
 * Synthetic clinical histories: the public face of the clinical generator. A member's
 * history is a pure function of (member, seed), computed from the member alone, so the
 * clinical backend (or any other) can produce member N's record without the others, and
 * `generateClinical` streams any number of them in constant memory.
 *
 * It covers the USCDI v3 data classes a payer holds: problems and health concerns,
 * allergies, medications (orders and dispenses), immunizations, laboratory results, vital
 * signs, smoking status and other social history, procedures, encounters, care team,
 * clinical notes (imaging, ECG and pathology reports among them), goals, implantable devices
 * and care plans. Frequencies follow age and sex (childhood vaccines for children, more
 * chronic problems and drugs with age, no pregnancy but for female members), and visits fall
 * inside the member's coverage.
 */
import { newChart, type Chart } from './clinical-chart.js';
import { recordVisit } from './clinical-encounters.js';
import {
  drawAllergies,
  drawConditions,
  drawImmunizations,
  drawSmoking,
} from './clinical-history.js';
import { addChronicOrders, chooseTherapy } from './clinical-meds.js';
import {
  addCarePlan,
  addCareTeam,
  addGoals,
  addProblemList,
  assignProblemIds,
} from './clinical-plans.js';
import { addStudyReports } from './clinical-reports.js';
import type { ClinicalRecord } from './clinical-types.js';
import { drawPhysique } from './clinical-vitals.js';
import { planVisits } from './clinical-visits.js';
import { generateMembers, memberAt, type MemberRecord } from './members.js';
import { createRng } from './prng.js';

export type * from './clinical-types.js';

/** Keys the clinical generator's random streams apart from the membership ones. */
export const CLINICAL_STREAM = 101;
/** Keys the study reports' generator apart from the rest of a member's history. */
const REPORTS_KEY = 1;

/** Options for {@link generateClinical}. */
export interface GenerateClinicalOptions {
  readonly count: number;
  readonly seed: number;
  /** First member index (default 0). */
  readonly from?: number;
}

/** The clinical history of a member: same member and seed, same history. */
export function clinicalRecordOf(member: MemberRecord, seed: number): ClinicalRecord {
  const chart = newChart(member, seed, createRng(seed, CLINICAL_STREAM, member.index));
  drawBackground(chart);
  const visits = planVisits(chart);
  drawAllergies(chart, visits[0]?.day);
  for (const visit of visits) recordVisit(chart, visit);
  addChronicOrders(chart);
  drawImmunizations(chart);
  addProblemList(chart);
  addGoals(chart);
  addCareTeam(chart);
  addCarePlan(chart);
  addStudyReports(chart, createRng(seed, CLINICAL_STREAM, member.index, REPORTS_KEY));
  return sortRecord(chart.record);
}

/** The clinical history of member `index`. */
export function clinicalAt(index: number, seed: number): ClinicalRecord {
  return clinicalRecordOf(memberAt(index, seed), seed);
}

/** Streams the clinical histories of members `from`..`from + count - 1`. */
export function* generateClinical(options: GenerateClinicalOptions): Generator<ClinicalRecord> {
  for (const member of generateMembers(options)) yield clinicalRecordOf(member, options.seed);
}

function drawBackground(chart: Chart): void {
  drawConditions(chart);
  drawSmoking(chart);
  chooseTherapy(chart);
  assignProblemIds(chart);
  const has = (...keys: string[]): boolean =>
    chart.conditions.some((c) => keys.includes(c.def.key));
  chart.physique = drawPhysique(chart.rng, has('obes'), has('htn'), has('copd'));
}

/** Each list in date order (ties keep creation order), as the legacy tables store them. */
function sortRecord(record: ClinicalRecord): ClinicalRecord {
  byDate(record.conditions, (r) => r.recordedDate);
  byDate(record.medications, (r) => r.authoredOn);
  byDate(record.dispenses, (r) => r.fillDate);
  byDate(record.goals, (r) => r.startDate);
  byDate(record.careTeam, (r) => r.start);
  return record;
}

function byDate<T>(list: T[], dateOf: (item: T) => string): void {
  list.sort((a, b) => {
    const x = dateOf(a);
    const y = dateOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

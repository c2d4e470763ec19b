/**
 * Which visits a member has, and when: preventive visits on the well-child schedule or
 * yearly, follow-ups for chronic conditions, sick visits at rates that fall from infancy and
 * rise again in old age, emergency visits and short stays, pregnancies with prenatal visits
 * and a delivery, and planned procedures. Visits happen only inside coverage windows.
 */
import {
  AS_OF_DAY,
  ageOn,
  dayBetween,
  exactAge,
  inWindow,
  nextId,
  type Chart,
  type MemberCondition,
} from './clinical-chart.js';
import { ACUTE_CONDITIONS, sexAllows, type AcuteCondition } from './clinical-conditions.js';
import { ENCOUNTER_KINDS, type EncounterKind } from './clinical-care.js';
import { addYears, toDays } from './dates.js';

/** A visit to generate. */
export interface PlannedVisit {
  readonly day: number;
  readonly kind: EncounterKind;
  readonly purpose: 'well' | 'followup' | 'acute' | 'prenatal' | 'delivery' | 'procedure';
  readonly condition?: MemberCondition;
  readonly acute?: AcuteCondition;
  /** Specialty key of the attending clinician, when not the primary care clinician. */
  readonly specialty?: string;
  /** Procedure keys (clinical-care.ts) performed. */
  readonly procedures: readonly string[];
  readonly pregnancy?: number;
}

/** Well-child visit ages in months before the yearly visits start at 3 years. */
const WELL_CHILD_MONTHS = [0.2, 1, 2, 4, 6, 9, 12, 15, 18, 24, 30];
const TELEHEALTH_FROM = toDays('2020-03-15');

/** All visits of a chart, in date order. */
export function planVisits(chart: Chart): PlannedVisit[] {
  const visits: PlannedVisit[] = [
    ...wellVisits(chart),
    ...followUps(chart),
    ...acuteVisits(chart),
    ...pregnancyVisits(chart),
    ...plannedProcedures(chart),
  ];
  return visits.filter((visit) => inWindow(chart, visit.day)).sort((a, b) => a.day - b.day);
}

function wellVisits(chart: Chart): PlannedVisit[] {
  const days = WELL_CHILD_MONTHS.map((months) => chart.birthDay + Math.round(months * 30.44));
  for (let age = 3; addYears(chart.birthDay, age) < AS_OF_DAY; age++) {
    days.push(addYears(chart.birthDay, age) + chart.rng.int(-20, 60));
  }
  const kept = days.filter((day) => inWindow(chart, day));
  return kept
    .filter((day) => chart.rng.chance(exactAge(chart, day) < 18 ? 0.88 : 0.7))
    .map((day) => ({
      day,
      kind: exactAge(chart, day) < 18 ? ENCOUNTER_KINDS.WELL_CHILD : ENCOUNTER_KINDS.WELL_ADULT,
      purpose: 'well',
      procedures: screenings(chart, day),
    }));
}

/** Screenings done at a preventive visit, by age and sex (USPSTF-style intervals). */
function screenings(chart: Chart, day: number): string[] {
  const age = ageOn(chart, day);
  const { rng, sex } = chart;
  const done: string[] = [];
  if (sex === 'F' && age >= 40 && rng.chance(0.5)) done.push('mammogram');
  if (sex === 'F' && age >= 21 && age <= 65 && rng.chance(0.3)) done.push('pap');
  if (age >= 12 && rng.chance(0.35)) done.push('depscreen');
  if (sex === 'F' && age >= 65 && rng.chance(0.15)) done.push('dexa');
  if (age >= 50 && rng.chance(0.15)) done.push('ecg');
  return done;
}

function followUps(chart: Chart): PlannedVisit[] {
  const visits: PlannedVisit[] = [];
  for (const condition of chart.conditions) {
    const def = condition.def;
    for (const window of chart.windows) {
      const from = Math.max(window.start, condition.onsetDay);
      const to = Math.min(window.end, condition.resolvedDay ?? window.end);
      const count = Math.round(
        ((to - from) / 365.25) * def.followUpsPerYear * (0.6 + chart.rng.next() * 0.6),
      );
      for (let i = 0; i < count; i++) {
        visits.push(followUp(chart, condition, dayBetween(chart, from, to)));
      }
    }
  }
  return visits;
}

function followUp(chart: Chart, condition: MemberCondition, day: number): PlannedVisit {
  const specialist = condition.def.specialty !== '' && chart.rng.chance(0.35);
  const virtual = day >= TELEHEALTH_FROM && chart.rng.chance(0.15);
  return {
    day,
    kind: virtual ? ENCOUNTER_KINDS.TELE : ENCOUNTER_KINDS.FOLLOW_UP,
    purpose: 'followup',
    condition,
    specialty: specialist ? condition.def.specialty : undefined,
    procedures: condition.def.key === 'copd' && chart.rng.chance(0.2) ? ['spirometry'] : [],
  };
}

/** Yearly rate of sick visits by age. */
function acuteRate(age: number): number {
  if (age < 5) return 2.2;
  if (age < 18) return 1.1;
  return age < 65 ? 0.7 : 1.0;
}

function acuteVisits(chart: Chart): PlannedVisit[] {
  const visits: PlannedVisit[] = [];
  for (const window of chart.windows) {
    for (let day = window.start; day <= window.end; day += 365) {
      const yearEnd = Math.min(day + 364, window.end);
      const expected = acuteRate(ageOn(chart, day)) * ((yearEnd - day + 1) / 365);
      const count = Math.floor(expected + chart.rng.next());
      for (let i = 0; i < count; i++) {
        const visit = acuteVisit(chart, dayBetween(chart, day, yearEnd));
        if (visit) visits.push(visit);
      }
    }
  }
  return visits;
}

function acuteVisit(chart: Chart, day: number): PlannedVisit | undefined {
  const age = ageOn(chart, day);
  const eligible = ACUTE_CONDITIONS.filter(
    (def) =>
      age >= def.minAge &&
      age <= def.maxAge &&
      sexAllows(def.sex, chart.sex) &&
      (def.since === undefined || day >= toDays(def.since)),
  );
  if (eligible.length === 0) return undefined;
  const acute = chart.rng.weighted(eligible.map((def) => [def, def.weight] as const));
  const kind = { O: ENCOUNTER_KINDS.SICK, E: ENCOUNTER_KINDS.ED, I: ENCOUNTER_KINDS.INPATIENT }[
    acute.setting
  ];
  const procedures = acute.procedure ? [acute.procedure] : [];
  return { day, kind, purpose: 'acute', acute, procedures };
}

/** Pregnancies of female members aged 18-42, at most one every two years. */
function pregnancyVisits(chart: Chart): PlannedVisit[] {
  if (chart.sex !== 'F') return [];
  const visits: PlannedVisit[] = [];
  for (const window of chart.windows) {
    for (let day = window.start; day + 90 <= window.end; day += 365) {
      const age = ageOn(chart, day);
      const last = chart.pregnancies[chart.pregnancies.length - 1];
      if (age < 18 || age > 42 || (last && day < last.end + 365) || !chart.rng.chance(0.07)) {
        continue;
      }
      visits.push(...pregnancy(chart, day));
    }
  }
  return visits;
}

function pregnancy(chart: Chart, conception: number): PlannedVisit[] {
  const index = chart.pregnancies.length;
  const end = conception + 273;
  chart.pregnancies.push({ start: conception, end, id: nextId(chart, 'PRB') });
  const prenatal = [56, 100, 140, 180, 220, 250].map((offset) => ({
    day: conception + offset + chart.rng.int(0, 6),
    kind: ENCOUNTER_KINDS.PRENATAL,
    purpose: 'prenatal' as const,
    specialty: 'OBG',
    procedures: [],
    pregnancy: index,
  }));
  const delivery: PlannedVisit = {
    day: end,
    kind: ENCOUNTER_KINDS.DELIVERY,
    purpose: 'delivery',
    specialty: 'OBG',
    procedures: [chart.rng.chance(0.3) ? 'cesarean' : 'delivery'],
    pregnancy: index,
  };
  return [...prenatal, ...(end < AS_OF_DAY ? [delivery] : [])];
}

/** Elective procedures: cataracts and colonoscopies with age, implants for heart and knee. */
function plannedProcedures(chart: Chart): PlannedVisit[] {
  const visits: PlannedVisit[] = [];
  const first = chart.windows[0];
  const last = chart.windows[chart.windows.length - 1];
  if (!first || !last) return visits;
  const at = (
    key: string,
    purpose: PlannedVisit['purpose'],
    kind: EncounterKind,
    specialty: string,
    from = first.start,
  ): void => {
    visits.push({
      day: dayBetween(chart, from, last.end),
      kind,
      purpose,
      specialty,
      procedures: [key],
    });
  };
  const age = ageOn(chart, last.end);
  const has = (key: string): MemberCondition | undefined =>
    chart.conditions.find((c) => c.def.key === key);
  if (age >= 50 && chart.rng.chance(0.25)) {
    at('colonoscopy', 'procedure', ENCOUNTER_KINDS.PROCEDURE, 'GI');
  }
  if (age >= 65 && chart.rng.chance(0.15)) {
    at('cataract', 'procedure', ENCOUNTER_KINDS.PROCEDURE, 'OPH');
  }
  const cad = has('cad');
  if (cad && chart.rng.chance(0.3)) {
    at(
      'stent',
      'procedure',
      ENCOUNTER_KINDS.INPATIENT,
      'CARD',
      Math.max(first.start, cad.onsetDay),
    );
  }
  const hf = has('hf');
  if (hf && chart.rng.chance(0.15)) {
    at(
      'pacemaker',
      'procedure',
      ENCOUNTER_KINDS.INPATIENT,
      'CARD',
      Math.max(first.start, hf.onsetDay),
    );
  }
  const oa = has('oa');
  if (oa && age >= 55 && chart.rng.chance(0.25)) {
    at('tka', 'procedure', ENCOUNTER_KINDS.INPATIENT, 'ORTH', Math.max(first.start, oa.onsetDay));
  }
  if (chart.sex === 'F' && age >= 18 && age <= 40 && chart.rng.chance(0.05)) {
    at('iud', 'procedure', ENCOUNTER_KINDS.PROCEDURE, 'OBG');
  }
  return visits;
}

/**
 * The parts of a clinical history that do not hang on one visit: which chronic conditions a
 * member has (by age and sex), allergies, smoking habit, and immunizations from the
 * childhood schedule, seasonal influenza and adult vaccines. Immunizations given before the
 * member was covered are kept as reported history (not primary source), as a registry feed
 * would bring them.
 */
import {
  AS_OF_DAY,
  ageOn,
  dayBetween,
  exactAge,
  inWindow,
  isoDate,
  nextId,
  updatedAfter,
  type Chart,
} from './clinical-chart.js';
import { ALLERGY_SUBSTANCES, REACTIONS } from './clinical-care.js';
import { ageBand, CHRONIC_CONDITIONS, sexAllows } from './clinical-conditions.js';
import {
  CHILDHOOD_SCHEDULE,
  NOT_GIVEN_REASONS,
  VACCINES,
  type Vaccine,
} from './clinical-immunizations.js';
import { addYears, toDays } from './dates.js';

const ALLERGY_WEIGHTS = ALLERGY_SUBSTANCES.map(
  (substance) => [substance, substance.weight] as const,
);
const REACTION_WEIGHTS = REACTIONS.map((reaction) => [reaction, reaction[3]] as const);
const SMOKING: readonly (readonly [string, number])[] = [
  ['never', 62],
  ['former', 20],
  ['current-daily', 11],
  ['current-some-day', 4],
  ['unknown', 3],
];

/** Draws the member's chronic conditions with onset (and resolution) days. */
export function drawConditions(chart: Chart): void {
  const age = ageOn(chart, AS_OF_DAY);
  for (const def of CHRONIC_CONDITIONS) {
    if (age < def.minAge || !sexAllows(def.sex, chart.sex)) continue;
    if (!chart.rng.chance(def.prevalence[ageBand(age)])) continue;
    const earliest = Math.max(addYears(chart.birthDay, def.minAge), addYears(AS_OF_DAY, -20));
    const onsetDay = dayBetween(chart, earliest, AS_OF_DAY - 30);
    const resolved = chart.rng.chance(def.resolves);
    const resolvedDay = resolved ? dayBetween(chart, onsetDay + 120, AS_OF_DAY - 7) : undefined;
    chart.conditions.push({
      def,
      onsetDay,
      resolvedDay: resolvedDay && resolvedDay > onsetDay ? resolvedDay : undefined,
    });
  }
}

/** Smoking habit for members 13 and over. */
export function drawSmoking(chart: Chart): void {
  if (ageOn(chart, AS_OF_DAY) >= 13) chart.smoking = chart.rng.weighted(SMOKING);
}

/** Allergies and intolerances: more common in adults, recorded at the first visit. */
export function drawAllergies(chart: Chart, firstVisitDay: number | undefined): void {
  const age = ageOn(chart, AS_OF_DAY);
  if (!chart.rng.chance(age < 18 ? 0.15 : age < 65 ? 0.25 : 0.3)) return;
  const seen = new Set<string>();
  for (let i = chart.rng.int(1, 3); i > 0; i--) {
    const substance = chart.rng.weighted(ALLERGY_WEIGHTS);
    if (seen.has(substance.code)) continue;
    seen.add(substance.code);
    const [reactionSnomed, reactionDisplay, severity] = chart.rng.weighted(REACTION_WEIGHTS);
    const onsetDay = dayBetween(chart, chart.birthDay + 180, AS_OF_DAY - 60);
    const recordedDay = Math.max(onsetDay, firstVisitDay ?? onsetDay);
    chart.record.allergies.push({
      id: nextId(chart, 'ALG'),
      memberId: chart.member.memberId,
      substanceSystem: substance.system,
      substanceCode: substance.code,
      substanceDisplay: substance.display,
      type: substance.type,
      category: substance.category,
      criticality: severity === 'severe' ? 'high' : 'low',
      clinicalStatus: chart.rng.chance(0.92) ? 'active' : 'resolved',
      verificationStatus: chart.rng.chance(0.9) ? 'confirmed' : 'unconfirmed',
      reactionSnomed,
      reactionDisplay,
      severity,
      onsetDate: isoDate(onsetDay),
      recordedDate: isoDate(recordedDay),
      recorderNpi: chart.pcp.npi,
      updatedAt: updatedAfter(chart, recordedDay),
    });
  }
}

/** Every immunization: childhood schedule, influenza seasons, adult vaccines. */
export function drawImmunizations(chart: Chart): void {
  for (const [key, months] of CHILDHOOD_SCHEDULE) {
    months.forEach((month, dose) => {
      const day = chart.birthDay + Math.round(month * 30.44) + chart.rng.int(0, 20);
      if (chart.rng.chance(0.93)) addDose(chart, VACCINES[key], day, dose + 1);
    });
  }
  influenza(chart);
  adultVaccines(chart);
  chart.record.immunizations.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function influenza(chart: Chart): void {
  const firstSeason = Math.max(2014, Number(chart.member.birthDate.slice(0, 4)));
  for (let year = firstSeason; year <= 2025; year++) {
    const day = toDays(`${year}-09-15`) + chart.rng.int(0, 75);
    const age = exactAge(chart, day);
    if (age < 0.5) continue;
    if (!chart.rng.chance(age < 18 ? 0.55 : age < 65 ? 0.4 : 0.7)) continue;
    const highDose = age >= 65 && day >= toDays(VACCINES.fluHigh.since);
    addDose(chart, highDose ? VACCINES.fluHigh : VACCINES.flu, day, undefined);
  }
}

function adultVaccines(chart: Chart): void {
  const { rng } = chart;
  const covidStart = toDays('2021-04-01') + rng.int(0, 150);
  const covidAge = exactAge(chart, covidStart);
  if (covidAge >= 5 && rng.chance(0.6)) {
    const vaccine = covidAge < 12 ? VACCINES.covidPed : VACCINES.covid;
    addDose(chart, vaccine, covidStart, 1);
    addDose(chart, vaccine, covidStart + 21 + rng.int(0, 10), 2);
    if (rng.chance(0.5)) addDose(chart, vaccine, toDays('2022-10-01') + rng.int(0, 90), 3);
  }
  for (let age = 21; addYears(chart.birthDay, age) < AS_OF_DAY; age += 10) {
    if (rng.chance(0.6)) {
      addDose(chart, VACCINES.td, addYears(chart.birthDay, age) + rng.int(0, 300), undefined);
    }
  }
  const fifty = Math.max(addYears(chart.birthDay, 50), toDays('2018-03-01'));
  if (fifty < AS_OF_DAY - 200 && rng.chance(0.4)) {
    const first = dayBetween(chart, fifty, AS_OF_DAY - 200);
    addDose(chart, VACCINES.zoster, first, 1);
    addDose(chart, VACCINES.zoster, first + rng.int(60, 180), 2);
  }
  const sixtyFive = Math.max(addYears(chart.birthDay, 65), toDays('2021-10-01'));
  if (sixtyFive < AS_OF_DAY - 30 && rng.chance(0.6)) {
    addDose(chart, VACCINES.pcv20, dayBetween(chart, sixtyFive, AS_OF_DAY - 30), 1);
  }
}

function addDose(
  chart: Chart,
  vaccine: Vaccine,
  day: number,
  doseNumber: number | undefined,
): void {
  if (day >= AS_OF_DAY || day < chart.birthDay || day < toDays(vaccine.since)) return;
  const { rng } = chart;
  const primary = inWindow(chart, day);
  const notDone = primary && rng.chance(0.015);
  const infant = exactAge(chart, day) < 3;
  chart.record.immunizations.push({
    id: nextId(chart, 'IMM'),
    memberId: chart.member.memberId,
    cvx: vaccine.cvx,
    display: vaccine.display,
    date: isoDate(day),
    status: notDone ? 'not-done' : 'completed',
    statusReason: notDone ? rng.pick(Object.keys(NOT_GIVEN_REASONS)) : undefined,
    lotNumber: notDone ? undefined : lotNumber(chart),
    manufacturerMvx: notDone ? undefined : vaccine.mvx,
    expirationDate: notDone ? undefined : isoDate(day + rng.int(180, 720)),
    site:
      notDone || vaccine.route === 'PO'
        ? undefined
        : infant
          ? rng.pick(['LT', 'RT'])
          : rng.pick(['LA', 'RA']),
    route: vaccine.route,
    doseNumber,
    primarySource: primary,
    performerNpi: primary && !notDone ? chart.pcp.npi : undefined,
    updatedAt: updatedAfter(chart, Math.max(day, chart.windows[0]?.start ?? day)),
  });
}

function lotNumber(chart: Chart): string {
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  const letter = (): string => letters.charAt(chart.rng.int(0, letters.length - 1));
  return `${letter()}${letter()}${chart.rng.int(1000, 9999)}${letter()}`;
}

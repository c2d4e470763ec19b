/**
 * Observations recorded at a visit: vital signs (with growth and percentiles for children),
 * lab panels with values shaped by the member's conditions and treatment, and social
 * history (smoking status, sexual orientation, food insecurity screening).
 */
import { ageOn, exactAge, nextId, updatedAfter, type Chart } from './clinical-chart.js';
import type { VisitContext } from './clinical-encounters.js';
import { HEALTH_CONCERNS } from './clinical-conditions.js';
import { interpret, LAB_PANELS, roundValue, type LabContext } from './clinical-labs.js';
import {
  drawBasics,
  headAt,
  heightAt,
  percentile,
  VITAL_KINDS,
  weightAt,
} from './clinical-vitals.js';
import { addHealthConcern } from './clinical-plans.js';
import { instantAt } from './dates.js';

const SMOKING_ANSWERS: Readonly<Record<string, readonly [string, string]>> = {
  never: ['266919005', 'Never smoked tobacco'],
  former: ['8517006', 'Ex-smoker'],
  'current-daily': ['449868002', 'Smokes tobacco daily'],
  'current-some-day': ['428041000124106', 'Occasional tobacco smoker'],
  unknown: ['266927001', 'Tobacco smoking consumption unknown'],
};
const ORIENTATIONS: readonly (readonly [readonly [string, string, string], number])[] = [
  [['snomed', '20430005', 'Heterosexual'], 86],
  [['snomed', '38628009', 'Homosexual'], 3],
  [['snomed', '42035005', 'Bisexual'], 4],
  [['v3-NullFlavor', 'ASKU', 'Asked but no answer'], 5],
  [['v3-NullFlavor', 'UNK', 'Unknown'], 2],
];

/** Vital signs at an in-person visit. */
export function addVitals(chart: Chart, ctx: VisitContext): void {
  const physique = chart.physique!;
  const age = exactAge(chart, ctx.visit.day);
  const febrile =
    ctx.visit.acute !== undefined &&
    ['flu', 'covid', 'pneu', 'pneui', 'strep', 'aom'].includes(ctx.visit.acute.key);
  const values: Record<string, number> = drawBasics(chart.rng, age, physique, febrile);
  if (ctx.visit.purpose === 'well' || ctx.visit.purpose === 'prenatal' || age < 18) {
    Object.assign(values, growth(chart, age));
  } else {
    values.WT = weightAt(chart.sex, age, physique) * (0.98 + chart.rng.next() * 0.04);
  }
  const measuredAt = ctx.encounter.start;
  const groupId = `${ctx.encounter.id}V`;
  for (const [code, value] of Object.entries(values)) {
    const kind = VITAL_KINDS[code]!;
    chart.record.vitals.push({
      id: nextId(chart, 'VTL'),
      memberId: chart.member.memberId,
      encounterId: ctx.encounter.id,
      groupId,
      kind: kind.code,
      loinc: kind.loinc,
      display: kind.display,
      value: Number(value.toFixed(kind.decimals)),
      unit: kind.unit,
      measuredAt,
      updatedAt: ctx.encounter.updatedAt,
    });
  }
}

function growth(chart: Chart, age: number): Record<string, number> {
  const physique = chart.physique!;
  const height = heightAt(chart.sex, age, physique);
  const weight = weightAt(chart.sex, age, physique);
  const values: Record<string, number> = { HT: height, WT: weight };
  if (age >= 2) values.BMI = weight / (height / 100) ** 2;
  if (age < 3) {
    values.HC = headAt(chart.sex, age, physique);
    values.HC_PCTL = percentile(physique.heightZ * 0.6);
  }
  if (age < 2) values.WFL_PCTL = percentile(physique.bmiZ);
  if (age >= 2 && age < 20) values.BMI_PCTL = percentile(physique.bmiZ);
  return values;
}

/** One lab panel (one accession) with its results. */
export function addLabPanel(chart: Chart, ctx: VisitContext, key: string): void {
  const panel = LAB_PANELS[key];
  if (!panel) return;
  const day = ctx.visit.day;
  const context = labContext(chart, day, ctx.visit.acute?.key);
  const orderId = `ACC${ctx.encounter.id.slice(3)}${key}`;
  const collectedAt = ctx.encounter.start;
  const issuedAt = instantAt(day + (ctx.visit.kind.patientClass === 'O' ? 1 : 0), 57_600);
  for (const test of panel.tests) {
    const drawn = test.draw(chart.rng, context);
    const coded = typeof drawn !== 'number';
    const value = coded ? undefined : roundValue(test, drawn);
    chart.record.labs.push({
      id: nextId(chart, 'LAB'),
      memberId: chart.member.memberId,
      encounterId: ctx.encounter.id,
      orderId,
      panelLoinc: panel.loinc,
      panelDisplay: panel.display,
      loinc: test.loinc,
      display: test.display,
      value,
      unit: test.unit,
      valueCode: coded ? drawn.code : undefined,
      valueDisplay: coded ? drawn.display : undefined,
      low: test.low,
      high: test.high,
      interpretation: coded ? (drawn.abnormal ? 'A' : 'N') : interpret(test, value as number),
      specimen: test.specimen,
      collectedAt,
      issuedAt,
      status: chart.rng.chance(0.01) ? 'corrected' : 'final',
      ordererNpi: ctx.attenderNpi,
      updatedAt: updatedAfter(chart, day + 1),
    });
  }
}

function labContext(chart: Chart, day: number, acute: string | undefined): LabContext {
  const conditions = new Set<string>();
  const drugs = new Set<string>();
  for (const condition of chart.conditions) {
    if (condition.onsetDay > day || (condition.resolvedDay ?? Infinity) < day) continue;
    conditions.add(condition.def.key);
    for (const drug of condition.drugs ?? []) drugs.add(drug);
  }
  if (chart.pregnancies.some((p) => day >= p.start && day <= p.end)) conditions.add('pregnancy');
  return { sex: chart.sex, age: ageOn(chart, day), conditions, drugs, acute };
}

/** Smoking status at every adolescent and adult preventive visit; SOGI and SDOH for adults. */
export function addSocialHistory(chart: Chart, ctx: VisitContext): void {
  const age = ageOn(chart, ctx.visit.day);
  if (age < 13 || !chart.smoking) return;
  const [code, display] = SMOKING_ANSWERS[chart.smoking]!;
  social(chart, ctx, 'SMOKING', ['72166-2', 'Tobacco smoking status'], ['snomed', code, display]);
  if (chart.smoking.startsWith('current')) addHealthConcern(chart, HEALTH_CONCERNS.tobacco!, ctx);
  if (age < 18) return;
  if (chart.rng.chance(0.3)) {
    social(
      chart,
      ctx,
      'SEX_ORIENT',
      ['76690-7', 'Sexual orientation'],
      chart.rng.weighted(ORIENTATIONS),
    );
  }
  if (chart.rng.chance(0.4)) foodInsecurity(chart, ctx);
}

function foodInsecurity(chart: Chart, ctx: VisitContext): void {
  const risk = chart.rng.chance(chart.member.planId.includes('MCD') ? 0.3 : 0.08);
  const answer: readonly [string, string, string] = risk
    ? ['loinc', 'LA28397-0', 'Often true']
    : ['loinc', 'LA28398-8', 'Never true'];
  const panel = '88121-9';
  social(
    chart,
    ctx,
    'SDOH',
    [
      '88122-7',
      'Within the past 12 months we worried whether our food would run out before we got money to buy more',
    ],
    answer,
    panel,
  );
  social(
    chart,
    ctx,
    'SDOH',
    [
      '88123-5',
      "Within the past 12 months the food we bought just didn't last and we didn't have money to get more",
    ],
    answer,
    panel,
  );
  const outcome: readonly [string, string, string] = risk
    ? ['loinc', 'LA19952-3', 'At risk']
    : ['loinc', 'LA19983-8', 'No risk'];
  social(chart, ctx, 'SDOH', ['88124-3', 'Food insecurity risk [HVS]'], outcome, panel);
  if (risk) addHealthConcern(chart, HEALTH_CONCERNS.food!, ctx);
}

function social(
  chart: Chart,
  ctx: VisitContext,
  kind: 'SMOKING' | 'SEX_ORIENT' | 'SDOH',
  [loinc, display]: readonly [string, string],
  [system, code, answer]: readonly [string, string, string],
  panelLoinc?: string,
): void {
  chart.record.social.push({
    id: nextId(chart, 'SOC'),
    memberId: chart.member.memberId,
    encounterId: ctx.encounter.id,
    kind,
    loinc,
    display,
    panelLoinc,
    answerSystem: system as 'snomed' | 'loinc' | 'v3-NullFlavor',
    answerCode: code,
    answerDisplay: answer,
    observedAt: ctx.encounter.start,
    updatedAt: ctx.encounter.updatedAt,
  });
}

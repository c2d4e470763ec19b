/**
 * Medication orders and pharmacy dispenses, all from the drug catalog. Chronic conditions
 * get a first-line drug (and sometimes a second) from the first visit after onset, refilled
 * every 30 or 90 days while covered; a share of therapies is stopped or switched. Acute
 * visits get a short course with a single fill. Penicillin-allergic members get
 * azithromycin instead of amoxicillin.
 */
import {
  AS_OF_DAY,
  ageOn,
  inWindow,
  isoDate,
  nextId,
  updatedAfter,
  type Chart,
  type MemberCondition,
} from './clinical-chart.js';
import type { VisitContext } from './clinical-encounters.js';
import { clinician } from './clinical-staff.js';
import { requireDrug, type Drug } from './drugs.js';
import { toDays } from './dates.js';
import type { MedicationOrderRecord } from './clinical-types.js';

const PENICILLINS = new Set(['723', '19711', '7980']);
const AZITHROMYCIN = '308460';
const AZITHROMYCIN_SUSPENSION = '141962';
const FREQUENCIES: readonly (readonly [number, string, string])[] = [
  [1, 'QD', 'once daily'],
  [2, 'BID', 'twice daily'],
  [3, 'TID', 'three times daily'],
  [4, 'QID', 'four times daily'],
];

/** Picks each chronic condition's drugs: the first-line one mostly, sometimes a second. */
export function chooseTherapy(chart: Chart): void {
  for (const condition of chart.conditions) {
    const drugs = condition.def.drugs;
    const treated = condition.def.key === 'obes' ? 0.1 : 0.85;
    if (drugs.length === 0 || !chart.rng.chance(treated)) continue;
    const first = chart.rng.chance(0.6) ? drugs[0]! : chart.rng.pick(drugs);
    const chosen = [first];
    const second = chart.rng.pick(drugs);
    if (second !== first && chart.rng.chance(0.3)) chosen.push(second);
    condition.drugs = chosen;
  }
}

/** Orders and refills for every treated chronic condition, from its first visit on. */
export function addChronicOrders(chart: Chart): void {
  for (const condition of chart.conditions) {
    const start = firstVisitAfter(chart, condition.onsetDay);
    if (start === undefined || !condition.drugs) continue;
    for (const rxcui of condition.drugs) addTherapy(chart, condition, requireDrug(rxcui), start);
  }
}

function firstVisitAfter(
  chart: Chart,
  day: number,
): { day: number; encounterId: string } | undefined {
  const encounter = chart.record.encounters.find((e) => e.start.slice(0, 10) >= isoDate(day));
  return encounter && { day: toDays(encounter.start.slice(0, 10)), encounterId: encounter.id };
}

function addTherapy(
  chart: Chart,
  condition: MemberCondition,
  drug: Drug,
  start: { day: number; encounterId: string },
): void {
  const { rng } = chart;
  const stopped =
    condition.resolvedDay ?? (rng.chance(0.12) ? start.day + rng.int(60, 900) : undefined);
  const end = stopped !== undefined && stopped < AS_OF_DAY ? stopped : undefined;
  const specialist = condition.def.specialty !== '' && rng.chance(0.3);
  const prescriber = specialist
    ? clinician(condition.def.specialty, rng.int(0, 999), chart.seed).npi
    : chart.pcp.npi;
  const days = drug.unit === 'EA' && drug.route.code === 'PO' && rng.chance(0.55) ? 90 : 30;
  const order = orderOf(chart, drug, start.day, days, {
    encounterId: start.encounterId,
    status: end === undefined ? 'active' : condition.resolvedDay ? 'completed' : 'stopped',
    endDate: end === undefined ? undefined : isoDate(end),
    prescriberNpi: prescriber,
    reasonConditionId: condition.id,
    reasonIcd10: condition.def.icd10,
    refills: days === 90 ? 3 : 11,
  });
  chart.record.medications.push(order);
  const mail = days === 90 && rng.chance(0.5);
  for (
    let day = start.day, fill = 1;
    day < (end ?? AS_OF_DAY);
    day += days + rng.int(0, 6), fill++
  ) {
    if (inWindow(chart, day)) addDispense(chart, order, drug, day, fill, mail);
  }
}

/** A short course for an acute visit, filled once the same day. */
export function addAcuteOrder(chart: Chart, ctx: VisitContext): void {
  const drug = acuteDrug(chart, ctx);
  const day = ctx.visit.day;
  const days = drug.drugClass === 'ANTIBIO' ? 10 : drug.drugClass === 'ANTIVIR' ? 5 : 14;
  const order = orderOf(chart, drug, day, days, {
    encounterId: ctx.encounter.id,
    status: day + days < AS_OF_DAY ? 'completed' : 'active',
    endDate: isoDate(day + days),
    prescriberNpi: ctx.attenderNpi,
    reasonConditionId: ctx.diagnosisId,
    reasonIcd10: ctx.visit.acute?.icd10,
    refills: 0,
  });
  chart.record.medications.push(order);
  addDispense(chart, order, drug, day, 1, false);
}

function acuteDrug(chart: Chart, ctx: VisitContext): Drug {
  const drugs = ctx.visit.acute!.drugs;
  const child = ageOn(chart, ctx.visit.day) < 12;
  let drug = requireDrug(child ? drugs[0]! : drugs[drugs.length - 1]!);
  if (PENICILLINS.has(drug.ingredientRxcui) && allergicToPenicillin(chart)) {
    drug = requireDrug(child ? AZITHROMYCIN_SUSPENSION : AZITHROMYCIN);
  }
  return drug;
}

function allergicToPenicillin(chart: Chart): boolean {
  return chart.record.allergies.some((a) => PENICILLINS.has(a.substanceCode));
}

type OrderFacts = Pick<
  MedicationOrderRecord,
  | 'encounterId'
  | 'status'
  | 'endDate'
  | 'prescriberNpi'
  | 'reasonConditionId'
  | 'reasonIcd10'
  | 'refills'
>;

function orderOf(
  chart: Chart,
  drug: Drug,
  day: number,
  days: number,
  facts: OrderFacts,
): MedicationOrderRecord {
  const { frequency, sig, dose, doseUnit } = dosage(drug);
  return {
    id: nextId(chart, 'ORD'),
    memberId: chart.member.memberId,
    rxcui: drug.rxcui,
    drugName: drug.name,
    sig,
    doseQuantity: dose,
    doseUnit,
    frequency,
    routeCode: drug.route.code,
    dispenseQuantity: quantityFor(drug, days),
    daysSupply: days,
    authoredOn: isoDate(day),
    startDate: isoDate(day),
    ...facts,
    updatedAt: updatedAfter(
      chart,
      facts.endDate ? Math.min(toDays(facts.endDate), AS_OF_DAY - 1) : day,
    ),
  };
}

/** Structured dose and the instructions a pharmacy label carries. */
function dosage(drug: Drug): { frequency: string; sig: string; dose: number; doseUnit: string } {
  const form = drug.doseForm.toLowerCase();
  const unit = form.includes('capsule')
    ? 'capsule'
    : form.includes('tablet')
      ? 'tablet'
      : form.includes('film')
        ? 'film'
        : '';
  if (drug.unit === 'EA' && unit) {
    const [, code, text] =
      FREQUENCIES.find(([perDay]) => perDay >= drug.unitsPerDay) ?? FREQUENCIES[0]!;
    const route = drug.route.code === 'SL' ? 'under the tongue' : 'by mouth';
    return { frequency: code, sig: `Take 1 ${unit} ${route} ${text}`, dose: 1, doseUnit: unit };
  }
  if (drug.route.code === 'INH') {
    return {
      frequency: 'PRN',
      sig: 'Inhale 2 puffs every 4 to 6 hours as needed',
      dose: 2,
      doseUnit: 'puff',
    };
  }
  if (drug.route.code === 'SC' && drug.unitsPerDay < 0.2) {
    return {
      frequency: 'QW',
      sig: 'Inject under the skin once weekly',
      dose: 1,
      doseUnit: 'injection',
    };
  }
  if (drug.unit === 'ML' && drug.route.code === 'PO') {
    return { frequency: 'BID', sig: 'Take 5 mL by mouth twice daily', dose: 5, doseUnit: 'mL' };
  }
  return {
    frequency: 'QD',
    sig: `Use as directed (${drug.route.display.toLowerCase()})`,
    dose: 1,
    doseUnit: 'application',
  };
}

function quantityFor(drug: Drug, days: number): number {
  return Math.max(1, Math.ceil(drug.unitsPerDay * days));
}

function addDispense(
  chart: Chart,
  order: MedicationOrderRecord,
  drug: Drug,
  day: number,
  fill: number,
  mail: boolean,
): void {
  const pkg = drug.packages[0]!;
  chart.record.dispenses.push({
    id: nextId(chart, 'DSP'),
    memberId: chart.member.memberId,
    orderId: order.id,
    rxcui: drug.rxcui,
    ndc: pkg.ndc11,
    drugName: drug.name,
    quantity: order.dispenseQuantity,
    daysSupply: order.daysSupply,
    fillDate: isoDate(day),
    fillNumber: fill,
    pharmacyType: mail ? 'mail' : 'retail',
    pharmacyId: mail
      ? '5990001'
      : `59${String(1000 + (chart.member.index % 8000)).padStart(5, '0')}`,
    status: 'completed',
    sig: order.sig,
    prescriberNpi: order.prescriberNpi,
    updatedAt: updatedAfter(chart, day),
  });
}

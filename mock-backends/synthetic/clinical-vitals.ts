/**
 * Vital signs (US Core vital signs LOINC codes, UCUM units) and growth: each member has a
 * fixed height and BMI z-score, so a child grows along one percentile and an adult's weight
 * stays plausible from visit to visit. The growth medians approximate the CDC 2000 charts
 * (WHO below 2 years); percentiles are the normal CDF of the member's z-score.
 */
import type { Rng } from './prng.js';

/** A vital sign kind with its code. */
export interface VitalKind {
  /** The legacy system's own code. */
  readonly code: string;
  readonly loinc: string;
  readonly display: string;
  readonly unit: string;
  readonly decimals: number;
}

const kind = (
  code: string,
  loinc: string,
  display: string,
  unit: string,
  decimals: number,
): VitalKind => ({
  code,
  loinc,
  display,
  unit,
  decimals,
});

/** Every kind of vital sign the clinical system records. */
export const VITAL_KINDS: Readonly<Record<string, VitalKind>> = Object.freeze({
  BP_SYS: kind('BP_SYS', '8480-6', 'Systolic blood pressure', 'mm[Hg]', 0),
  BP_DIA: kind('BP_DIA', '8462-4', 'Diastolic blood pressure', 'mm[Hg]', 0),
  HR: kind('HR', '8867-4', 'Heart rate', '/min', 0),
  RR: kind('RR', '9279-1', 'Respiratory rate', '/min', 0),
  TEMP: kind('TEMP', '8310-5', 'Body temperature', 'Cel', 1),
  SPO2: kind('SPO2', '59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry', '%', 0),
  HT: kind('HT', '8302-2', 'Body height', 'cm', 1),
  WT: kind('WT', '29463-7', 'Body weight', 'kg', 1),
  BMI: kind('BMI', '39156-5', 'Body mass index (BMI) [Ratio]', 'kg/m2', 1),
  HC: kind('HC', '9843-4', 'Head Occipital-frontal circumference', 'cm', 1),
  BMI_PCTL: kind(
    'BMI_PCTL',
    '59576-9',
    'Body mass index (BMI) [Percentile] Per age and sex',
    '%',
    0,
  ),
  WFL_PCTL: kind('WFL_PCTL', '77606-2', 'Weight-for-length Per age and sex', '%', 0),
  HC_PCTL: kind('HC_PCTL', '8289-1', 'Head Occipital-frontal circumference Percentile', '%', 0),
});

/** The blood pressure panel both BP components belong to. */
export const BP_PANEL = Object.freeze({
  loinc: '85354-9',
  display: 'Blood pressure panel with all children optional',
});

/** Fixed traits of a member's body. */
export interface Physique {
  readonly heightZ: number;
  readonly bmiZ: number;
  /** Adult BMI (kg/m2) for members 20 and over. */
  readonly adultBmi: number;
  readonly hypertensive: boolean;
  readonly lungDisease: boolean;
}

/** Ages (years) of the growth tables below. */
const AGES = [
  0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20,
];
const HEIGHT = {
  M: [
    49.9, 61.4, 67.6, 72, 75.7, 82.3, 87.1, 95.2, 102.3, 109.2, 115.5, 121.9, 128, 133.3, 138.4,
    143.5, 149.1, 156.2, 163.2, 169, 173.5, 175.2, 176.1, 176.8,
  ],
  F: [
    49.1, 59.8, 65.7, 70.1, 74, 80.7, 85.7, 94.1, 101.6, 108.4, 115, 121, 127, 132.5, 138.3, 144.8,
    151.2, 156.4, 159.8, 161.7, 162.5, 163, 163.7, 163.3,
  ],
};
const WEIGHT = {
  M: [
    3.3, 6.4, 7.9, 8.9, 9.6, 10.9, 12.2, 14.3, 16.3, 18.4, 20.7, 22.9, 25.6, 28.6, 32, 35.6, 40,
    45.3, 50.8, 56, 60.8, 64.6, 67.3, 70.6,
  ],
  F: [
    3.2, 5.8, 7.3, 8.2, 8.9, 10.2, 11.5, 13.9, 15.9, 17.9, 20.2, 22.4, 25.8, 28.1, 31.9, 36, 40.5,
    45, 48.5, 51.6, 53.5, 54.6, 56.2, 58,
  ],
};
const HEAD = {
  M: [34.5, 40.5, 43.3, 45, 46.1, 47.4, 48.3, 49.5],
  F: [33.9, 39.5, 42.2, 43.8, 44.9, 46.2, 47.2, 48.5],
};

/** Draws a member's physique; adults' BMI follows whether they are obese. */
export function drawPhysique(
  rng: Rng,
  obese: boolean,
  hypertensive: boolean,
  lungDisease: boolean,
): Physique {
  const heightZ = gaussian(rng) * 0.9;
  const bmiZ = obese ? 1.7 + rng.next() * 0.8 : gaussian(rng) * 0.8;
  const adultBmi = obese ? 30 + rng.next() * 9 : 19.5 + rng.next() * 10;
  return { heightZ, bmiZ, adultBmi, hypertensive, lungDisease };
}

/** Height in cm at an age (years), along the member's percentile. */
export function heightAt(sex: string, age: number, physique: Physique): number {
  const median = interpolate(HEIGHT[sexKey(sex)], Math.min(age, 20));
  const sd = median * 0.042;
  return median + physique.heightZ * sd;
}

/** Weight in kg at an age, from height and the member's BMI. */
export function weightAt(sex: string, age: number, physique: Physique): number {
  const height = heightAt(sex, age, physique) / 100;
  if (age >= 20) return physique.adultBmi * height * height;
  const key = sexKey(sex);
  const medianBmi = interpolate(WEIGHT[key], age) / (interpolate(HEIGHT[key], age) / 100) ** 2;
  return medianBmi * Math.exp(0.13 * physique.bmiZ) * height * height;
}

/** Head circumference in cm (measured under 3 years). */
export function headAt(sex: string, age: number, physique: Physique): number {
  const median = interpolate(HEAD[sexKey(sex)], Math.min(age, 3));
  return median + physique.heightZ * 0.6 * 1.3;
}

/** Percentile (0-100) of a z-score. */
export function percentile(z: number): number {
  return Math.min(99.9, Math.max(0.1, 100 * normalCdf(z)));
}

/** Heart rate, respiratory rate, blood pressure, temperature and SpO2 for an age. */
export function drawBasics(
  rng: Rng,
  age: number,
  physique: Physique,
  febrile: boolean,
): Record<string, number> {
  const [hrLow, hrHigh] =
    age < 1 ? [100, 160] : age < 3 ? [90, 140] : age < 12 ? [70, 115] : [58, 98];
  const [rrLow, rrHigh] = age < 1 ? [30, 50] : age < 3 ? [24, 36] : age < 12 ? [18, 26] : [12, 19];
  const basics: Record<string, number> = {
    HR: rng.int(hrLow, hrHigh),
    RR: rng.int(rrLow, rrHigh),
    TEMP: febrile ? 37.9 + rng.next() * 1.4 : 36.4 + rng.next() * 0.7,
    SPO2: physique.lungDisease ? rng.int(90, 96) : rng.int(96, 100),
  };
  if (age >= 3) Object.assign(basics, bloodPressure(rng, age, physique.hypertensive));
  return basics;
}

function bloodPressure(rng: Rng, age: number, hypertensive: boolean): Record<string, number> {
  if (age < 13) return { BP_SYS: rng.int(90, 112), BP_DIA: rng.int(52, 72) };
  if (hypertensive) return { BP_SYS: rng.int(126, 158), BP_DIA: rng.int(78, 96) };
  return { BP_SYS: rng.int(102, 128), BP_DIA: rng.int(62, 82) };
}

function sexKey(sex: string): 'M' | 'F' {
  return sex === 'M' ? 'M' : 'F';
}

function interpolate(values: readonly number[], age: number): number {
  let i = 0;
  while (i < AGES.length - 2 && (AGES[i + 1] as number) < age) i++;
  const a0 = AGES[i] as number;
  const a1 = AGES[i + 1] as number;
  const v0 = values[Math.min(i, values.length - 1)] as number;
  const v1 = values[Math.min(i + 1, values.length - 1)] as number;
  const t = Math.min(1, Math.max(0, (age - a0) / (a1 - a0)));
  return v0 + (v1 - v0) * t;
}

/** A standard normal draw (sum of uniforms, clipped to +-3). */
function gaussian(rng: Rng): number {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += rng.next();
  return Math.max(-3, Math.min(3, (sum - 3) * Math.SQRT2));
}

/** Abramowitz-Stegun approximation of the standard normal CDF. */
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989423 * Math.exp((-z * z) / 2);
  const p =
    d * t * (0.3193815 + t * (-0.3565638 + t * (1.781478 + t * (-1.821256 + t * 1.330274))));
  return z > 0 ? 1 - p : p;
}

/**
 * Laboratory panels and tests (LOINC, UCUM units, reference ranges) and how a synthetic
 * member's results are drawn: normal values around the population mean, shifted by the
 * member's conditions and treatment (an A1c of 7-9% for diabetes, a therapeutic INR on
 * warfarin, a positive rapid strep test for strep throat). Codes written for this project.
 */
import type { Rng } from './prng.js';

/** Who the result is for: what shifts the values. */
export interface LabContext {
  readonly sex: string;
  readonly age: number;
  /** Condition keys (clinical-conditions.ts) the member has at the time. */
  readonly conditions: ReadonlySet<string>;
  /** RxNorm codes the member takes at the time. */
  readonly drugs: ReadonlySet<string>;
  /** Acute condition key of the visit, for tests ordered for it. */
  readonly acute?: string;
}

/** One test of a panel. */
export interface LabTest {
  readonly loinc: string;
  readonly display: string;
  /** UCUM unit (quantitative tests). */
  readonly unit?: string;
  readonly low?: number;
  readonly high?: number;
  readonly decimals: number;
  /** Specimen code (HL7 v2 table 0487): BLD, SER, UR, THRT, RESP. */
  readonly specimen: string;
  /** A quantitative value, or a coded result for qualitative tests. */
  readonly draw: (rng: Rng, ctx: LabContext) => number | CodedResult;
}

/** A qualitative result coded in SNOMED CT. */
export interface CodedResult {
  readonly code: string;
  readonly display: string;
  readonly abnormal: boolean;
}

/** A panel ordered together (one accession); single tests are panels of one. */
export interface LabPanel {
  readonly key: string;
  /** Panel LOINC, absent for a single test ordered alone. */
  readonly loinc?: string;
  readonly display?: string;
  readonly tests: readonly LabTest[];
}

const POSITIVE: CodedResult = { code: '10828004', display: 'Positive', abnormal: true };
const NEGATIVE: CodedResult = { code: '260385009', display: 'Negative', abnormal: false };
const DETECTED: CodedResult = { code: '260373001', display: 'Detected', abnormal: true };
const NOT_DETECTED: CodedResult = { code: '260415000', display: 'Not detected', abnormal: false };

const normal = (rng: Rng, mean: number, sd: number): number =>
  mean + sd * (rng.next() + rng.next() + rng.next() - 1.5) * 2;
const has = (ctx: LabContext, ...keys: string[]): boolean =>
  keys.some((k) => ctx.conditions.has(k));

type Draw = LabTest['draw'];

function test(
  loinc: string,
  display: string,
  unit: string | undefined,
  range: readonly [number | undefined, number | undefined],
  decimals: number,
  specimen: string,
  draw: Draw,
): LabTest {
  return { loinc, display, unit, low: range[0], high: range[1], decimals, specimen, draw };
}

const a1c: Draw = (rng, ctx) => {
  if (has(ctx, 't2dm')) return normal(rng, 7.5, 0.9);
  return has(ctx, 'predm') ? normal(rng, 6.0, 0.2) : normal(rng, 5.2, 0.25);
};
const glucose: Draw = (rng, ctx) => {
  if (has(ctx, 't2dm')) return normal(rng, 150, 30);
  return has(ctx, 'predm') ? normal(rng, 108, 8) : normal(rng, 88, 8);
};
const ldl: Draw = (rng, ctx) => {
  const treated = has(ctx, 'hld', 'cad') && [...ctx.drugs].some((d) => STATINS.has(d));
  if (treated) return normal(rng, 92, 18);
  return has(ctx, 'hld', 'cad') ? normal(rng, 155, 25) : normal(rng, 105, 20);
};
const creatinine: Draw = (rng, ctx) => {
  if (has(ctx, 'ckd3')) return normal(rng, 1.6, 0.2);
  return ctx.sex === 'M' ? normal(rng, 1.0, 0.12) : normal(rng, 0.8, 0.1);
};
const egfr: Draw = (rng, ctx) => (has(ctx, 'ckd3') ? normal(rng, 45, 7) : normal(rng, 92, 12));
const hemoglobin: Draw = (rng, ctx) => {
  if (has(ctx, 'ida')) return normal(rng, 10.2, 0.6);
  if (ctx.age < 12) return normal(rng, 12.5, 0.6);
  return ctx.sex === 'M' ? normal(rng, 15.2, 0.8) : normal(rng, 13.5, 0.7);
};
const inr: Draw = (rng, ctx) =>
  ctx.drugs.has('855332') ? normal(rng, 2.5, 0.4) : normal(rng, 1.0, 0.07);
const psa: Draw = (rng, ctx) =>
  has(ctx, 'prca') ? normal(rng, 7.5, 2) : Math.max(0.2, normal(rng, 1.4, 0.6));
const tsh: Draw = (rng, ctx) =>
  has(ctx, 'hypothy') ? normal(rng, 3.2, 1.2) : normal(rng, 1.9, 0.7);
const uacr: Draw = (rng, ctx) =>
  has(ctx, 'ckd3', 't2dm') ? normal(rng, 45, 25) : Math.max(2, normal(rng, 10, 5));
const fixed =
  (mean: number, sd: number): Draw =>
  (rng) =>
    normal(rng, mean, sd);
const coded =
  (when: (ctx: LabContext) => boolean, yes: CodedResult, no: CodedResult): Draw =>
  (_rng, ctx) =>
    when(ctx) ? yes : no;

const STATINS = new Set([
  '617312',
  '617310',
  '617311',
  '259255',
  '617318',
  '312961',
  '314231',
  '859747',
  '859751',
  '859753',
  '904475',
]);

const panels: LabPanel[] = [
  {
    key: 'A1C',
    tests: [
      test('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', '%', [4, 5.6], 1, 'BLD', a1c),
    ],
  },
  {
    key: 'LIPID',
    loinc: '57698-3',
    display: 'Lipid panel with direct LDL - Serum or Plasma',
    tests: [
      test(
        '2093-3',
        'Cholesterol [Mass/volume] in Serum or Plasma',
        'mg/dL',
        [undefined, 200],
        0,
        'SER',
        (r, c) => (ldl(r, c) as number) + normal(r, 75, 10),
      ),
      test(
        '2571-8',
        'Triglyceride [Mass/volume] in Serum or Plasma',
        'mg/dL',
        [undefined, 150],
        0,
        'SER',
        (r, c) => (has(c, 't2dm', 'obes') ? normal(r, 190, 40) : normal(r, 110, 30)),
      ),
      test(
        '2085-9',
        'Cholesterol in HDL [Mass/volume] in Serum or Plasma',
        'mg/dL',
        [40, undefined],
        0,
        'SER',
        fixed(52, 9),
      ),
      test(
        '18262-6',
        'Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay',
        'mg/dL',
        [undefined, 100],
        0,
        'SER',
        ldl,
      ),
    ],
  },
  {
    key: 'CMP',
    loinc: '24323-8',
    display: 'Comprehensive metabolic 2000 panel - Serum or Plasma',
    tests: [
      test(
        '2345-7',
        'Glucose [Mass/volume] in Serum or Plasma',
        'mg/dL',
        [70, 99],
        0,
        'SER',
        glucose,
      ),
      test(
        '3094-0',
        'Urea nitrogen [Mass/volume] in Serum or Plasma',
        'mg/dL',
        [7, 20],
        0,
        'SER',
        (r, c) => (has(c, 'ckd3') ? normal(r, 28, 4) : normal(r, 14, 3)),
      ),
      test(
        '2160-0',
        'Creatinine [Mass/volume] in Serum or Plasma',
        'mg/dL',
        [0.6, 1.3],
        2,
        'SER',
        creatinine,
      ),
      test(
        '62238-1',
        'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)',
        'mL/min/{1.73_m2}',
        [60, undefined],
        0,
        'SER',
        egfr,
      ),
      test(
        '2951-2',
        'Sodium [Moles/volume] in Serum or Plasma',
        'mmol/L',
        [136, 145],
        0,
        'SER',
        fixed(140, 2),
      ),
      test(
        '2823-3',
        'Potassium [Moles/volume] in Serum or Plasma',
        'mmol/L',
        [3.5, 5.1],
        1,
        'SER',
        fixed(4.2, 0.3),
      ),
      test(
        '2075-0',
        'Chloride [Moles/volume] in Serum or Plasma',
        'mmol/L',
        [98, 107],
        0,
        'SER',
        fixed(102, 2),
      ),
      test(
        '2028-9',
        'Carbon dioxide, total [Moles/volume] in Serum or Plasma',
        'mmol/L',
        [22, 29],
        0,
        'SER',
        fixed(25, 2),
      ),
      test(
        '17861-6',
        'Calcium [Mass/volume] in Serum or Plasma',
        'mg/dL',
        [8.5, 10.2],
        1,
        'SER',
        fixed(9.4, 0.3),
      ),
      test(
        '2885-2',
        'Protein [Mass/volume] in Serum or Plasma',
        'g/dL',
        [6, 8.3],
        1,
        'SER',
        fixed(7.1, 0.4),
      ),
      test(
        '1751-7',
        'Albumin [Mass/volume] in Serum or Plasma',
        'g/dL',
        [3.5, 5],
        1,
        'SER',
        fixed(4.3, 0.25),
      ),
      test(
        '1975-2',
        'Bilirubin.total [Mass/volume] in Serum or Plasma',
        'mg/dL',
        [0.1, 1.2],
        1,
        'SER',
        fixed(0.6, 0.2),
      ),
      test(
        '6768-6',
        'Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma',
        'U/L',
        [44, 147],
        0,
        'SER',
        fixed(80, 18),
      ),
      test(
        '1742-6',
        'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma',
        'U/L',
        [7, 56],
        0,
        'SER',
        (r, c) => (has(c, 'hcv') ? normal(r, 75, 15) : normal(r, 24, 7)),
      ),
      test(
        '1920-8',
        'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma',
        'U/L',
        [10, 40],
        0,
        'SER',
        fixed(23, 5),
      ),
    ],
  },
  {
    key: 'CBC',
    loinc: '58410-2',
    display: 'CBC panel - Blood by Automated count',
    tests: [
      test(
        '6690-2',
        'Leukocytes [#/volume] in Blood by Automated count',
        '10*3/uL',
        [4.5, 11],
        1,
        'BLD',
        (r, c) =>
          c.acute === 'pneu' || c.acute === 'pneui' || c.acute === 'append'
            ? normal(r, 14, 2)
            : normal(r, 7, 1.3),
      ),
      test(
        '789-8',
        'Erythrocytes [#/volume] in Blood by Automated count',
        '10*6/uL',
        [4.2, 5.9],
        2,
        'BLD',
        fixed(4.8, 0.3),
      ),
      test('718-7', 'Hemoglobin [Mass/volume] in Blood', 'g/dL', [12, 17.5], 1, 'BLD', hemoglobin),
      test(
        '4544-3',
        'Hematocrit [Volume Fraction] of Blood by Automated count',
        '%',
        [36, 50],
        1,
        'BLD',
        (r, c) => (hemoglobin(r, c) as number) * 3,
      ),
      test('787-2', 'MCV [Entitic volume] by Automated count', 'fL', [80, 100], 0, 'BLD', (r, c) =>
        has(c, 'ida') ? normal(r, 74, 3) : normal(r, 89, 4),
      ),
      test(
        '777-3',
        'Platelets [#/volume] in Blood by Automated count',
        '10*3/uL',
        [150, 450],
        0,
        'BLD',
        fixed(260, 45),
      ),
    ],
  },
  {
    key: 'TSH',
    tests: [
      test(
        '3016-3',
        'Thyrotropin [Units/volume] in Serum or Plasma',
        'm[IU]/L',
        [0.4, 4],
        2,
        'SER',
        tsh,
      ),
    ],
  },
  {
    key: 'UACR',
    tests: [
      test(
        '14959-1',
        'Microalbumin/Creatinine [Mass Ratio] in Urine',
        'mg/g',
        [undefined, 30],
        0,
        'UR',
        uacr,
      ),
    ],
  },
  {
    key: 'INR',
    tests: [
      test(
        '6301-6',
        'INR in Platelet poor plasma by Coagulation assay',
        '{INR}',
        [0.8, 1.2],
        1,
        'BLD',
        inr,
      ),
    ],
  },
  {
    key: 'PSA',
    tests: [
      test(
        '2857-1',
        'Prostate specific Ag [Mass/volume] in Serum or Plasma',
        'ng/mL',
        [undefined, 4],
        1,
        'SER',
        psa,
      ),
    ],
  },
  {
    key: 'LEAD',
    tests: [
      test('5671-3', 'Lead [Mass/volume] in Blood', 'ug/dL', [undefined, 3.5], 1, 'BLD', (r) =>
        Math.max(0.5, normal(r, 1.2, 0.6)),
      ),
    ],
  },
  {
    key: 'STREP',
    tests: [
      test(
        '78012-2',
        'Streptococcus pyogenes Ag [Presence] in Throat by Rapid immunoassay',
        undefined,
        [undefined, undefined],
        0,
        'THRT',
        coded((c) => c.acute === 'strep', POSITIVE, NEGATIVE),
      ),
    ],
  },
  {
    key: 'HCG',
    tests: [
      test(
        '2106-3',
        'Choriogonadotropin (pregnancy test) [Presence] in Urine',
        undefined,
        [undefined, undefined],
        0,
        'UR',
        coded((c) => c.conditions.has('pregnancy'), POSITIVE, NEGATIVE),
      ),
    ],
  },
  {
    key: 'COVID',
    tests: [
      test(
        '94500-6',
        'SARS-CoV-2 (COVID-19) RNA [Presence] in Respiratory system specimen by NAA with probe detection',
        undefined,
        [undefined, undefined],
        0,
        'RESP',
        coded((c) => c.acute === 'covid', DETECTED, NOT_DETECTED),
      ),
    ],
  },
  {
    key: 'UA',
    loinc: '24357-6',
    display: 'Urinalysis macro (dipstick) panel - Urine',
    tests: [
      test('5803-2', 'pH of Urine by Test strip', '[pH]', [5, 8], 1, 'UR', fixed(6, 0.5)),
      test(
        '5811-5',
        'Specific gravity of Urine by Test strip',
        '1',
        [1.005, 1.03],
        3,
        'UR',
        fixed(1.015, 0.004),
      ),
      test(
        '5799-2',
        'Leukocyte esterase [Presence] in Urine by Test strip',
        undefined,
        [undefined, undefined],
        0,
        'UR',
        coded((c) => c.acute === 'uti' || c.acute === 'utim', POSITIVE, NEGATIVE),
      ),
    ],
  },
];

/** Lab panels by key. */
export const LAB_PANELS: Readonly<Record<string, LabPanel>> = Object.freeze(
  Object.fromEntries(panels.map((panel) => [panel.key, panel])),
);

/** Specimen codes (HL7 v2 table 0487) with displays. */
export const SPECIMENS: Readonly<Record<string, string>> = Object.freeze({
  BLD: 'Whole blood',
  SER: 'Serum',
  UR: 'Urine',
  THRT: 'Throat',
  RESP: 'Respiratory specimen',
});

/** Interpretation of a quantitative value against its range (HL7 v2 table 0078 codes). */
export function interpret(test: LabTest, value: number): 'N' | 'H' | 'L' {
  if (test.high !== undefined && value > test.high) return 'H';
  if (test.low !== undefined && value < test.low) return 'L';
  return 'N';
}

/** Rounds a drawn value to the test's precision, never below zero. */
export function roundValue(test: LabTest, value: number): number {
  const factor = 10 ** test.decimals;
  return Math.max(0, Math.round(value * factor) / factor);
}

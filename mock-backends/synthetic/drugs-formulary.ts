/**
 * One drug formulary per plan of the catalog (catalog.ts PLANS) and plan year: its tiers
 * with cost sharing per pharmacy type and days supply, and the drugs it covers with
 * prior-authorization, step-therapy and quantity-limit rules. These are the facts that the
 * US Drug Formulary IG (FormularyDrug, FormularyItem, InsurancePlan) publishes.
 *
 * Everything is a pure function of the fixed catalogs (no seed): tiers follow the line of
 * business (commercial and Marketplace: preventive + 4 tiers; Medicare Part D: 5 tiers;
 * Medicaid: preferred / non-preferred), and a stable hash of (plan, drug) varies the
 * per-plan choices so that formularies differ the way real ones do.
 */
import { PLANS, type LineOfBusiness, type Plan } from './catalog.js';
import { DRUGS, genericOf, type Drug } from './drugs.js';
import { TIER_SCHEMES, tierFor, type FormularyTier } from './drugs-tiers.js';

export type { CostShare, FormularyTier, PharmacyType } from './drugs-tiers.js';

/** A plan's formulary for one plan year. */
export interface Formulary {
  /** `F` + plan id + year, e.g. `F-CMHP-HMO-100-2026`. */
  readonly id: string;
  readonly planId: string;
  readonly name: string;
  readonly year: number;
  readonly line: LineOfBusiness;
  /** First and last day of the plan year, `YYYY-MM-DD`. */
  readonly start: string;
  readonly end: string;
  readonly status: 'active' | 'retired';
  readonly tiers: readonly FormularyTier[];
  readonly updatedAt: string;
}

/** A quantity limit: at most `quantity` dispensing units per `days` days. */
export interface QuantityLimit {
  readonly quantity: number;
  readonly days: number;
}

/** A drug's coverage on a formulary. */
export interface FormularyItem {
  readonly formularyId: string;
  readonly rxcui: string;
  readonly tierCode: string;
  readonly priorAuth: boolean;
  readonly priorAuthNote?: string;
  /** Prior authorization applies to new starts only (members already on the drug keep it). */
  readonly priorAuthNewStartsOnly: boolean;
  readonly stepTherapy: boolean;
  readonly stepTherapyNote?: string;
  /** Step therapy applies to new starts only (members already on the drug are grandfathered). */
  readonly stepTherapyNewStartsOnly: boolean;
  readonly quantityLimit?: QuantityLimit;
  /** Available through the mail-order pharmacy. */
  readonly mailOrder: boolean;
  /** Dispensed by a specialty pharmacy only. */
  readonly specialtyPharmacy: boolean;
  /** `removed` items stay listed with their end date, as formulary change notices do. */
  readonly status: 'active' | 'removed';
  readonly start: string;
  readonly end?: string;
  readonly updatedAt: string;
}

/** Plan years with a formulary; the last one is current on the synthetic as-of date. */
export const FORMULARY_YEARS: readonly number[] = Object.freeze([2025, 2026]);

/** Every formulary, plan by plan, oldest year first. */
export const FORMULARIES: readonly Formulary[] = Object.freeze(
  PLANS.flatMap((plan) => FORMULARY_YEARS.map((year) => formularyOf(plan, year))),
);

/** Classes that plans cover only with prior authorization. */
const PA_CLASSES = new Set(['GLP1', 'WEIGHT', 'IMMUNO', 'HCV', 'ONCO', 'HORMONE']);
/** Classes with quantity limits (days of supply covered per fill). */
const QL_CLASSES = new Set(['OPIOID', 'MIGR', 'STIM', 'ANXIO', 'GLP1', 'WEIGHT', 'ANTIVIR']);
/** Brands that need a generic of another drug tried first (the first-line drug). */
const STEP_BEFORE: Readonly<Record<string, string>> = {
  DM_ORAL: 'metformin',
  GLP1: 'metformin',
  MIGR: 'sumatriptan',
  ANTIDEP: 'two generic antidepressants',
  INH_CTRL: 'a generic inhaled corticosteroid',
};

/** The formulary with this id. */
export function formularyById(id: string): Formulary | undefined {
  return FORMULARIES.find((formulary) => formulary.id === id);
}

/** A plan's formularies, oldest year first. */
export function formulariesOfPlan(planId: string): Formulary[] {
  return FORMULARIES.filter((formulary) => formulary.planId === planId);
}

/** The drugs a formulary covers (in catalog order), including removed ones. */
export function formularyItems(formulary: Formulary): FormularyItem[] {
  const plan = PLANS.find((candidate) => candidate.id === formulary.planId) as Plan;
  return DRUGS.filter((drug) => covers(plan, drug)).map((drug) => itemOf(formulary, drug));
}

function formularyOf(plan: Plan, year: number): Formulary {
  const current = year === FORMULARY_YEARS[FORMULARY_YEARS.length - 1];
  return {
    id: `F-${plan.id}-${year}`,
    planId: plan.id,
    name: `${plan.name} Drug List ${year}`,
    year,
    line: plan.line,
    start: `${year}-01-01`,
    end: `${year}-12-31`,
    status: current ? 'active' : 'retired',
    tiers: TIER_SCHEMES[plan.line],
    updatedAt: `${year - 1}-10-01T08:00:00Z`,
  };
}

/** Part D excludes OTC and weight-loss drugs; commercial plans cover only preventive OTCs. */
function covers(plan: Plan, drug: Drug): boolean {
  if (drug.kind === 'otc') {
    return (
      plan.line === 'medicaid' ||
      (plan.line !== 'medicare-advantage' && drug.drugClass === 'ANTIPLT')
    );
  }
  if (drug.drugClass === 'WEIGHT') return plan.line === 'commercial';
  return hash(plan.id, drug.rxcui) > 0.03;
}

function itemOf(formulary: Formulary, drug: Drug): FormularyItem {
  const draw = hash(formulary.planId, drug.rxcui);
  const tierCode = tierFor(formulary.line, drug, draw);
  const priorAuth = drug.kind === 'specialty' || PA_CLASSES.has(drug.drugClass);
  const stepNote = stepTherapyNote(drug, draw);
  const limit = quantityLimit(drug);
  return {
    formularyId: formulary.id,
    rxcui: drug.rxcui,
    tierCode,
    priorAuth,
    priorAuthNote: priorAuth
      ? `Covered for ${drug.classDescription.toLowerCase()} criteria`
      : undefined,
    priorAuthNewStartsOnly: priorAuth && drug.kind !== 'specialty' && draw >= 0.5,
    stepTherapy: stepNote !== undefined,
    stepTherapyNote: stepNote,
    stepTherapyNewStartsOnly: stepNote !== undefined && draw < 0.8,
    quantityLimit: limit,
    mailOrder: drug.kind !== 'specialty' && limit === undefined,
    specialtyPharmacy: drug.kind === 'specialty',
    ...lifecycle(formulary, hash(formulary.id, drug.rxcui)),
  };
}

/** A brand with a generic of the same ingredient steps through it; some classes too. */
function stepTherapyNote(drug: Drug, draw: number): string | undefined {
  if (drug.kind !== 'brand') return undefined;
  const generic = genericOf(drug);
  if (generic) return `Try generic ${generic.ingredient} first`;
  const first = STEP_BEFORE[drug.drugClass];
  return first && draw < 0.7 ? `Try ${first} first` : undefined;
}

function quantityLimit(drug: Drug): QuantityLimit | undefined {
  if (!QL_CLASSES.has(drug.drugClass) && drug.kind !== 'specialty') return undefined;
  const days = drug.route.code === 'SC' ? 28 : 30;
  return { quantity: Math.max(1, Math.ceil(drug.unitsPerDay * days)), days };
}

/** Most items cover the whole year; a few were added mid-year or removed with notice. */
function lifecycle(
  formulary: Formulary,
  draw: number,
): Pick<FormularyItem, 'status' | 'start' | 'end' | 'updatedAt'> {
  const year = formulary.year;
  if (draw > 0.97) {
    return {
      status: 'removed',
      start: formulary.start,
      end: `${year}-03-31`,
      updatedAt: `${year}-02-01T08:00:00Z`,
    };
  }
  if (draw > 0.93) {
    return {
      status: 'active',
      start: `${year}-04-01`,
      end: undefined,
      updatedAt: `${year}-03-15T08:00:00Z`,
    };
  }
  return {
    status: 'active',
    start: formulary.start,
    end: undefined,
    updatedAt: formulary.updatedAt,
  };
}

/** FNV-1a over the two keys, as a number in [0, 1): stable across processes and versions. */
function hash(first: string, second: string): number {
  let h = 0x811c9dc5;
  for (const char of `${first}|${second}`) {
    h ^= char.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 4294967296;
}

/**
 * Formulary tiers and their cost sharing, by line of business, and the rule placing a drug
 * on a tier. Amounts are typical of 2025-2026 benefit designs (invented, not any real plan):
 * commercial and Marketplace plans have a $0 preventive tier (ACA section 2713) and four
 * tiers, Medicare Part D plans five tiers, Medicaid two with nominal copays.
 */
import type { LineOfBusiness } from './catalog.js';
import { genericOf, type Drug } from './drugs.js';

/** Where a prescription is filled. */
export type PharmacyType = 'retail' | 'mail';

/** What the member pays for one fill on a tier. */
export interface CostShare {
  readonly pharmacyType: PharmacyType;
  /** 30 (one month) or 90 (three months). */
  readonly daysSupply: 30 | 90;
  /** Fixed copay in USD, when the tier has one. */
  readonly copay?: number;
  /** Coinsurance as a percentage, when the tier has one. */
  readonly coinsurancePct?: number;
  /** Whether the plan's deductible must be met first. */
  readonly deductibleApplies: boolean;
}

/** A tier of a formulary. */
export interface FormularyTier {
  /** The legacy tier code: PV, T1..T5, PF, NP. */
  readonly code: string;
  /** Tier number as printed on the drug list (0 for preventive). */
  readonly number: number;
  readonly name: string;
  readonly costShares: readonly CostShare[];
}

type Share = [copay: number | null, coinsurancePct: number | null];

/** Cost shares for retail 30, retail 90, mail 90 (mail 30 = retail 30); null = not offered. */
function shares(
  retail30: Share,
  retail90: Share | null,
  mail90: Share | null,
  deductibleApplies = false,
): CostShare[] {
  const of = (pharmacyType: PharmacyType, daysSupply: 30 | 90, share: Share): CostShare => ({
    pharmacyType,
    daysSupply,
    copay: share[0] ?? undefined,
    coinsurancePct: share[1] ?? undefined,
    deductibleApplies,
  });
  const list = [of('retail', 30, retail30), of('mail', 30, retail30)];
  if (retail90) list.push(of('retail', 90, retail90));
  if (mail90) list.push(of('mail', 90, mail90));
  return list;
}

const COMMERCIAL: readonly FormularyTier[] = [
  {
    code: 'PV',
    number: 0,
    name: 'Preventive',
    costShares: shares([0, null], [0, null], [0, null]),
  },
  {
    code: 'T1',
    number: 1,
    name: 'Generic',
    costShares: shares([10, null], [30, null], [20, null]),
  },
  {
    code: 'T2',
    number: 2,
    name: 'Preferred brand',
    costShares: shares([40, null], [120, null], [100, null]),
  },
  {
    code: 'T3',
    number: 3,
    name: 'Non-preferred drug',
    costShares: shares([75, null], [225, null], [200, null], true),
  },
  { code: 'T4', number: 4, name: 'Specialty', costShares: shares([null, 30], null, null, true) },
];

const MEDICARE: readonly FormularyTier[] = [
  {
    code: 'T1',
    number: 1,
    name: 'Preferred generic',
    costShares: shares([0, null], [0, null], [0, null]),
  },
  {
    code: 'T2',
    number: 2,
    name: 'Generic',
    costShares: shares([10, null], [30, null], [20, null]),
  },
  {
    code: 'T3',
    number: 3,
    name: 'Preferred brand',
    costShares: shares([47, null], [141, null], [141, null], true),
  },
  {
    code: 'T4',
    number: 4,
    name: 'Non-preferred drug',
    costShares: shares([null, 40], [null, 40], [null, 40], true),
  },
  { code: 'T5', number: 5, name: 'Specialty', costShares: shares([null, 33], null, null, true) },
];

const MEDICAID: readonly FormularyTier[] = [
  { code: 'PF', number: 1, name: 'Preferred', costShares: shares([0, null], [0, null], [0, null]) },
  {
    code: 'NP',
    number: 2,
    name: 'Non-preferred',
    costShares: shares([4, null], [4, null], [4, null]),
  },
];

/** The tier scheme of each line of business. */
export const TIER_SCHEMES: Readonly<Record<LineOfBusiness, readonly FormularyTier[]>> = {
  commercial: COMMERCIAL,
  qhp: COMMERCIAL,
  'medicare-advantage': MEDICARE,
  medicaid: MEDICAID,
};

/** Drugs the ACA preventive-services rule makes free: contraception, PrEP, aspirin, folate. */
const PREVENTIVE = new Set(['748878', '749762', '1000126', '476556', '243670', '310410']);
/** Maintenance classes Part D plans put on the preferred-generic tier. */
const MAINTENANCE = new Set(['ACEI', 'ARB', 'CCB', 'DIUR', 'BB', 'STATIN', 'DM_ORAL', 'THYROID']);

/** The tier code of `drug` on a formulary of `line`; `draw` in [0,1) varies plan choices. */
export function tierFor(line: LineOfBusiness, drug: Drug, draw: number): string {
  if (line === 'medicaid') return medicaidTier(drug, draw);
  if (line === 'medicare-advantage') return medicareTier(drug, draw);
  if (PREVENTIVE.has(drug.rxcui)) return 'PV';
  if (drug.kind === 'generic' || drug.kind === 'otc') return 'T1';
  if (drug.kind === 'specialty') return 'T4';
  return preferredBrand(drug, draw) ? 'T2' : 'T3';
}

function medicareTier(drug: Drug, draw: number): string {
  if (drug.kind === 'generic') return MAINTENANCE.has(drug.drugClass) ? 'T1' : 'T2';
  if (drug.kind === 'specialty') return 'T5';
  return preferredBrand(drug, draw) ? 'T3' : 'T4';
}

function medicaidTier(drug: Drug, draw: number): string {
  if (drug.kind === 'generic' || drug.kind === 'otc') return 'PF';
  return preferredBrand(drug, draw) ? 'PF' : 'NP';
}

/** A brand with a generic twin is never preferred; others mostly are, plans differ a little. */
function preferredBrand(drug: Drug, draw: number): boolean {
  return genericOf(drug) === undefined && draw < 0.7;
}

/**
 * The legacy pharmacy-benefit system's record layout: upper-case column names, `Y`/`N`
 * indicators, dates as `YYYYMMDD` with open ends as `99991231`, DB2-style timestamps, and
 * its own codes (tier PV/T1..T5/PF/NP, drug type G/B/S/O, pharmacy RTL/MAIL). The formulary
 * plugin maps it to US Drug Formulary resources; nothing here is FHIR.
 */
import type {
  CostShare,
  Drug,
  DrugPackage,
  Formulary,
  FormularyItem,
  FormularyTier,
} from '../synthetic/index.js';
import { OPEN_END_DATE, toLegacyDate, toLegacyTimestamp } from '../membership/legacy.js';

/** Timestamp of the drug catalog load (the catalog changes with formulary years). */
const CATALOG_UPDATED = '2025-09-15T06:00:00Z';

/** A drug row (`GET /drugs`), with its packages. */
export interface DrugRow {
  RXCUI: string;
  DRUG_NM: string;
  GNRC_NM: string;
  ING_RXCUI: string;
  STRENGTH_TXT: string;
  DOSE_FORM_TXT: string;
  ROUTE_CD: string;
  ROUTE_DESC: string;
  ROUTE_SCT_CD: string;
  BRAND_NM: string | null;
  TTY_CD: 'SCD' | 'SBD';
  DRUG_TYP_CD: 'G' | 'B' | 'S' | 'O';
  THER_CLS_CD: string;
  THER_CLS_DESC: string;
  DISP_UNIT_CD: string;
  LAST_UPD_TS: string;
  NDCS?: NdcRow[];
}

/** A package of a drug. */
export interface NdcRow {
  NDC_11: string;
  NDC_542: string;
  PKG_SIZE: number;
  PKG_DESC: string;
}

/** A formulary header, with its tiers and their cost sharing. */
export interface FormularyRow {
  FRM_ID: string;
  PLAN_ID: string;
  FRM_NM: string;
  PLAN_YR: number;
  LOB_CD: string;
  EFF_DT: string;
  TERM_DT: string;
  FRM_STAT_CD: 'A' | 'R';
  LAST_UPD_TS: string;
  TIERS?: TierRow[];
}

/** A tier of a formulary. */
export interface TierRow {
  TIER_CD: string;
  TIER_NBR: number;
  TIER_NM: string;
  COST_SHR: CostShareRow[];
}

/** Cost sharing for one pharmacy type and days supply. */
export interface CostShareRow {
  PHARM_TYP_CD: 'RTL' | 'MAIL';
  DAYS_SUPPLY: number;
  COPAY_AMT: number | null;
  COINS_PCT: number | null;
  DED_APLY_IND: 'Y' | 'N';
}

/** A drug's coverage on a formulary (`GET /formulary-items`). */
export interface FormularyItemRow {
  FRM_ID: string;
  PLAN_ID: string;
  PLAN_YR: number;
  LOB_CD: string;
  RXCUI: string;
  DRUG_NM: string;
  TIER_CD: string;
  PA_IND: 'Y' | 'N';
  PA_NEW_IND: 'Y' | 'N';
  PA_NOTE: string | null;
  ST_IND: 'Y' | 'N';
  ST_NEW_IND: 'Y' | 'N';
  ST_NOTE: string | null;
  QL_IND: 'Y' | 'N';
  QL_QTY: number | null;
  QL_DAYS: number | null;
  MAIL_IND: 'Y' | 'N';
  SPCLTY_IND: 'Y' | 'N';
  /** Pharmacy channels the drug is dispensed through, e.g. `RTL30,RTL90,MAIL30,MAIL90`. */
  PHARM_CHNL_TXT: string;
  ITEM_STAT_CD: 'A' | 'R';
  EFF_DT: string;
  TERM_DT: string;
  LAST_UPD_TS: string;
}

/** Line of business -> legacy code. */
export const LINE_CODES: Readonly<Record<string, string>> = {
  commercial: 'COM',
  'medicare-advantage': 'MA',
  medicaid: 'MCD',
  qhp: 'QHP',
};
const DRUG_TYPES = { generic: 'G', brand: 'B', specialty: 'S', otc: 'O' } as const;

const yn = (value: boolean): 'Y' | 'N' => (value ? 'Y' : 'N');

/** The drug table row of a catalog drug (without packages). */
export function drugRow(drug: Drug): DrugRow {
  return {
    RXCUI: drug.rxcui,
    DRUG_NM: drug.name,
    GNRC_NM: drug.ingredient,
    ING_RXCUI: drug.ingredientRxcui,
    STRENGTH_TXT: drug.strength,
    DOSE_FORM_TXT: drug.doseForm,
    ROUTE_CD: drug.route.code,
    ROUTE_DESC: drug.route.display,
    ROUTE_SCT_CD: drug.route.snomed,
    BRAND_NM: drug.brandName ?? null,
    TTY_CD: drug.termType,
    DRUG_TYP_CD: DRUG_TYPES[drug.kind],
    THER_CLS_CD: drug.drugClass,
    THER_CLS_DESC: drug.classDescription,
    DISP_UNIT_CD: drug.unit,
    LAST_UPD_TS: toLegacyTimestamp(CATALOG_UPDATED),
  };
}

/** The package row of an NDC. */
export function ndcRow(pkg: DrugPackage): NdcRow {
  return { NDC_11: pkg.ndc11, NDC_542: pkg.ndc, PKG_SIZE: pkg.size, PKG_DESC: pkg.description };
}

/** The formulary header row (without tiers). */
export function formularyRow(formulary: Formulary): FormularyRow {
  return {
    FRM_ID: formulary.id,
    PLAN_ID: formulary.planId,
    FRM_NM: formulary.name,
    PLAN_YR: formulary.year,
    LOB_CD: LINE_CODES[formulary.line] ?? 'COM',
    EFF_DT: toLegacyDate(formulary.start),
    TERM_DT: toLegacyDate(formulary.end),
    FRM_STAT_CD: formulary.status === 'active' ? 'A' : 'R',
    LAST_UPD_TS: toLegacyTimestamp(formulary.updatedAt),
  };
}

/** A tier with its cost sharing. */
export function tierRow(tier: FormularyTier): TierRow {
  return {
    TIER_CD: tier.code,
    TIER_NBR: tier.number,
    TIER_NM: tier.name,
    COST_SHR: tier.costShares.map(costShareRow),
  };
}

function costShareRow(share: CostShare): CostShareRow {
  return {
    PHARM_TYP_CD: share.pharmacyType === 'retail' ? 'RTL' : 'MAIL',
    DAYS_SUPPLY: share.daysSupply,
    COPAY_AMT: share.copay ?? null,
    COINS_PCT: share.coinsurancePct ?? null,
    DED_APLY_IND: yn(share.deductibleApplies),
  };
}

/** The item row of a drug on a formulary. */
export function itemRow(formulary: Formulary, item: FormularyItem, drug: Drug): FormularyItemRow {
  return {
    FRM_ID: item.formularyId,
    PLAN_ID: formulary.planId,
    PLAN_YR: formulary.year,
    LOB_CD: LINE_CODES[formulary.line] ?? 'COM',
    RXCUI: item.rxcui,
    DRUG_NM: drug.name,
    TIER_CD: item.tierCode,
    PA_IND: yn(item.priorAuth),
    PA_NEW_IND: yn(item.priorAuthNewStartsOnly),
    PA_NOTE: item.priorAuthNote ?? null,
    ST_IND: yn(item.stepTherapy),
    ST_NEW_IND: yn(item.stepTherapyNewStartsOnly),
    ST_NOTE: item.stepTherapyNote ?? null,
    QL_IND: yn(item.quantityLimit !== undefined),
    QL_QTY: item.quantityLimit?.quantity ?? null,
    QL_DAYS: item.quantityLimit?.days ?? null,
    MAIL_IND: yn(item.mailOrder),
    SPCLTY_IND: yn(item.specialtyPharmacy),
    PHARM_CHNL_TXT: channelsOf(formulary, item),
    ITEM_STAT_CD: item.status === 'active' ? 'A' : 'R',
    EFF_DT: toLegacyDate(item.start),
    TERM_DT: item.end ? toLegacyDate(item.end) : OPEN_END_DATE,
    LAST_UPD_TS: toLegacyTimestamp(item.updatedAt),
  };
}

/** The channels of the item's tier that it is dispensed through (mail only if mail-order). */
function channelsOf(formulary: Formulary, item: FormularyItem): string {
  const tier = formulary.tiers.find((candidate) => candidate.code === item.tierCode);
  return (tier?.costShares ?? [])
    .filter((share) => share.pharmacyType === 'retail' || item.mailOrder)
    .map((share) => `${share.pharmacyType === 'retail' ? 'RTL' : 'MAIL'}${share.daysSupply}`)
    .join(',');
}

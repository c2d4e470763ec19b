/**
 * The payer and plan catalog in the legacy system's shape. They come from the shared
 * synthetic catalog, so every mock backend agrees on plan ids, groups and the payer.
 */
import { PAYER, PLANS, type LineOfBusiness, type Plan } from '../synthetic/index.js';
import { toLegacyTimestamp } from './legacy.js';

/** The payer record (`GET /payer`). */
export interface PayerRow {
  PAYER_ID: string;
  NAIC_CD: string;
  PAYER_NM: string;
  ADDR_LN_1: string;
  CITY_NM: string;
  ST_CD: string;
  ZIP_CD: string;
  PHN_NBR: string;
  WEB_URL: string;
  LAST_UPD_TS: string;
}

/** A plan record with its groups (`GET /plans`). */
export interface PlanRow {
  PLAN_ID: string;
  PLAN_NM: string;
  LOB_CD: 'COM' | 'MA' | 'MCD' | 'QHP';
  PROD_TYP_CD: string;
  SOPT_CD: string;
  SOPT_DESC: string;
  CMS_CNTRCT_ID: string | null;
  GROUPS: { GRP_ID: string; GRP_NM: string }[];
}

const LINE_CODES: Readonly<Record<LineOfBusiness, PlanRow['LOB_CD']>> = {
  commercial: 'COM',
  'medicare-advantage': 'MA',
  medicaid: 'MCD',
  qhp: 'QHP',
};

/** The payer in legacy form. */
export function payerRow(): PayerRow {
  return {
    PAYER_ID: PAYER.id,
    NAIC_CD: PAYER.naicCode,
    PAYER_NM: PAYER.name,
    ADDR_LN_1: PAYER.address.line,
    CITY_NM: PAYER.address.city,
    ST_CD: PAYER.address.state,
    ZIP_CD: PAYER.address.zip,
    PHN_NBR: PAYER.phone,
    WEB_URL: PAYER.website,
    LAST_UPD_TS: toLegacyTimestamp(PAYER.updatedAt),
  };
}

/** All plans in legacy form. */
export function planRows(): PlanRow[] {
  return PLANS.map(planRow);
}

function planRow(plan: Plan): PlanRow {
  return {
    PLAN_ID: plan.id,
    PLAN_NM: plan.name,
    LOB_CD: LINE_CODES[plan.line],
    PROD_TYP_CD: plan.productType,
    SOPT_CD: plan.sopt.code,
    SOPT_DESC: plan.sopt.display,
    CMS_CNTRCT_ID: plan.cmsContractId ?? null,
    GROUPS: plan.groups.map((group) => ({ GRP_ID: group.id, GRP_NM: group.name })),
  };
}

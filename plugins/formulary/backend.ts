/**
 * Typed calls to the legacy formulary system (oas/formulary-backend.yaml) through the
 * gateway's HTTP client. Drugs and items are paged by key (`after=<last key>`, see
 * plugins/sdk/paging.ts), so pages stay consistent while the formulary changes. Unexpected
 * answers become 502s.
 */
import { z } from 'zod';
import type { HttpClient } from '../sdk/http-client.js';
import { LegacyJsonClient } from '../sdk/legacy-client.js';
import { keysetQuery, type KeysetPage, type PageRows } from '../sdk/paging.js';

const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2}$/);
const legacyDate = z.string().regex(/^\d{8}$/);
const yn = z.enum(['Y', 'N']);

/** A drug row (`GET /drugs`, `GET /drugs/{rxcui}`). */
export const drugSchema = z.object({
  RXCUI: z.string(),
  DRUG_NM: z.string(),
  GNRC_NM: z.string(),
  DOSE_FORM_TXT: z.string(),
  ROUTE_DESC: z.string(),
  ROUTE_SCT_CD: z.string(),
  BRAND_NM: z.string().nullable().optional(),
  TTY_CD: z.string(),
  DRUG_TYP_CD: z.string(),
  LAST_UPD_TS: timestamp,
});
export type LegacyDrug = z.infer<typeof drugSchema>;

const drugPageSchema = z.object({
  TOTAL_CNT: z.number().int().optional(),
  DRUGS: z.array(drugSchema),
});

const costShareSchema = z.object({
  PHARM_TYP_CD: z.enum(['RTL', 'MAIL']),
  DAYS_SUPPLY: z.number().int(),
  COPAY_AMT: z.number().nullable(),
  COINS_PCT: z.number().nullable(),
  DED_APLY_IND: yn,
});
export type LegacyCostShare = z.infer<typeof costShareSchema>;

const tierSchema = z.object({
  TIER_CD: z.string(),
  TIER_NBR: z.number().int(),
  TIER_NM: z.string(),
  COST_SHR: z.array(costShareSchema),
});
export type LegacyTier = z.infer<typeof tierSchema>;

/** A formulary (`GET /formularies`) with its tiers and their cost sharing. */
export const formularySchema = z.object({
  FRM_ID: z.string(),
  PLAN_ID: z.string(),
  FRM_NM: z.string(),
  PLAN_YR: z.number().int(),
  LOB_CD: z.string(),
  EFF_DT: legacyDate,
  TERM_DT: legacyDate,
  FRM_STAT_CD: z.string(),
  LAST_UPD_TS: timestamp,
  TIERS: z.array(tierSchema),
});
export type LegacyFormulary = z.infer<typeof formularySchema>;

const formularyListSchema = z.object({ FORMULARIES: z.array(formularySchema) });

/** A plan header (`GET /plans`). */
export const planSchema = z.object({
  PLAN_ID: z.string(),
  PLAN_NM: z.string(),
  LOB_CD: z.string(),
  PROD_TYP_CD: z.string(),
  CUST_SVC_PHONE: z.string(),
  PLAN_URL: z.string(),
  SVC_AREA_ST_CDS: z.array(z.string()),
  LAST_UPD_TS: timestamp,
});
export type LegacyPlan = z.infer<typeof planSchema>;

const planListSchema = z.object({ PLANS: z.array(planSchema) });

/** A formulary item (`GET /formulary-items`). */
export const itemSchema = z.object({
  FRM_ID: z.string(),
  LOB_CD: z.string(),
  RXCUI: z.string(),
  TIER_CD: z.string(),
  PA_IND: yn,
  PA_NEW_IND: yn,
  PA_NOTE: z.string().nullable(),
  ST_IND: yn,
  ST_NEW_IND: yn,
  ST_NOTE: z.string().nullable(),
  QL_IND: yn,
  QL_QTY: z.number().nullable(),
  QL_DAYS: z.number().nullable(),
  PHARM_CHNL_TXT: z.string(),
  ITEM_STAT_CD: z.string(),
  EFF_DT: legacyDate,
  TERM_DT: legacyDate,
  LAST_UPD_TS: timestamp,
});
export type LegacyItem = z.infer<typeof itemSchema>;

const itemPageSchema = z.object({
  TOTAL_CNT: z.number().int().optional(),
  ITEMS: z.array(itemSchema),
});

/** Formulary item filters the backend understands (lists are comma-separated). */
export interface ItemQuery {
  readonly formularyId?: string;
  readonly rxcui?: string;
  readonly lobTier?: string;
  readonly channel?: string;
  readonly status?: string;
  readonly effFrom?: string;
  readonly effBefore?: string;
  readonly termFrom?: string;
  readonly termBefore?: string;
  readonly updatedSince?: string;
  readonly updatedBefore?: string;
}

/** Drug search filters the backend understands. */
export interface DrugQuery {
  readonly rxcui?: string;
  readonly name?: string;
  readonly doseForm?: string;
  readonly updatedSince?: string;
  readonly updatedBefore?: string;
}

/** The key by which the backend orders items: `FRM_ID/RXCUI`. */
export function itemKey(row: LegacyItem): string {
  return `${row.FRM_ID}/${row.RXCUI}`;
}

/** Client for one formulary backend. */
export class FormularyClient {
  private readonly legacy: LegacyJsonClient;

  constructor(http: HttpClient, baseUrl: string) {
    this.legacy = new LegacyJsonClient(http, baseUrl, 'formulary system');
  }

  /** One drug, or undefined when unknown. */
  async drug(rxcui: string, signal: AbortSignal): Promise<LegacyDrug | undefined> {
    return this.legacy.get(`/drugs/${encodeURIComponent(rxcui)}`, {}, drugSchema, signal);
  }

  /** A page of drugs ordered by RXCUI (as text). */
  async drugs(query: DrugQuery, page: KeysetPage, signal: AbortSignal) {
    const params = { ...query, ...keysetQuery(page) };
    const body = await this.legacy.require('/drugs', params, drugPageSchema, signal);
    return { rows: body.DRUGS, total: body.TOTAL_CNT } satisfies PageRows<LegacyDrug>;
  }

  /** A page of formulary items ordered by {@link itemKey}. */
  async items(query: ItemQuery, page: KeysetPage, signal: AbortSignal) {
    const params = { ...query, ...keysetQuery(page) };
    const body = await this.legacy.require('/formulary-items', params, itemPageSchema, signal);
    return { rows: body.ITEMS, total: body.TOTAL_CNT } satisfies PageRows<LegacyItem>;
  }

  /** Every formulary (a short list) with tiers, in backend order. */
  async formularies(signal: AbortSignal): Promise<LegacyFormulary[]> {
    return (await this.legacy.require('/formularies', {}, formularyListSchema, signal)).FORMULARIES;
  }

  /** Every plan (a short list). */
  async plans(signal: AbortSignal): Promise<LegacyPlan[]> {
    return (await this.legacy.require('/plans', {}, planListSchema, signal)).PLANS;
  }

  /** The backend's own status. */
  async health(signal: AbortSignal): Promise<string> {
    const schema = z.object({ STATUS: z.string() });
    return (await this.legacy.require('/health', {}, schema, signal)).STATUS;
  }
}

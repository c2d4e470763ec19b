/**
 * What the plugin knows of the legacy membership system's API (oas/membership-backend.yaml):
 * the record shapes, checked on arrival so that a backend answering in an unexpected shape
 * becomes a 502 instead of a crash halfway through a mapping.
 */
import { z } from 'zod';

const nullableString = z.string().nullable();
const legacyDate = z.string().regex(/^\d{8}$/);
const legacyTimestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2}$/);

/** A member record (`GET /members`, `GET /members/{id}`). */
export const memberSchema = z.object({
  MBR_ID: z.string(),
  SUB_ID: z.string(),
  SUBSCR_MBR_ID: z.string(),
  PERS_NBR: z.string(),
  REL_CD: z.string(),
  LAST_NM: z.string(),
  FIRST_NM: z.string(),
  MID_INIT: nullableString.optional(),
  SEX_CD: z.string(),
  BIRTH_DT: legacyDate,
  ADDR_LN_1: z.string(),
  ADDR_LN_2: nullableString.optional(),
  CITY_NM: z.string(),
  ST_CD: z.string(),
  ZIP_CD: z.string(),
  HOME_PHN_NBR: nullableString.optional(),
  CELL_PHN_NBR: nullableString.optional(),
  EMAIL_ADDR: nullableString.optional(),
  RACE_CD: nullableString.optional(),
  ETHN_CD: nullableString.optional(),
  LANG_CD: nullableString.optional(),
  LAST_UPD_TS: legacyTimestamp,
});
export type LegacyMember = z.infer<typeof memberSchema>;

/** An eligibility span with its member keys (`GET /eligibility`). */
export const spanSchema = z.object({
  MBR_ID: z.string(),
  SUB_ID: z.string(),
  SUBSCR_MBR_ID: z.string(),
  PERS_NBR: z.string(),
  REL_CD: z.string(),
  SPAN_SEQ: z.number().int(),
  PLAN_ID: z.string(),
  GRP_ID: z.string(),
  EFF_DT: legacyDate,
  TERM_DT: legacyDate,
  TERM_RSN_CD: nullableString.optional(),
  ELIG_STAT_CD: z.string(),
  LAST_UPD_TS: legacyTimestamp,
});
export type LegacySpan = z.infer<typeof spanSchema>;

/** A plan with its groups (`GET /plans`). */
export const planSchema = z.object({
  PLAN_ID: z.string(),
  PLAN_NM: z.string(),
  LOB_CD: z.string(),
  PROD_TYP_CD: z.string(),
  SOPT_CD: z.string(),
  SOPT_DESC: z.string(),
  GROUPS: z.array(z.object({ GRP_ID: z.string(), GRP_NM: z.string() })),
});
export type LegacyPlan = z.infer<typeof planSchema>;

/** The payer (`GET /payer`). */
export const payerSchema = z.object({
  PAYER_ID: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/),
  NAIC_CD: z.string(),
  PAYER_NM: z.string(),
  ADDR_LN_1: z.string(),
  CITY_NM: z.string(),
  ST_CD: z.string(),
  ZIP_CD: z.string(),
  PHN_NBR: z.string(),
  WEB_URL: z.string(),
  LAST_UPD_TS: legacyTimestamp,
});
export type LegacyPayer = z.infer<typeof payerSchema>;

/** `GET /members` page. */
export const memberPageSchema = z.object({
  TOTAL_CNT: z.number().int().optional(),
  MEMBERS: z.array(memberSchema),
});

/** `GET /eligibility` and `GET /members/{id}/eligibility`. */
export const spanPageSchema = z.object({
  TOTAL_CNT: z.number().int().optional(),
  ELIG_SPANS: z.array(spanSchema),
});

/** `GET /plans`. */
export const planListSchema = z.object({ PLANS: z.array(planSchema) });

/** `GET /health`. */
export const healthSchema = z.object({ STATUS: z.string(), MBR_CNT: z.number().optional() });

/** Member search parameters the backend understands (see the OpenAPI document). */
export interface MemberSearch {
  lastName?: string;
  firstName?: string;
  name?: string;
  birthDate?: string;
  birthDateFrom?: string;
  birthDateTo?: string;
  sex?: string;
  memberId?: string;
  updatedSince?: string;
}

/** Eligibility search parameters the backend understands. */
export interface EligibilitySearch {
  memberId?: string;
  subscriberMemberId?: string;
  /** Comma-separated: spans whose member or subscriber is one of them. */
  memberOrSubscriberId?: string;
  status?: string;
  updatedSince?: string;
}

/** Legacy timestamp `YYYY-MM-DD-HH.MM.SS` (UTC) to a FHIR instant. */
export function instantOf(timestamp: string): string {
  return `${timestamp.slice(0, 10)}T${timestamp.slice(11).replaceAll('.', ':')}Z`;
}

/** Legacy date `YYYYMMDD` to a FHIR date. */
export function dateOf(legacy: string): string {
  return `${legacy.slice(0, 4)}-${legacy.slice(4, 6)}-${legacy.slice(6, 8)}`;
}

/** FHIR date `YYYY-MM-DD` to a legacy date. */
export function legacyDateOf(date: string): string {
  return date.replaceAll('-', '');
}

/** `2065550147` -> `206-555-0147`; other shapes pass through unchanged. */
export function phoneOf(digits: string): string {
  return /^\d{10}$/.test(digits)
    ? `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`
    : digits;
}

/** Member ids the backend accepts: anything else cannot exist there. */
export const MEMBER_ID = /^MBR\d{8}$/;

/** The most member ids one backend query may carry. */
export const MAX_IDS_PER_QUERY = 100;

/** The largest page the backend serves. */
export const MAX_PAGE = 500;

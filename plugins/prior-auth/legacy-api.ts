/**
 * What the plugin knows of the legacy utilization-management API
 * (oas/utilization-backend.yaml): record shapes, checked on arrival so that an unexpected
 * answer becomes a 502 instead of a crash halfway through a mapping.
 */
import { z } from 'zod';

const nullableString = z.string().nullable();
const legacyDate = z.string().regex(/^\d{8}$/);
const legacyTimestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2}$/);

const diagnosisSchema = z.object({
  DX_SEQ: z.number().int(),
  DX_CD: z.string(),
  DX_CD_QUAL: z.string(),
  DX_DESC: z.string(),
});

const lineSchema = z.object({
  LN_NBR: z.number().int(),
  SVC_CD: z.string(),
  SVC_CD_TYP: z.string(),
  SVC_DESC: z.string(),
  MOD_CDS: z.array(z.string()),
  REQ_QTY: z.number(),
  APPR_QTY: z.number(),
  QTY_UNIT_CD: z.string(),
  SVC_FROM_DT: legacyDate,
  SVC_THRU_DT: legacyDate,
  LN_STAT_CD: z.string(),
  DENY_RSN_CD: nullableString,
  DENY_RSN_TXT: nullableString,
});
export type LegacyLine = z.infer<typeof lineSchema>;

const documentSchema = z.object({
  DOC_ID: z.string(),
  DOC_TYP_CD: z.string(),
  DOC_TITLE: z.string(),
  DOC_DT: legacyDate,
  MIME_TYP: z.string(),
  DOC_SIZE_BYTES: z.number().int(),
  RCVD_TS: legacyTimestamp,
});
export type LegacyDocument = z.infer<typeof documentSchema>;

/** A prior authorization request with its decision (`GET /auths/{authNbr}`). */
export const authSchema = z.object({
  AUTH_NBR: z.string(),
  MBR_ID: z.string(),
  ELIG_SPAN_SEQ: z.number().int(),
  AUTH_TYP_CD: z.string(),
  URG_CD: z.string(),
  AUTH_STAT_CD: z.string(),
  STAT_RSN_TXT: nullableString,
  REQ_RCVD_TS: legacyTimestamp,
  DECN_TS: legacyTimestamp.nullable(),
  AUTH_EFF_DT: legacyDate.nullable(),
  AUTH_EXP_DT: legacyDate.nullable(),
  REQ_PRV_NPI: z.string(),
  SVC_PRV_NPI: z.string(),
  DENY_RSN_CD: nullableString,
  DENY_RSN_TXT: nullableString,
  LAST_STAT_CHG_TS: legacyTimestamp,
  LAST_UPD_TS: legacyTimestamp,
  DIAGS: z.array(diagnosisSchema),
  LINES: z.array(lineSchema),
  DOCS: z.array(documentSchema),
});
export type LegacyAuth = z.infer<typeof authSchema>;

/** `GET /auths` page. */
export const authPageSchema = z.object({
  TOTAL_CNT: z.number().int().optional(),
  AUTHS: z.array(authSchema),
});

/** `GET /health`. */
export const healthSchema = z.object({ STATUS: z.string() });

/** Search parameters the backend understands (see the OpenAPI document). */
export interface AuthSearch {
  memberId?: string;
  authNbr?: string;
  status?: string;
  type?: string;
  statusChangedSince?: string;
  retainedOn?: string;
}

/** Request types inside the rule's prior authorization API: every one but `DRUG`. */
export const NON_DRUG_TYPES = ['INP', 'OUTP', 'IMG', 'DME', 'THER'] as const;

/** Legacy timestamp `YYYY-MM-DD-HH.MM.SS` (UTC) to a FHIR instant. */
export function instantOf(timestamp: string): string {
  return `${timestamp.slice(0, 10)}T${timestamp.slice(11).replaceAll('.', ':')}Z`;
}

/** Legacy date `YYYYMMDD` to a FHIR date. */
export function dateOf(legacy: string): string {
  return `${legacy.slice(0, 4)}-${legacy.slice(4, 6)}-${legacy.slice(6, 8)}`;
}

/** Member ids the backend accepts. */
export const MEMBER_ID = /^MBR\d{8}$/;
/** Authorization numbers the backend accepts. */
export const AUTH_NUMBER = /^PA\d{15}$/;
/** The most ids one backend query may carry. */
export const MAX_IDS_PER_QUERY = 100;
/** The largest page the backend serves. */
export const MAX_PAGE = 500;

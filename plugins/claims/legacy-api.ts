/**
 * What the plugin knows of the legacy claims system's API (oas/claims-backend.yaml): the
 * claim record shape, checked on arrival so that a backend answering in an unexpected shape
 * becomes a 502 instead of a crash halfway through a mapping; and its date conventions.
 */
import { z } from 'zod';

/** Most ids one backend query may list (`memberId`, `claimId`). */
export const MAX_IDS_PER_QUERY = 100;
/** Largest backend page (`limit`). */
export const MAX_PAGE = 200;

const text = z.string().nullable();
const amount = z.number();
const legacyDate = z.string().regex(/^\d{8}$/);

/** A claim line (`CLM_LN`). */
export const lineSchema = z.object({
  LN_NBR: z.number().int(),
  SVC_FROM_DT: legacyDate,
  SVC_THRU_DT: legacyDate,
  REV_CD: text,
  PROC_CD: text,
  PROC_CD_TYP: text,
  PROC_DESC: text,
  MOD_CDS: z.array(z.string()),
  POS_CD: text,
  UNIT_CNT: z.number(),
  UNIT_TYP_CD: z.string(),
  DX_PTRS: z.array(z.number().int()),
  NDC_CD: text,
  DRUG_NM: text,
  DISP_QTY: z.number().nullable(),
  DISP_UNIT_CD: text,
  DAYS_SUPPLY_CNT: z.number().nullable(),
  DAW_CD: text,
  CMPND_CD: text,
  RX_NBR: text,
  FILL_NBR: z.number().nullable(),
  REFILL_AUTH_CNT: z.number().nullable(),
  BRND_GNRC_CD: text,
  RX_ORIG_CD: text,
  TOOTH_NBR: text,
  TOOTH_SURF_CDS: text,
  ORAL_CAV_CD: text,
  LN_STAT_CD: z.string(),
  BILLED_AMT: amount,
  ALLOWED_AMT: amount,
  PAID_AMT: amount,
  DED_AMT: amount,
  COPAY_AMT: amount,
  COINS_AMT: amount,
  NONCOV_AMT: amount,
  DISC_AMT: amount,
  PTNT_RESP_AMT: amount,
  ADJ_RSNS: z.array(z.object({ GRP_CD: z.string(), CARC_CD: z.string(), ADJ_AMT: z.number() })),
});
export type LegacyLine = z.infer<typeof lineSchema>;

/** A claim with its diagnoses, ICD procedures and lines. */
export const claimSchema = z.object({
  CLM_ID: z.string(),
  CLM_TYP_CD: z.enum(['PROF', 'INST_IP', 'INST_OP', 'RX', 'DENT']),
  CLM_STAT_CD: z.enum(['PD', 'DN', 'PR', 'AJ']),
  CLM_FREQ_CD: z.string(),
  ORIG_CLM_ID: text,
  ADJ_BY_CLM_ID: text,
  MBR_ID: z.string(),
  SUB_ID: z.string(),
  ELIG_SPAN_SEQ: z.number().int(),
  BILL_PRV_NPI: z.string(),
  RNDR_PRV_NPI: text,
  ATTND_PRV_NPI: text,
  OPER_PRV_NPI: text,
  REFR_PRV_NPI: text,
  PRSCRB_PRV_NPI: text,
  FAC_PRV_NPI: text,
  NTWK_IND: z.enum(['I', 'O']),
  SVC_FROM_DT: legacyDate,
  SVC_THRU_DT: legacyDate,
  RCVD_DT: legacyDate,
  ADJD_DT: legacyDate,
  TOB_CD: text,
  DRG_CD: text,
  DRG_DESC: text,
  ADMSN_DT: legacyDate.nullable(),
  DSCHRG_DT: legacyDate.nullable(),
  ADMSN_TYP_CD: text,
  ADMSN_SRC_CD: text,
  PTNT_STAT_CD: text,
  POS_CD: text,
  TOT_BILLED_AMT: amount,
  TOT_ALLOWED_AMT: amount,
  TOT_PAID_AMT: amount,
  TOT_DED_AMT: amount,
  TOT_COPAY_AMT: amount,
  TOT_COINS_AMT: amount,
  TOT_NONCOV_AMT: amount,
  TOT_DISC_AMT: amount,
  TOT_PTNT_RESP_AMT: amount,
  PMT_DT: legacyDate.nullable(),
  PMT_NBR: text,
  PAYEE_TYP_CD: text,
  PAYEE_ID: text,
  PMT_AMT: z.number().nullable(),
  LAST_UPD_TS: z.string().regex(/^\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2}$/),
  DIAGS: z.array(
    z.object({
      DX_SEQ: z.number().int(),
      DX_CD: z.string(),
      DX_CD_QUAL: z.string(),
      DX_DESC: z.string(),
      DX_TYP_CD: z.string(),
      POA_IND: text,
    }),
  ),
  ICD_PROCS: z.array(
    z.object({
      PROC_SEQ: z.number().int(),
      PROC_CD: z.string(),
      PROC_CD_QUAL: z.string(),
      PROC_DESC: z.string(),
      PROC_DT: legacyDate,
    }),
  ),
  LINES: z.array(lineSchema),
});
export type LegacyClaim = z.infer<typeof claimSchema>;

/** A page of claims. */
export const claimPageSchema = z.object({
  TOTAL_CNT: z.number().int().optional(),
  CLAIMS: z.array(claimSchema),
});

/** The backend's health answer. */
export const healthSchema = z.object({ STATUS: z.string() });

/** Claim search parameters the backend understands (besides paging). */
export interface ClaimSearch {
  readonly memberId?: string;
  readonly claimId?: string;
  readonly type?: string;
  readonly serviceFrom?: string;
  readonly serviceTo?: string;
  readonly updatedSince?: string;
}

/** The first date of service the rule requires to be served (CMS-0057-F: from 2016-01-01). */
export const WINDOW_START = '20160101';

/** Legacy timestamp `YYYY-MM-DD-HH.MM.SS` (UTC) to a FHIR instant. */
export function instantOf(timestamp: string): string {
  return `${timestamp.slice(0, 10)}T${timestamp.slice(11).replaceAll('.', ':')}Z`;
}

/** Legacy date `YYYYMMDD` to a FHIR date. */
export function dateOf(legacy: string): string {
  return `${legacy.slice(0, 4)}-${legacy.slice(4, 6)}-${legacy.slice(6, 8)}`;
}

/** FHIR date (any precision from a day) to a legacy date. */
export function legacyDateOf(date: string): string {
  return date.slice(0, 10).replaceAll('-', '');
}

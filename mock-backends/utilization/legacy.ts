/**
 * The legacy utilization-management system's record layout: upper-case column names,
 * dates `YYYYMMDD`, timestamps `YYYY-MM-DD-HH.MM.SS` (UTC), ICD codes without the decimal
 * point, and the system's own codes for request types, statuses, urgency, reviewers,
 * denial reasons, documents and appeals. A PDex prior-authorization plugin maps it.
 */
import type {
  AuthDocument,
  AuthItem,
  AuthStatus,
  AuthType,
  PriorAuthRecord,
} from '../synthetic/index.js';
import { toLegacyDate, toLegacyTimestamp } from '../membership/legacy.js';

/** A JSON row. */
export type Row = Record<string, unknown>;

/** Request type codes; `DRUG` are medical-benefit drugs, outside the rule's PA API. */
export const AUTH_TYPE_CODES: Readonly<Record<AuthType, string>> = {
  inpatient: 'INP',
  outpatient: 'OUTP',
  imaging: 'IMG',
  dme: 'DME',
  therapy: 'THER',
  drug: 'DRUG',
};

/** Status codes of requests (and, but for EXPD, of their lines). */
export const AUTH_STATUS_CODES: Readonly<Record<AuthStatus, string>> = {
  approved: 'APPR',
  denied: 'DENY',
  pended: 'PEND',
  partial: 'PART',
  cancelled: 'CANC',
  expired: 'EXPD',
};

/** Denial reason codes of the system, with their meaning. */
export const DENIAL_REASONS: Readonly<Record<string, string>> = {
  MNC: 'Not medically necessary: clinical criteria not met',
  DOC: 'Insufficient documentation: requested records not received',
  ALT: 'A less costly or less intensive alternative is appropriate',
  NCB: 'Not a covered benefit of the member plan',
  QTY: 'Quantity or frequency reduced to what the criteria support',
};

const UNIT_CODES = { units: 'UN', days: 'DA', visits: 'VS', months: 'MO' } as const;
const REVIEWER_CODES = { auto: 'AUTO', nurse: 'RN', physician: 'MD' } as const;
const APPEAL_CODES = { overturned: 'OVT', upheld: 'UPH', pending: 'PND' } as const;
const DOCUMENT_CODES: Readonly<Record<string, string>> = {
  'clinical-note': 'CLIN_NOTE',
  'imaging-report': 'IMG_RPT',
  'lab-result': 'LAB_RSLT',
  'medical-necessity-letter': 'LMN',
  'therapy-plan': 'THER_PLAN',
  'sleep-study': 'SLEEP_STDY',
};

function date(value: string | undefined): string | null {
  return value === undefined ? null : toLegacyDate(value);
}

function timestamp(value: string | undefined): string | null {
  return value === undefined ? null : toLegacyTimestamp(value);
}

/** The request as the API returns it, with its diagnoses, lines and documents. */
export function authRow(auth: PriorAuthRecord): Row {
  const { appeal } = auth;
  return {
    AUTH_NBR: auth.authNumber,
    MBR_ID: auth.memberId,
    SUB_ID: auth.subscriberId,
    PLAN_ID: auth.planId,
    GRP_ID: auth.groupId,
    ELIG_SPAN_SEQ: auth.coverageSeq,
    AUTH_TYP_CD: AUTH_TYPE_CODES[auth.type],
    URG_CD: auth.urgency === 'expedited' ? 'E' : 'S',
    AUTH_STAT_CD: AUTH_STATUS_CODES[auth.status],
    STAT_RSN_TXT: auth.statusReason ?? null,
    REQ_RCVD_TS: toLegacyTimestamp(auth.receivedAt),
    DECN_DUE_TS: toLegacyTimestamp(auth.decisionDueAt),
    DECN_TS: timestamp(auth.decidedAt),
    EXT_IND: auth.extended ? 'Y' : 'N',
    AUTH_EFF_DT: date(auth.effectiveDate),
    AUTH_EXP_DT: date(auth.expirationDate),
    REQ_PRV_NPI: auth.requestingNpi,
    SVC_PRV_NPI: auth.servicingNpi,
    FAC_PRV_NPI: auth.facilityNpi ?? null,
    NTWK_IND: auth.network === 'in' ? 'I' : 'O',
    DENY_RSN_CD: auth.denial?.code ?? null,
    DENY_RSN_TXT: auth.denial?.text ?? null,
    RVWR_TYP_CD: REVIEWER_CODES[auth.reviewer],
    APPEAL_IND: appeal ? 'Y' : 'N',
    APPEAL_RCVD_DT: date(appeal?.receivedDate),
    APPEAL_DECN_DT: date(appeal?.decidedDate),
    APPEAL_OUTCM_CD: appeal ? APPEAL_CODES[appeal.outcome] : null,
    LAST_STAT_CHG_TS: toLegacyTimestamp(auth.lastStatusChangeAt),
    LAST_UPD_TS: toLegacyTimestamp(auth.updatedAt),
    DIAGS: auth.diagnoses.map((dx) => ({
      DX_SEQ: dx.seq,
      DX_CD: dx.code.replace('.', ''),
      DX_CD_QUAL: dx.system === 'icd10' ? '0' : '9',
      DX_DESC: dx.display,
    })),
    LINES: auth.items.map(lineRow),
    DOCS: auth.documents.map(documentRow),
  };
}

function lineRow(item: AuthItem): Row {
  return {
    LN_NBR: item.seq,
    SVC_CD: item.code,
    SVC_CD_TYP: item.system,
    SVC_DESC: item.display,
    MOD_CDS: item.modifiers,
    REQ_QTY: item.requestedQuantity,
    APPR_QTY: item.approvedQuantity,
    QTY_UNIT_CD: UNIT_CODES[item.unit],
    SVC_FROM_DT: toLegacyDate(item.serviceStart),
    SVC_THRU_DT: toLegacyDate(item.serviceEnd),
    LN_STAT_CD: AUTH_STATUS_CODES[item.status],
    DENY_RSN_CD: item.denial?.code ?? null,
    DENY_RSN_TXT: item.denial?.text ?? null,
  };
}

function documentRow(doc: AuthDocument): Row {
  return {
    DOC_ID: doc.id,
    DOC_TYP_CD: DOCUMENT_CODES[doc.type] ?? doc.type.toUpperCase(),
    DOC_TITLE: doc.title,
    DOC_DT: toLegacyDate(doc.date),
    MIME_TYP: doc.contentType,
    DOC_SIZE_BYTES: doc.sizeBytes,
    RCVD_TS: toLegacyTimestamp(doc.receivedAt),
  };
}

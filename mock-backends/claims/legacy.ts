/**
 * The legacy claims system's record layout, as its tables hold it and its API returns it:
 * upper-case column names, dates `YYYYMMDD`, timestamps `YYYY-MM-DD-HH.MM.SS` (UTC), the
 * system's own type and status codes, X12 conventions (ICD codes without the decimal point,
 * claim frequency codes, CAS group/reason codes) and amounts in dollars with cents.
 * Nothing here is FHIR; the CARIN BB plugin maps it.
 */
import type {
  ClaimDiagnosis,
  ClaimLine,
  ClaimProcedure,
  ClaimRecord,
  ClaimStatus,
  ClaimType,
} from '../synthetic/index.js';
import { toLegacyDate, toLegacyTimestamp } from '../membership/legacy.js';

/** A JSON row. */
export type Row = Record<string, string | number | null>;

/** Claim type codes. */
export const CLAIM_TYPE_CODES: Readonly<Record<ClaimType, string>> = {
  professional: 'PROF',
  inpatient: 'INST_IP',
  outpatient: 'INST_OP',
  pharmacy: 'RX',
  oral: 'DENT',
};

/** Claim status codes: paid, denied, partially paid, adjusted (replaced by a later claim). */
export const CLAIM_STATUS_CODES: Readonly<Record<ClaimStatus, string>> = {
  paid: 'PD',
  denied: 'DN',
  partial: 'PR',
  adjusted: 'AJ',
};

const DIAGNOSIS_KINDS = { principal: 'P', admitting: 'A', other: 'O' } as const;

/** An ICD code as X12 carries it: without the decimal point. */
export function withoutDot(code: string): string {
  return code.replace('.', '');
}

function date(value: string | undefined): string | null {
  return value === undefined ? null : toLegacyDate(value);
}

/** The claim header row (table `CLM`, without its ordinal). */
export function headerRow(claim: ClaimRecord): Row {
  const { totals, payment, admission } = claim;
  return {
    CLM_ID: claim.claimId,
    CLM_TYP_CD: CLAIM_TYPE_CODES[claim.type],
    CLM_STAT_CD: CLAIM_STATUS_CODES[claim.status],
    CLM_FREQ_CD: claim.frequency,
    ORIG_CLM_ID: claim.originalClaimId ?? null,
    ADJ_BY_CLM_ID: claim.replacedByClaimId ?? null,
    MBR_ID: claim.memberId,
    SUB_ID: claim.subscriberId,
    PLAN_ID: claim.planId,
    GRP_ID: claim.groupId,
    ELIG_SPAN_SEQ: claim.coverageSeq,
    BILL_PRV_NPI: claim.billingNpi,
    RNDR_PRV_NPI: claim.renderingNpi ?? null,
    ATTND_PRV_NPI: claim.attendingNpi ?? null,
    OPER_PRV_NPI: claim.operatingNpi ?? null,
    REFR_PRV_NPI: claim.referringNpi ?? null,
    PRSCRB_PRV_NPI: claim.prescriberNpi ?? null,
    FAC_PRV_NPI: claim.facilityNpi ?? null,
    NTWK_IND: claim.network === 'in' ? 'I' : 'O',
    SVC_FROM_DT: toLegacyDate(claim.serviceStart),
    SVC_THRU_DT: toLegacyDate(claim.serviceEnd),
    RCVD_DT: toLegacyDate(claim.receivedDate),
    ADJD_DT: toLegacyDate(claim.adjudicatedDate),
    TOB_CD: claim.typeOfBill ?? null,
    DRG_CD: claim.drg?.code ?? null,
    DRG_DESC: claim.drg?.display ?? null,
    ADMSN_DT: date(admission?.admitDate),
    DSCHRG_DT: date(admission?.dischargeDate),
    ADMSN_TYP_CD: admission?.typeCode ?? null,
    ADMSN_SRC_CD: admission?.sourceCode ?? null,
    PTNT_STAT_CD: admission?.dischargeStatus ?? null,
    POS_CD: claim.placeOfService ?? null,
    PA_NBR: claim.priorAuthNumber ?? null,
    TOT_BILLED_AMT: totals.billed,
    TOT_ALLOWED_AMT: totals.allowed,
    TOT_PAID_AMT: totals.paid,
    TOT_DED_AMT: totals.deductible,
    TOT_COPAY_AMT: totals.copay,
    TOT_COINS_AMT: totals.coinsurance,
    TOT_NONCOV_AMT: totals.noncovered,
    TOT_DISC_AMT: totals.discount,
    TOT_PTNT_RESP_AMT: totals.memberLiability,
    PMT_DT: date(payment?.date),
    PMT_MTHD_CD: payment?.method ?? null,
    PMT_NBR: payment?.number ?? null,
    PAYEE_TYP_CD: payment ? (payment.payeeType === 'provider' ? 'PRV' : 'SUB') : null,
    PAYEE_ID: payment?.payeeId ?? null,
    PMT_AMT: payment?.amount ?? null,
    LAST_UPD_TS: toLegacyTimestamp(claim.updatedAt),
  };
}

/** A diagnosis row (table `CLM_DX`). */
export function diagnosisRow(dx: ClaimDiagnosis): Row {
  return {
    DX_SEQ: dx.seq,
    DX_CD: withoutDot(dx.code),
    DX_CD_QUAL: dx.system === 'icd10' ? '0' : '9',
    DX_DESC: dx.display,
    DX_TYP_CD: DIAGNOSIS_KINDS[dx.kind],
    POA_IND: dx.presentOnAdmission ?? null,
  };
}

/** An ICD procedure row (table `CLM_PROC`). */
export function procedureRow(procedure: ClaimProcedure): Row {
  return {
    PROC_SEQ: procedure.seq,
    PROC_CD: withoutDot(procedure.code),
    PROC_CD_QUAL: procedure.system === 'icd10pcs' ? '0' : '9',
    PROC_DESC: procedure.display,
    PROC_DT: toLegacyDate(procedure.date),
  };
}

/**
 * A line row (table `CLM_LN`). List-valued columns are stored as text: modifiers and
 * remark codes space-separated, diagnosis pointers comma-separated, adjustments as
 * `GRP:CARC:AMOUNT` entries separated by `|`.
 */
export function lineRow(line: ClaimLine): Row {
  const { amounts, drug, procedure } = line;
  return {
    LN_NBR: line.seq,
    SVC_FROM_DT: toLegacyDate(line.serviceStart),
    SVC_THRU_DT: toLegacyDate(line.serviceEnd),
    REV_CD: line.revenueCode ?? null,
    PROC_CD: procedure?.code ?? null,
    PROC_CD_TYP: procedure?.system ?? null,
    PROC_DESC: procedure?.display ?? null,
    MOD_CDS: procedure?.modifiers.join(' ') ?? '',
    POS_CD: line.placeOfService ?? null,
    UNIT_CNT: line.quantity,
    UNIT_TYP_CD: line.unit,
    DX_PTRS: line.diagnosisPointers.join(','),
    NDC_CD: drug?.ndc ?? null,
    RXCUI: drug?.rxcui ?? null,
    DRUG_NM: drug?.name ?? null,
    DISP_QTY: drug?.quantity ?? null,
    DISP_UNIT_CD: drug?.unit ?? null,
    DAYS_SUPPLY_CNT: drug?.daysSupply ?? null,
    DAW_CD: drug?.daw ?? null,
    CMPND_CD: drug?.compound ?? null,
    RX_NBR: drug?.rxNumber ?? null,
    FILL_NBR: drug?.fillNumber ?? null,
    REFILL_AUTH_CNT: drug?.refillsAuthorized ?? null,
    BRND_GNRC_CD: drug ? (drug.brand ? 'B' : 'G') : null,
    RX_ORIG_CD: drug?.rxOrigin ?? null,
    INGRD_CST_AMT: drug?.ingredientCost ?? null,
    DISP_FEE_AMT: drug?.dispensingFee ?? null,
    TOOTH_NBR: line.tooth ?? null,
    TOOTH_SURF_CDS: line.surfaces?.join('') ?? null,
    ORAL_CAV_CD: line.oralArea ?? null,
    LN_STAT_CD: line.status === 'paid' ? 'P' : 'D',
    BILLED_AMT: amounts.billed,
    ALLOWED_AMT: amounts.allowed,
    PAID_AMT: amounts.paid,
    DED_AMT: amounts.deductible,
    COPAY_AMT: amounts.copay,
    COINS_AMT: amounts.coinsurance,
    NONCOV_AMT: amounts.noncovered,
    DISC_AMT: amounts.discount,
    PTNT_RESP_AMT: amounts.memberLiability,
    ADJ_RSNS: line.adjustments.map((a) => `${a.group}:${a.reason}:${a.amount}`).join('|'),
    RARC_CDS: line.remarks.join(' '),
  };
}

/** A stored line row as the API returns it: list columns become arrays. */
export function apiLine(row: Row): Record<string, unknown> {
  const text = (key: string): string => String(row[key] ?? '');
  const words = (key: string): string[] => text(key).split(' ').filter(Boolean);
  return {
    ...row,
    MOD_CDS: words('MOD_CDS'),
    DX_PTRS: text('DX_PTRS').split(',').filter(Boolean).map(Number),
    ADJ_RSNS: text('ADJ_RSNS')
      .split('|')
      .filter(Boolean)
      .map((entry) => {
        const [group = '', reason = '', amount = '0'] = entry.split(':');
        return { GRP_CD: group, CARC_CD: reason, ADJ_AMT: Number(amount) };
      }),
    RARC_CDS: words('RARC_CDS'),
  };
}

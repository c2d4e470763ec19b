/**
 * Legacy claim -> CARIN BB 2.1.0 ExplanationOfBenefit, one of five profiles by claim type.
 * Header elements: identifier (uniqueclaimid, type `uc`), status, type and (institutional)
 * subType, use `claim`, patient, billablePeriod, created, insurer, provider, related,
 * payee, careTeam, supportingInfo, diagnosis, procedure, insurance (focal), item,
 * adjudication (benefit payment status; amounts too for institutional claims), total and
 * payment. Ids are `clm-<claim id>` so they stay unique across plugins.
 */
import type {
  ExplanationOfBenefit,
  ExplanationOfBenefitPayee,
  ExplanationOfBenefitPayment,
  ExplanationOfBenefitRelated,
} from '@medplum/fhirtypes';
import { dateOf, instantOf, type LegacyClaim } from './legacy-api.js';
import { amountAdjudications, paymentStatus, totals, usd, type PaidTo } from './map-amounts.js';
import { careTeam, diagnoses, procedures, supportingInfo } from './map-info.js';
import { items } from './map-items.js';
import type { ClaimsOptions } from './options.js';
import { concept, EOB_PROFILES, SYSTEMS } from './profiles.js';

/** The id prefix of the plugin's EOBs. */
export const EOB_ID_PREFIX = 'clm-';

/** EOB id of a claim. */
export function eobIdOf(claimId: string): string {
  return `${EOB_ID_PREFIX}${claimId}`;
}

/** The claim id an EOB id names, or undefined when it names none. */
export function claimIdOf(eobId: string): string | undefined {
  const match = /^clm-(\d{17})$/.exec(eobId);
  return match?.[1];
}

const CLAIM_TYPES = {
  PROF: 'professional',
  INST_IP: 'institutional',
  INST_OP: 'institutional',
  RX: 'pharmacy',
  DENT: 'oral',
} as const;

/** FHIR claim type code -> legacy type codes (for the `type` search parameter). */
export const LEGACY_TYPES: Readonly<Record<string, readonly string[]>> = {
  professional: ['PROF'],
  institutional: ['INST_IP', 'INST_OP'],
  pharmacy: ['RX'],
  oral: ['DENT'],
};

/** Maps a claim. */
export function toEob(claim: LegacyClaim, options: ClaimsOptions): ExplanationOfBenefit {
  const paidTo: PaidTo = claim.PAYEE_TYP_CD === 'SUB' ? 'patient' : 'provider';
  const institutional = claim.CLM_TYP_CD === 'INST_IP' || claim.CLM_TYP_CD === 'INST_OP';
  const team = careTeam(claim);
  const dx = diagnoses(claim);
  const icdProcedures = procedures(claim);
  const related = relatedClaims(claim, options);
  const payee = payeeOf(claim, options);
  const payment = paymentOf(claim);
  return {
    resourceType: 'ExplanationOfBenefit',
    id: eobIdOf(claim.CLM_ID),
    meta: { lastUpdated: instantOf(claim.LAST_UPD_TS), profile: [EOB_PROFILES[claim.CLM_TYP_CD]] },
    identifier: [
      {
        type: concept(SYSTEMS.identifierType, 'uc', 'Unique Claim ID'),
        system: options.claimIdSystem,
        value: claim.CLM_ID,
      },
    ],
    status: 'active',
    type: concept(SYSTEMS.claimType, CLAIM_TYPES[claim.CLM_TYP_CD]),
    ...(institutional ? { subType: subTypeOf(claim) } : {}),
    use: 'claim',
    patient: { reference: `Patient/${claim.MBR_ID}` },
    billablePeriod: { start: dateOf(claim.SVC_FROM_DT), end: dateOf(claim.SVC_THRU_DT) },
    created: dateOf(claim.ADJD_DT),
    insurer: { reference: `Organization/${options.payerId}` },
    provider: { reference: `Organization/npi-${claim.BILL_PRV_NPI}` },
    ...(related.length > 0 ? { related } : {}),
    ...(payee ? { payee } : {}),
    outcome: claim.CLM_STAT_CD === 'PR' ? 'partial' : 'complete',
    ...(team.length > 0 ? { careTeam: team } : {}),
    supportingInfo: supportingInfo(claim),
    ...(dx.length > 0 ? { diagnosis: dx } : {}),
    ...(icdProcedures.length > 0 ? { procedure: icdProcedures } : {}),
    insurance: [
      { focal: true, coverage: { reference: `Coverage/${claim.MBR_ID}-${claim.ELIG_SPAN_SEQ}` } },
    ],
    item: items(claim, paidTo),
    adjudication: headerAdjudication(claim, institutional, paidTo),
    total: totals(totalAmounts(claim), paidTo),
    ...(payment ? { payment } : {}),
  };
}

function subTypeOf(claim: LegacyClaim) {
  const code = claim.CLM_TYP_CD === 'INST_IP' ? 'inpatient' : 'outpatient';
  return concept(SYSTEMS.institutionalSubType, code);
}

function totalAmounts(claim: LegacyClaim) {
  return {
    billed: claim.TOT_BILLED_AMT,
    allowed: claim.TOT_ALLOWED_AMT,
    paid: claim.TOT_PAID_AMT,
    deductible: claim.TOT_DED_AMT,
    copay: claim.TOT_COPAY_AMT,
    coinsurance: claim.TOT_COINS_AMT,
    noncovered: claim.TOT_NONCOV_AMT,
    discount: claim.TOT_DISC_AMT,
    memberLiability: claim.TOT_PTNT_RESP_AMT,
  };
}

/**
 * Header adjudication: the benefit payment status always; institutional claims also carry
 * the amount categories at claim level (the inpatient profile adjudicates there).
 */
function headerAdjudication(claim: LegacyClaim, institutional: boolean, paidTo: PaidTo) {
  const status = paymentStatus(claim.NTWK_IND === 'I');
  if (!institutional) return [status];
  return [status, ...amountAdjudications(totalAmounts(claim), paidTo)];
}

function claimReference(claimId: string, options: ClaimsOptions) {
  return { identifier: { system: options.claimIdSystem, value: claimId } };
}

/** Prior (replaced) and replacing claims (C4BBRelatedClaimRelationshipCodes). */
function relatedClaims(claim: LegacyClaim, options: ClaimsOptions): ExplanationOfBenefitRelated[] {
  const related: ExplanationOfBenefitRelated[] = [];
  if (claim.ORIG_CLM_ID !== null) {
    related.push({
      claim: claimReference(claim.ORIG_CLM_ID, options),
      relationship: concept(SYSTEMS.relatedClaim, 'prior'),
    });
  }
  if (claim.ADJ_BY_CLM_ID !== null) {
    related.push({
      claim: claimReference(claim.ADJ_BY_CLM_ID, options),
      relationship: concept(SYSTEMS.relatedClaim, 'replacedby'),
    });
  }
  return related;
}

/** The payee: the billing provider, or the subscriber (by subscriber id). */
function payeeOf(
  claim: LegacyClaim,
  options: ClaimsOptions,
): ExplanationOfBenefitPayee | undefined {
  if (claim.PAYEE_TYP_CD === null || claim.PAYEE_ID === null) return undefined;
  if (claim.PAYEE_TYP_CD === 'PRV') {
    return {
      type: concept(SYSTEMS.payeeType, 'provider'),
      party: { reference: `Organization/npi-${claim.PAYEE_ID}` },
    };
  }
  return {
    type: concept(SYSTEMS.payeeType, 'subscriber'),
    party: { identifier: { system: options.subscriberIdSystem, value: claim.PAYEE_ID } },
  };
}

function paymentOf(claim: LegacyClaim): ExplanationOfBenefitPayment | undefined {
  if (claim.PMT_DT === null || claim.PMT_AMT === null) return undefined;
  const partial = claim.CLM_STAT_CD === 'PR';
  return {
    type: concept(SYSTEMS.paymentType, partial ? 'partial' : 'complete'),
    date: dateOf(claim.PMT_DT),
    amount: usd(claim.PMT_AMT),
    ...(claim.PMT_NBR === null ? {} : { identifier: { value: claim.PMT_NBR } }),
  };
}

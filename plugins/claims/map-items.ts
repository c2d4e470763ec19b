/**
 * Claim lines -> EOB items (CARIN BB 2.1.0): sequence, revenue (institutional),
 * productOrService (CPT, HCPCS, CDT or NDC; data-absent for revenue-only lines), modifiers,
 * servicedDate or servicedPeriod, place of service, quantity, tooth and surfaces (oral),
 * diagnosis pointers, and line adjudication: the amount categories, the benefit payment
 * status, and the denial reason (X12 CARC) of a denied line.
 */
import type {
  CodeableConcept,
  ExplanationOfBenefitItem,
  ExplanationOfBenefitItemAdjudication,
} from '@medplum/fhirtypes';
import { amountAdjudications, denialReason, paymentStatus, type PaidTo } from './map-amounts.js';
import { dateOf, type LegacyClaim, type LegacyLine } from './legacy-api.js';
import { concept, SYSTEMS } from './profiles.js';

const PROCEDURE_SYSTEMS: Readonly<Record<string, string>> = {
  CPT: SYSTEMS.cpt,
  HCPCS: SYSTEMS.hcpcs,
  CDT: SYSTEMS.cdt,
};

/** Maps every line of the claim. */
export function items(claim: LegacyClaim, paidTo: PaidTo): ExplanationOfBenefitItem[] {
  const inNetwork = claim.NTWK_IND === 'I';
  return claim.LINES.map((line) => item(claim, line, inNetwork, paidTo));
}

function item(
  claim: LegacyClaim,
  line: LegacyLine,
  inNetwork: boolean,
  paidTo: PaidTo,
): ExplanationOfBenefitItem {
  const system = PROCEDURE_SYSTEMS[line.PROC_CD_TYP ?? ''];
  const modifiers = system ? line.MOD_CDS.map((code) => concept(system, code)) : [];
  const pointers = line.DX_PTRS.filter((seq) => claim.DIAGS.some((dx) => dx.DX_SEQ === seq));
  return {
    sequence: line.LN_NBR,
    ...(pointers.length > 0 ? { diagnosisSequence: pointers } : {}),
    ...(line.REV_CD === null ? {} : { revenue: concept(SYSTEMS.revenue, line.REV_CD) }),
    productOrService: productOrService(line),
    ...(modifiers.length > 0 ? { modifier: modifiers } : {}),
    ...served(line),
    ...(line.POS_CD === null
      ? {}
      : { locationCodeableConcept: concept(SYSTEMS.placeOfService, line.POS_CD) }),
    quantity: quantityOf(line),
    ...oral(line),
    adjudication: lineAdjudication(line, inNetwork, paidTo),
  };
}

function productOrService(line: LegacyLine): CodeableConcept {
  if (line.NDC_CD !== null) return concept(SYSTEMS.ndc, line.NDC_CD, line.DRUG_NM ?? undefined);
  const system = PROCEDURE_SYSTEMS[line.PROC_CD_TYP ?? ''];
  if (system && line.PROC_CD !== null) {
    return concept(system, line.PROC_CD, line.PROC_DESC ?? undefined);
  }
  return concept(SYSTEMS.dataAbsent, 'not-applicable');
}

function served(
  line: LegacyLine,
): Pick<ExplanationOfBenefitItem, 'servicedDate' | 'servicedPeriod'> {
  if (line.SVC_FROM_DT === line.SVC_THRU_DT) return { servicedDate: dateOf(line.SVC_FROM_DT) };
  return { servicedPeriod: { start: dateOf(line.SVC_FROM_DT), end: dateOf(line.SVC_THRU_DT) } };
}

function quantityOf(line: LegacyLine) {
  if (line.DISP_QTY !== null) {
    return { value: line.DISP_QTY, unit: line.DISP_UNIT_CD ?? 'EA' };
  }
  return { value: line.UNIT_CNT, unit: line.UNIT_TYP_CD };
}

function oral(line: LegacyLine): Pick<ExplanationOfBenefitItem, 'bodySite' | 'subSite'> {
  if (line.TOOTH_NBR !== null) {
    const surfaces = (line.TOOTH_SURF_CDS ?? '').split('').filter(Boolean);
    return {
      bodySite: concept(SYSTEMS.tooth, line.TOOTH_NBR),
      ...(surfaces.length > 0
        ? { subSite: surfaces.map((code) => concept(SYSTEMS.surface, code)) }
        : {}),
    };
  }
  if (line.ORAL_CAV_CD !== null) return { bodySite: concept(SYSTEMS.oralArea, line.ORAL_CAV_CD) };
  return {};
}

function lineAdjudication(
  line: LegacyLine,
  inNetwork: boolean,
  paidTo: PaidTo,
): ExplanationOfBenefitItemAdjudication[] {
  const amounts = {
    billed: line.BILLED_AMT,
    allowed: line.ALLOWED_AMT,
    paid: line.PAID_AMT,
    deductible: line.DED_AMT,
    copay: line.COPAY_AMT,
    coinsurance: line.COINS_AMT,
    noncovered: line.NONCOV_AMT,
    discount: line.DISC_AMT,
    memberLiability: line.PTNT_RESP_AMT,
  };
  const list = [paymentStatus(inNetwork), ...amountAdjudications(amounts, paidTo)];
  const denial = line.LN_STAT_CD === 'D' ? denialCarc(line) : undefined;
  return denial === undefined ? list : [...list, denialReason(denial)];
}

/** The reason a line was denied: its first adjustment other than the contractual CO-45. */
function denialCarc(line: LegacyLine): string | undefined {
  const reasons = line.ADJ_RSNS.filter((entry) => entry.CARC_CD !== '45');
  return (reasons[0] ?? line.ADJ_RSNS[0])?.CARC_CD;
}

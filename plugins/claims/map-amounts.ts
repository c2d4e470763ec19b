/**
 * Amounts -> CARIN BB adjudication and total entries (CARIN BB 2.1.0 §Adjudication: the
 * categories come from the HL7 adjudication code system, C4BBAdjudication and
 * C4BBAdjudicationDiscriminator). The legacy amounts balance (claims-backend.yaml), so
 * paidbypatient equals deductible + copay + coinsurance.
 */
import type { ExplanationOfBenefitItemAdjudication, Money } from '@medplum/fhirtypes';
import { concept, SYSTEMS } from './profiles.js';

/** The amounts of a line or of a claim's totals, in legacy names stripped of prefixes. */
export interface AmountSet {
  readonly billed: number;
  readonly allowed: number;
  readonly paid: number;
  readonly deductible: number;
  readonly copay: number;
  readonly coinsurance: number;
  readonly noncovered: number;
  readonly discount: number;
  readonly memberLiability: number;
}

/** Who received the payment: decides paidtoprovider or paidtopatient. */
export type PaidTo = 'provider' | 'patient';

/** US dollars. */
export function usd(value: number): Money {
  return { value: Math.round(value * 100) / 100, currency: 'USD' };
}

const HL7 = SYSTEMS.adjudication;
const C4BB = SYSTEMS.c4bbAdjudication;

/** Category code, its system and the amount it carries. */
function entries(amounts: AmountSet, paidTo: PaidTo): Array<[string, string, number]> {
  return [
    [HL7, 'submitted', amounts.billed],
    [HL7, 'eligible', amounts.allowed],
    [HL7, 'benefit', amounts.paid],
    [C4BB, paidTo === 'provider' ? 'paidtoprovider' : 'paidtopatient', amounts.paid],
    [C4BB, 'paidbypatient', amounts.memberLiability],
    [HL7, 'deductible', amounts.deductible],
    [HL7, 'copay', amounts.copay],
    [C4BB, 'coinsurance', amounts.coinsurance],
    [C4BB, 'noncovered', amounts.noncovered],
    [C4BB, 'discount', amounts.discount],
    [C4BB, 'memberliability', amounts.memberLiability],
  ];
}

/** Adjudication entries (line or header level) for every amount category. */
export function amountAdjudications(
  amounts: AmountSet,
  paidTo: PaidTo,
): ExplanationOfBenefitItemAdjudication[] {
  return entries(amounts, paidTo).map(([system, code, value]) => ({
    category: concept(system, code),
    amount: usd(value),
  }));
}

/** Total entries: the same categories at claim level (EOB.total). */
export function totals(amounts: AmountSet, paidTo: PaidTo) {
  return entries(amounts, paidTo).map(([system, code, value]) => ({
    category: concept(system, code),
    amount: usd(value),
  }));
}

/** The benefit payment status (in or out of network) as C4BB expects it. */
export function paymentStatus(inNetwork: boolean): ExplanationOfBenefitItemAdjudication {
  return {
    category: concept(SYSTEMS.adjudicationDiscriminator, 'benefitpaymentstatus'),
    reason: concept(SYSTEMS.adjudicationStatus, inNetwork ? 'innetwork' : 'outofnetwork'),
  };
}

/** A denial reason entry (X12 CARC), for a denied line. */
export function denialReason(carc: string): ExplanationOfBenefitItemAdjudication {
  return {
    category: concept(SYSTEMS.adjudicationDiscriminator, 'denialreason'),
    reason: concept(SYSTEMS.carc, carc),
  };
}

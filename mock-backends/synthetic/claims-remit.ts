/**
 * Remittance codes on synthetic claims: X12 Claim Adjustment Reason Codes (CARC) and
 * Remittance Advice Remark Codes (RARC) as an 835 carries them
 * (https://x12.org/codes/claim-adjustment-reason-codes), a subset with the descriptions
 * paraphrased, and the denial scenarios the generator draws from.
 */

/** The CARC code system URL CARIN BB uses for denial reasons. */
export const CARC_SYSTEM = 'https://x12.org/codes/claim-adjustment-reason-codes';
/** The RARC code system URL. */
export const RARC_SYSTEM = 'https://x12.org/codes/remittance-advice-remark-codes';

/** Claim adjustment reason codes used on synthetic claims. */
export const CARC: Readonly<Record<string, string>> = Object.freeze({
  '1': 'Deductible amount',
  '2': 'Coinsurance amount',
  '3': 'Co-payment amount',
  '16': 'Claim or service lacks information or has submission or billing errors',
  '18': 'Exact duplicate claim or service',
  '29': 'The time limit for filing has expired',
  '45': 'Charge exceeds fee schedule or maximum allowable or contracted amount',
  '50': 'Non-covered service: not deemed a medical necessity by the payer',
  '97': 'Benefit included in the payment or allowance for another service already adjudicated',
  '119': 'Benefit maximum for this time period or occurrence has been reached',
  '151': 'Information submitted does not support this many or this frequency of services',
  '197': 'Precertification, notification, authorization or pre-treatment absent',
  '204': "Service, equipment or drug not covered under the patient's current benefit plan",
  '242': 'Services not provided by network or primary care providers',
});

/** Remittance advice remark codes used on synthetic claims. */
export const RARC: Readonly<Record<string, string>> = Object.freeze({
  M15: 'Separately billed services or tests have been bundled into the same procedure',
  M62: 'Missing, incomplete or invalid treatment authorization code',
  M86: 'Denied: payment already made for the same or a similar procedure within the period',
  MA130: 'Claim has incomplete or invalid information; submit a new, complete claim',
  N130: 'Consult plan benefit documents or guidelines about restrictions for this service',
});

/** Why a claim or a line was denied. */
export interface Denial {
  readonly reason: string;
  readonly remark?: string;
}

/** Denials of a whole claim, with relative frequency. */
export const CLAIM_DENIALS: readonly (readonly [Denial, number])[] = Object.freeze([
  [{ reason: '16', remark: 'MA130' }, 30],
  [{ reason: '18', remark: 'M86' }, 25],
  [{ reason: '29' }, 10],
  [{ reason: '50', remark: 'N130' }, 20],
  [{ reason: '204', remark: 'N130' }, 15],
]);

/** Denials of a single line on an otherwise paid claim. */
export const LINE_DENIALS: readonly (readonly [Denial, number])[] = Object.freeze([
  [{ reason: '97', remark: 'M15' }, 50],
  [{ reason: '50', remark: 'N130' }, 25],
  [{ reason: '151' }, 25],
]);

/** Pharmacy denials (quantity limits, non-covered drugs, missing prior authorization). */
export const PHARMACY_DENIALS: readonly (readonly [Denial, number])[] = Object.freeze([
  [{ reason: '119' }, 40],
  [{ reason: '204', remark: 'N130' }, 35],
  [{ reason: '197', remark: 'M62' }, 25],
]);

/** Out-of-network care an HMO does not cover. */
export const OUT_OF_NETWORK_DENIAL: Denial = Object.freeze({ reason: '242', remark: 'N130' });
/** Service performed without the required prior authorization. */
export const NO_AUTHORIZATION_DENIAL: Denial = Object.freeze({ reason: '197', remark: 'M62' });

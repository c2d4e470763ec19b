/**
 * Services the plans authorize in advance, with who requests and performs them, what they
 * are requested for, how often they are denied and the specific reasons given (the rule
 * requires a specific denial reason), and the documents requesters send. Guideline names
 * and numbers are invented for this project.
 */
import type { OrgType } from './providers-types.js';
import type { AuthDenial, AuthType } from './prior-auth-types.js';

/** One service line of an authorizable service. */
export interface AuthServiceLine {
  readonly code: string;
  readonly quantity: number;
  readonly unit: 'units' | 'days' | 'visits' | 'months';
  readonly modifiers?: readonly string[];
  /** `REV` for inpatient days (a UB-04 revenue code); CPT/HCPCS otherwise. */
  readonly revenue?: boolean;
}

/** An authorizable service. */
export interface AuthService {
  readonly key: string;
  readonly type: AuthType;
  readonly lines: readonly AuthServiceLine[];
  readonly dx: readonly string[];
  /** Specialty of the servicing practitioner (absent for suppliers). */
  readonly servicing?: readonly string[];
  /** Facility or supplier type. */
  readonly facility?: OrgType;
  /** Specialty of the requester; absent for the primary care provider. */
  readonly requester?: string;
  readonly minAge: number;
  readonly maxAge: number;
  readonly sex?: 'F';
  /** Condition (claims-profile.ts key) that makes the request more likely. */
  readonly condition?: string;
  readonly weight: number;
  readonly denialRate: number;
  readonly denials: readonly AuthDenial[];
  /** Documents as [type, title]. */
  readonly documents: readonly (readonly [string, string])[];
  /** Days the approval stays valid. */
  readonly validDays: number;
  /** MS-DRG of the stay, for inpatient services. */
  readonly drg?: string;
}

/** The most common supporting document: the requester's office note. */
export const NOTE: readonly [string, string] = ['clinical-note', 'Office visit note'];
/** A letter of medical necessity. */
export const LETTER: readonly [string, string] = [
  'medical-necessity-letter',
  'Letter of medical necessity',
];
/** The specific text of a denial for records that never arrived. */
export const MISSING_RECORDS =
  'Requested clinical records (office notes for the last 3 months) were not received within ' +
  '14 days of the request (UM policy UM-ADM-05, section 4.2).';

/** An authorizable service, adults only unless the ages say otherwise. */
export const service = (values: Omit<AuthService, 'minAge' | 'maxAge'> & Partial<AuthService>) =>
  Object.freeze({ minAge: 18, maxAge: 120, ...values });

/** Text for a partial approval of a quantity. */
export function reducedQuantity(requested: number, approved: number, unit: string): AuthDenial {
  return {
    code: 'QTY',
    text:
      `${requested} ${unit} requested; ${approved} approved based on the documented goals. ` +
      'More may be requested with an updated plan of care (utilization guideline UM-QTY-01).',
  };
}

/** Reasons a request stays pended. */
export const PEND_REASONS: readonly string[] = [
  'Additional clinical information requested from the provider',
  'Pending medical director review',
  'Awaiting peer-to-peer discussion with the requesting provider',
];

/** Reasons a request was cancelled. */
export const CANCEL_REASONS: readonly string[] = [
  'Withdrawn by the requesting provider',
  'Duplicate of an earlier request',
  'Service no longer needed',
];

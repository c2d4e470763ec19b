/**
 * Claim drafts: a claim as a provider submits it (providers, dates, codes, charges), before
 * the plan adjudicates it (claims-adjudicate.ts) and the claims system numbers, dates and
 * pays it (claims.ts). Builders (claims-build-*.ts) turn episodes into drafts with the
 * helpers here.
 */
import type { CostClass } from './claims-benefits.js';
import { procedureOn } from './claims-procedures.js';
import type { Denial } from './claims-remit.js';
import type { Admission, ClaimType, DispensedDrug } from './claims-types.js';
import type { ChosenRole, HomeProviders } from './claims-providers.js';
import { fromDays } from './dates.js';
import type { MemberRecord } from './members.js';
import type { Rng } from './prng.js';
import type { Organization } from './providers-types.js';

/** A line as submitted. */
export interface LineDraft {
  readonly startDay: number;
  readonly endDay: number;
  readonly revenueCode?: string;
  readonly procedure?: { readonly code: string; readonly modifiers: readonly string[] };
  readonly placeOfService?: string;
  readonly quantity: number;
  readonly unit: 'UN' | 'DA' | 'MJ';
  readonly diagnosisPointers: readonly number[];
  readonly drug?: DispensedDrug;
  readonly tooth?: string;
  readonly surfaces?: readonly string[];
  readonly oralArea?: string;
  /** Submitted charge. */
  readonly billed: number;
  /** Allowance at base (Medicare-like) prices; the plan scales it (claims-benefits.ts). */
  readonly baseAllowance: number;
  readonly denial?: Denial;
}

/** A diagnosis as the builder names it (a key of claims-diagnoses.ts). */
export interface DiagnosisDraft {
  readonly key: string;
  readonly kind: 'principal' | 'admitting' | 'other';
  readonly presentOnAdmission?: 'Y' | 'N' | 'U' | 'W';
}

/** A claim as submitted. */
export interface ClaimDraft {
  readonly type: ClaimType;
  readonly costClass: CostClass;
  readonly startDay: number;
  readonly endDay: number;
  readonly billingNpi: string;
  readonly renderingNpi?: string;
  readonly attendingNpi?: string;
  readonly operatingNpi?: string;
  readonly referringNpi?: string;
  readonly prescriberNpi?: string;
  readonly facilityNpi?: string;
  readonly network: 'in' | 'out';
  readonly placeOfService?: string;
  /** Type of bill without the frequency digit, with the leading 0 (e.g. `011`). */
  readonly billType?: string;
  readonly drg?: string;
  readonly admission?: Admission;
  readonly priorAuthNumber?: string;
  /** Care the plan covers out of network as in network (emergencies). */
  readonly emergency?: boolean;
  /** The service needs a prior authorization; without one the claim is denied. */
  readonly requiresAuthorization?: boolean;
  readonly diagnoses: readonly DiagnosisDraft[];
  readonly lines: readonly LineDraft[];
  /** A denial of the whole claim decided at submission (duplicates, missing data...). */
  readonly denial?: Denial;
}

/** What builders need about the member and the moment. */
export interface BuildContext {
  readonly rng: Rng;
  readonly member: MemberRecord;
  readonly home: HomeProviders;
  readonly planId: string;
}

/** Rounds to cents. */
export function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A charge-master markup for a claim: providers bill well above what plans allow. */
export function markup(rng: Rng, facility: boolean): number {
  return facility ? 2.8 + rng.next() * 1.2 : 1.8 + rng.next() * 0.8;
}

/** Options of {@link procedureLine}. */
export interface LineOptions {
  readonly quantity?: number;
  readonly modifiers?: readonly string[];
  readonly pointers?: readonly number[];
  readonly placeOfService?: string;
  /** Bill the facility component (institutional claims) instead of the professional one. */
  readonly facility?: boolean;
  readonly endDay?: number;
}

/** A line for a procedure code on a day, priced from the code tables. */
export function procedureLine(
  code: string,
  day: number,
  ratio: number,
  options: LineOptions = {},
): LineDraft {
  const entry = procedureOn(code, fromDays(day));
  const quantity = options.quantity ?? 1;
  const unitFee = options.facility ? (entry.facilityFee ?? entry.fee * 2) : entry.fee;
  return {
    startDay: day,
    endDay: options.endDay ?? day,
    revenueCode: options.facility ? (entry.revenueCode ?? '0510') : undefined,
    procedure: { code: entry.code, modifiers: options.modifiers ?? [] },
    placeOfService: options.placeOfService,
    quantity,
    unit: 'UN',
    diagnosisPointers: options.pointers ?? [1],
    billed: cents(unitFee * quantity * ratio),
    baseAllowance: cents(unitFee * quantity),
  };
}

/** A revenue-code-only facility line (room and board, supplies...). */
export function revenueLine(
  revenueCode: string,
  span: { readonly startDay: number; readonly endDay: number },
  charge: { readonly base: number; readonly ratio: number; readonly quantity?: number },
): LineDraft {
  const quantity = charge.quantity ?? 1;
  return {
    startDay: span.startDay,
    endDay: span.endDay,
    revenueCode,
    quantity,
    unit: revenueCode === '0120' || revenueCode === '0200' || revenueCode === '0171' ? 'DA' : 'UN',
    diagnosisPointers: [1],
    billed: cents(charge.base * quantity * charge.ratio),
    baseAllowance: cents(charge.base * quantity),
  };
}

/** Principal diagnosis first, then others, as drafts. */
export function diagnosesOf(keys: readonly string[]): DiagnosisDraft[] {
  return keys.map((key, i) => ({ key, kind: i === 0 ? 'principal' : 'other' }));
}

/** Pointers 1..n (at most four, as on a CMS-1500 line). */
export function pointersTo(diagnoses: readonly unknown[]): number[] {
  return diagnoses.slice(0, 4).map((_, i) => i + 1);
}

/** The NPI of an organization; provider organizations always have one. */
export function npiOf(organization: Organization): string {
  if (!organization.npi) throw new Error(`Organization ${organization.id} has no NPI`);
  return organization.npi;
}

/** Header fields every claim rendered by a practitioner shares. */
export function renderedBy(chosen: ChosenRole): {
  billingNpi: string;
  renderingNpi: string;
  network: 'in' | 'out';
} {
  return {
    billingNpi: npiOf(chosen.organization),
    renderingNpi: chosen.practitioner.npi,
    network: chosen.network,
  };
}

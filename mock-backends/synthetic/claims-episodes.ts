/**
 * Episodes of care: what happened to a member on a day, before it becomes one or more
 * claims. Monthly generators (claims-episodes-visits.ts, claims-episodes-acute.ts) draw
 * them from rates that depend on age, sex, chronic conditions and the member's utilization;
 * maintenance fills come from claims-fills.ts; episodes that need prior authorization
 * (advanced imaging, elective surgery, DME...) come from the member's authorizations.
 */
import { firstOfMonth, fromDays, lastOfMonth } from './dates.js';
import type { HealthProfile } from './claims-profile.js';
import type { ChosenOrganization, ChosenRole } from './claims-providers.js';
import type { Rng } from './prng.js';

/** A visit to a practitioner's office (or a telehealth visit). */
export interface OfficeEpisode {
  readonly kind: 'office';
  readonly day: number;
  /** Specialties to see; empty for the member's primary care provider. */
  readonly specialties: readonly string[];
  readonly dx: readonly string[];
  readonly visit: string;
  /** Extra lines: tests, in-office procedures. */
  readonly labs: readonly string[];
  /** Tests go to an independent laboratory, which bills them itself. */
  readonly sendOut: boolean;
  readonly telehealth: boolean;
  /** A drug prescribed at the visit. */
  readonly rx?: string;
}

/** A preventive visit. */
export interface PreventiveEpisode {
  readonly kind: 'preventive';
  readonly day: number;
  readonly visit: string;
  readonly dx: string;
  readonly labs: readonly string[];
}

/** An emergency department visit. */
export interface EmergencyEpisode {
  readonly kind: 'er';
  readonly day: number;
  readonly dx: string;
  readonly level: string;
  readonly tests: readonly string[];
}

/** An inpatient stay. */
export interface AdmissionEpisode {
  readonly kind: 'admission';
  readonly day: number;
  readonly drg: string;
  readonly dx: readonly string[];
  readonly via: 'er' | 'elective' | 'birth' | 'newborn';
  readonly los: number;
  readonly surgery?: { readonly code: string; readonly specialty: string };
  readonly authorized?: Authorized;
}

/** An outpatient procedure in a hospital. */
export interface SurgeryEpisode {
  readonly kind: 'surgery';
  readonly day: number;
  readonly code: string;
  readonly dx: readonly string[];
  readonly specialty: string;
  readonly authorized?: Authorized;
}

/** Advanced imaging (MRI, CT). */
export interface ImagingEpisode {
  readonly kind: 'imaging';
  readonly day: number;
  readonly code: string;
  readonly dx: readonly string[];
  readonly authorized?: Authorized;
}

/** A physical therapy visit. */
export interface TherapyEpisode {
  readonly kind: 'therapy';
  readonly day: number;
  readonly dx: string;
  readonly codes: readonly string[];
  readonly authorized?: Authorized;
}

/** A psychotherapy session. */
export interface BehavioralEpisode {
  readonly kind: 'behavioral';
  readonly day: number;
  readonly dx: string;
  readonly code: string;
}

/** A dental visit. */
export interface DentalEpisode {
  readonly kind: 'dental';
  readonly day: number;
  readonly procedures: readonly DentalProcedure[];
}

/** A prescription fill. */
export interface FillEpisode {
  readonly kind: 'fill';
  readonly day: number;
  readonly drug: string;
  readonly daysSupply: number;
  /** 0 for a new prescription, then the refill number. */
  readonly fill: number;
  /** Rx number of the prescription. */
  readonly rxSerial: number;
  /** Specialty of the prescriber; empty for the primary care provider. */
  readonly prescriber: string;
}

/** A DME rental month or purchase. */
export interface DmeEpisode {
  readonly kind: 'dme';
  readonly day: number;
  readonly code: string;
  /** RR rental, NU new purchase. */
  readonly modifier: 'RR' | 'NU';
  readonly dx: readonly string[];
  readonly authorized?: Authorized;
}

/** A drug infusion in a hospital outpatient department. */
export interface InfusionEpisode {
  readonly kind: 'infusion';
  readonly day: number;
  readonly code: string;
  readonly units: number;
  readonly dx: readonly string[];
  readonly authorized?: Authorized;
}

/** One episode of care, on a day (days since 1970-01-01). */
export type Episode =
  | OfficeEpisode
  | PreventiveEpisode
  | { readonly kind: 'flu'; readonly day: number }
  | EmergencyEpisode
  | AdmissionEpisode
  | SurgeryEpisode
  | ImagingEpisode
  | TherapyEpisode
  | BehavioralEpisode
  | DentalEpisode
  | FillEpisode
  | DmeEpisode
  | InfusionEpisode;

/** The prior authorization behind an episode and the providers it named. */
export interface Authorized {
  readonly authNumber: string;
  /** Servicing practitioner (surgeon, radiologist, therapist...), if any. */
  readonly role?: ChosenRole;
  /** Servicing organization (hospital, imaging centre, DME supplier). */
  readonly facility?: ChosenOrganization;
  /** NPI of the practitioner who requested the authorization. */
  readonly requesterNpi: string;
}

/** A dental procedure with its tooth, surfaces or oral area. */
export interface DentalProcedure {
  readonly code: string;
  readonly tooth?: string;
  readonly surfaces?: readonly string[];
  readonly area?: string;
}

/** Who the member is on a given day, for rates. */
export interface EpisodeContext {
  readonly birthDay: number;
  readonly sex: 'M' | 'F' | 'U';
  readonly profile: HealthProfile;
  readonly dental: boolean;
}

const YEAR = 365.25;

/** Draws the episodes of one month for a member. */
export type EpisodeGenerator = (
  rng: Rng,
  context: EpisodeContext,
  dayIn: () => number,
) => Episode[];

/** Age in whole years on a day. */
export function ageOn(context: Pick<EpisodeContext, 'birthDay'>, day: number): number {
  return Math.floor((day - context.birthDay) / YEAR);
}

/** Episodes of one month, clipped to [fromDay, toDay]. */
export function monthEpisodes(
  rng: Rng,
  context: EpisodeContext,
  window: { readonly fromDay: number; readonly toDay: number; readonly month: number },
  generators: readonly EpisodeGenerator[],
): Episode[] {
  const low = Math.max(window.month, window.fromDay);
  const high = Math.min(lastOfMonth(window.month), window.toDay);
  const dayIn = (): number => rng.int(low, high);
  const episodes: Episode[] = [];
  for (const generate of generators) episodes.push(...generate(rng, context, dayIn));
  return episodes;
}

/** Poisson-distributed count for a small mean (inversion). */
export function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  for (let product = rng.next(); product > limit; product *= rng.next()) count++;
  return count;
}

/** `count` results of `make`. */
export function times<T>(count: number, make: () => T): T[] {
  return Array.from({ length: count }, make);
}

/** Telehealth visits are billed from the 2020 public health emergency on. */
export function telehealthAllowed(day: number): boolean {
  return fromDays(day) >= '2020-03-15';
}

/** Months (first days) overlapping [fromDay, toDay]. */
export function monthsOf(fromDay: number, toDay: number): number[] {
  const months: number[] = [];
  for (let month = firstOfMonth(fromDay); month <= toDay; month = firstOfMonth(month, 1)) {
    months.push(month);
  }
  return months;
}

/**
 * Records of the synthetic provider directory, in a neutral camelCase form: the directory
 * backend turns them into its legacy layout, and the claims and prior-authorization
 * generators pick providers from them. Dates are `YYYY-MM-DD`, instants ISO `...Z`.
 */
import type { Address } from './family.js';

/** Kinds of organization a payer's directory lists (`payer` is the plan itself). */
export type OrgType =
  'hospital' | 'clinic' | 'pharmacy' | 'lab' | 'imaging' | 'dental' | 'dme' | 'payer';

/** Whether a role (or service) takes new patients (Plan-Net `newpatients` extension). */
export type AcceptingPatients = 'yes' | 'no' | 'existing';

/** A degree, a state license or a board certification. */
export interface Qualification {
  readonly kind: 'degree' | 'license' | 'board';
  /** Degree abbreviation (MD, DO, NP...), license type or board specialty taxonomy. */
  readonly code: string;
  readonly display: string;
  readonly issuer: string;
  /** Issuing state for licenses. */
  readonly state?: string;
  /** License or certificate number. */
  readonly number?: string;
  readonly start: string;
  readonly end?: string;
}

/** An individual provider. */
export interface Practitioner {
  readonly index: number;
  /** `P` + 6 digits. */
  readonly id: string;
  /** Type 1 (individual) NPI: starts with 1, Luhn check digit (see providers-ids.ts). */
  readonly npi: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly middleInitial?: string;
  /** Credential letters after the name (MD, DO, NP, PA-C, DDS, PharmD...). */
  readonly credential: string;
  readonly sex: 'M' | 'F';
  /** BCP-47 codes of the languages spoken, English first. */
  readonly languages: readonly string[];
  /** NUCC taxonomy codes; the first is the primary one. */
  readonly taxonomies: readonly string[];
  readonly qualifications: readonly Qualification[];
  readonly active: boolean;
  readonly updatedAt: string;
}

/** An organization: provider organization, pharmacy, lab... or the payer. */
export interface Organization {
  readonly index: number;
  /** `O` + 5 digits; `O00000` is the payer. */
  readonly id: string;
  /** Type 2 (organization) NPI; absent for the payer. */
  readonly npi?: string;
  /** Federal tax id, 9 digits. */
  readonly tin: string;
  readonly name: string;
  readonly type: OrgType;
  /** NUCC taxonomy code of the organization; absent for the payer. */
  readonly taxonomy?: string;
  /** Health system the organization belongs to. */
  readonly parentId?: string;
  readonly address: Address;
  readonly phone: string;
  readonly fax?: string;
  readonly website?: string;
  readonly endpointIds: readonly string[];
  readonly active: boolean;
  readonly updatedAt: string;
}

/** Opening hours for one day (24-hour `HH:MM`). */
export interface OpeningHours {
  readonly day: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  readonly opens: string;
  readonly closes: string;
}

/** A place where services are delivered. */
export interface Location {
  readonly index: number;
  /** `L` + 6 digits. */
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  /** Same vocabulary as the managing organization's type. */
  readonly type: OrgType;
  readonly address: Address;
  readonly latitude: number;
  readonly longitude: number;
  readonly phone: string;
  readonly fax?: string;
  /** Empty when open around the clock. */
  readonly hours: readonly OpeningHours[];
  readonly open24h: boolean;
  /** Accessibility features: `wheelchair`, `transit`, `interpreter`, `tty`. */
  readonly accessibility: readonly string[];
  readonly endpointIds: readonly string[];
  readonly active: boolean;
  readonly updatedAt: string;
}

/** What a practitioner does, where, for whom (Plan-Net PractitionerRole). */
export interface PractitionerRole {
  readonly index: number;
  /** `R` + 6 digits. */
  readonly id: string;
  readonly practitionerId: string;
  readonly organizationId: string;
  readonly locationIds: readonly string[];
  readonly serviceIds: readonly string[];
  /** The specialty key (see providers-taxonomy.ts) and its NUCC code. */
  readonly specialtyKey: string;
  readonly specialty: string;
  /** Primary care provider a member can choose. */
  readonly pcp: boolean;
  readonly acceptingPatients: AcceptingPatients;
  readonly networkIds: readonly string[];
  readonly phone: string;
  readonly start: string;
  readonly end?: string;
  readonly active: boolean;
  readonly updatedAt: string;
}

/** A provider network of the payer. */
export interface Network {
  /** `NW-` + short name. */
  readonly id: string;
  readonly name: string;
  /** HMO, PPO or Medicaid network. */
  readonly kind: 'HMO' | 'PPO' | 'MCD';
  /** Plans (membership catalog ids) whose members use this network. */
  readonly planIds: readonly string[];
  readonly states: readonly string[];
  readonly start: string;
  readonly updatedAt: string;
}

/** An insurance product of the payer, one per membership catalog plan. */
export interface InsurancePlanRecord {
  /** The membership catalog plan id (catalog.ts PLANS). */
  readonly planId: string;
  readonly networkIds: readonly string[];
  /** States where the plan is sold. */
  readonly states: readonly string[];
  /** Metal level for Marketplace plans. */
  readonly metalLevel?: 'bronze' | 'silver' | 'gold' | 'platinum';
  readonly start: string;
  readonly updatedAt: string;
}

/** A service an organization offers (Plan-Net HealthcareService). */
export interface HealthcareServiceRecord {
  readonly index: number;
  /** `S` + 6 digits. */
  readonly id: string;
  readonly organizationId: string;
  readonly locationIds: readonly string[];
  readonly name: string;
  /** Plan-Net HealthcareServiceCategory code (emerg, hosp, outpat, prov, pharm, lab...). */
  readonly category: string;
  /** NUCC codes of the specialties offered. */
  readonly specialties: readonly string[];
  readonly networkIds: readonly string[];
  readonly acceptingPatients: AcceptingPatients;
  readonly appointmentRequired: boolean;
  readonly phone: string;
  readonly comment?: string;
  readonly active: boolean;
  readonly updatedAt: string;
}

/** A technical endpoint of an organization (FHIR server or Direct address). */
export interface EndpointRecord {
  readonly index: number;
  /** `E` + 5 digits. */
  readonly id: string;
  readonly organizationId: string;
  readonly kind: 'fhir-r4' | 'direct';
  readonly address: string;
  readonly name: string;
  readonly active: boolean;
  readonly updatedAt: string;
}

/** A relationship between organizations (network participation, hospital affiliation). */
export interface AffiliationRecord {
  readonly index: number;
  /** `A` + 6 digits. */
  readonly id: string;
  /** The organization offering the relationship (the payer for network participation). */
  readonly organizationId: string;
  readonly participatingOrganizationId: string;
  readonly role: 'network' | 'hospital' | 'reference-lab';
  readonly networkIds: readonly string[];
  readonly locationIds: readonly string[];
  readonly serviceIds: readonly string[];
  readonly specialties: readonly string[];
  readonly start: string;
  readonly end?: string;
  readonly active: boolean;
  readonly updatedAt: string;
}

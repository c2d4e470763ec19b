/**
 * What every clinical mapping shares: FHIR ids (a per-type prefix on the legacy record id, so
 * they never collide with other plugins' ids when the gateway federates), `meta` (profile and
 * last update), and references in the id schemes other plugins serve: `Patient/MBR########`
 * (membership) and `Practitioner/npi-<NPI>`, `Organization/npi-<NPI>` (provider directory).
 */
import type {
  CodeableConcept,
  Coding,
  Meta,
  Organization,
  Patient,
  Practitioner,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { BadGatewayError } from '../sdk/errors.js';
import { fhirInstant, text, type Row } from './legacy-api.js';

/** Id prefix of each type the plugin serves. */
export const ID_PREFIX = {
  Condition: 'cond-',
  AllergyIntolerance: 'alg-',
  MedicationRequest: 'medrx-',
  Immunization: 'imm-',
  Observation: 'obs-',
  Procedure: 'proc-',
  Encounter: 'enc-',
  CareTeam: 'ct-',
  DocumentReference: 'doc-',
  Goal: 'goal-',
  CarePlan: 'cp-',
  DiagnosticReport: 'dr-',
} as const;

/** A type the plugin serves. */
export type ClinicalType = keyof typeof ID_PREFIX;

/** The FHIR id of a legacy record. */
export function fhirId(type: ClinicalType, legacyId: string): string {
  return `${ID_PREFIX[type]}${legacyId}`;
}

/** The legacy id inside a FHIR id of the type, or undefined when it is not one of ours. */
export function legacyIdOf(type: ClinicalType, id: string): string | undefined {
  const prefix = ID_PREFIX[type];
  return id.startsWith(prefix) && id.length > prefix.length ? id.slice(prefix.length) : undefined;
}

/** `meta` with the profile(s) and the record's last update (US Core: meta.lastUpdated). */
export function metaOf(row: Row, ...profiles: [string, ...string[]]): Meta {
  return { profile: profiles, lastUpdated: fhirInstant(text(row, 'LAST_UPD_TS')) };
}

/** The member as a Patient reference (membership plugin ids). */
export function patientRef(row: Row): Reference<Patient> {
  return { reference: `Patient/${text(row, 'MBR_ID')}` };
}

/** A practitioner of the provider directory, by NPI. */
export function practitionerRef(npi: string): Reference<Practitioner> {
  return { reference: `Practitioner/npi-${npi}` };
}

/** An organization of the provider directory, by NPI. */
export function organizationRef(npi: string, display?: string): Reference<Organization> {
  return { reference: `Organization/npi-${npi}`, ...(display ? { display } : {}) };
}

/** A reference to another record of this plugin. */
export function localRef<T extends Resource>(type: ClinicalType, legacyId: string): Reference<T> {
  return { reference: `${type}/${fhirId(type, legacyId)}` };
}

/** One coding. */
export function coding(system: string, code: string, display?: string): Coding {
  return { system, code, ...(display ? { display } : {}) };
}

/** A concept of one coding (with its text). */
export function concept(system: string, code: string, display?: string): CodeableConcept {
  return { coding: [coding(system, code, display)], ...(display ? { text: display } : {}) };
}

/** A legacy code mapped through a table; a code outside it means the backend changed: 502. */
export function mapped<T>(table: Readonly<Record<string, T>>, row: Row, column: string): T {
  const code = text(row, column);
  const value = table[code];
  if (value !== undefined) return value;
  throw new BadGatewayError('The clinical system sent an unknown code', {
    detail: `column ${column}: ${code}`,
  });
}

/**
 * Legacy value conversions shared by the mappers: timestamps, dates, phone numbers,
 * addresses and the Plan-Net code systems the legacy codes translate to.
 */
import type { Address, ContactPoint, Extension, Meta } from '@medplum/fhirtypes';
import type { Row } from './backend.js';
import { str } from './ids.js';

/** Plan-Net 1.1.0 canonical base. */
export const PLAN_NET = 'http://hl7.org/fhir/us/davinci-pdex-plan-net';
/** NUCC provider taxonomy. */
export const NUCC = 'http://nucc.org/provider-taxonomy';
/** The NPI identifier system. */
export const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';
/** The NPI identifier type (v2-0203), as the C4BB Practitioner and Organization NPI slices. */
export const NPI_TYPE = identifierType('NPI', 'National Provider Identifier');
/** The tax id identifier type (v2-0203), as the C4BB Organization `tax` slice patterns it. */
export const TAX_TYPE = identifierType('TAX', 'Tax ID number');
/** Open-ended legacy date. */
const OPEN_END = '99991231';

/** A Plan-Net StructureDefinition canonical. */
export function planNetSd(name: string): string {
  return `${PLAN_NET}/StructureDefinition/${name}`;
}

/** A Plan-Net CodeSystem canonical. */
export function planNetCs(name: string): string {
  return `${PLAN_NET}/CodeSystem/${name}`;
}

/** An identifier type from v2-0203. */
function identifierType(code: string, display: string) {
  return { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code, display }] };
}

/** meta with the profile (or profiles, in order) and the row's last update. */
export function metaOf(profile: string | readonly string[], row: Row): Meta {
  const profiles = typeof profile === 'string' ? [profile] : [...profile];
  return { profile: profiles, lastUpdated: instantOf(str(row.LAST_UPD_TS)) };
}

/** Legacy timestamp `YYYY-MM-DD-HH.MM.SS` (UTC) to a FHIR instant. */
export function instantOf(timestamp: string): string {
  return `${timestamp.slice(0, 10)}T${timestamp.slice(11).replaceAll('.', ':')}Z`;
}

/** Legacy date `YYYYMMDD` to a FHIR date; undefined for the open end. */
export function dateOf(legacy: unknown): string | undefined {
  const value = str(legacy);
  if (!/^\d{8}$/.test(value) || value === OPEN_END) return undefined;
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

/** A period from legacy effective and termination dates. */
export function periodOf(start: unknown, end: unknown): { start?: string; end?: string } {
  const [from, to] = [dateOf(start), dateOf(end)];
  return { ...(from ? { start: from } : {}), ...(to ? { end: to } : {}) };
}

/** `5035550138` -> `503-555-0138`. */
export function phoneOf(digits: string): string {
  return /^\d{10}$/.test(digits)
    ? `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`
    : digits;
}

/** Phone, fax and web site of a row, as far as it has them. */
export function telecomOf(row: Row): ContactPoint[] {
  const telecom: ContactPoint[] = [];
  if (str(row.PHN_NBR)) telecom.push({ system: 'phone', value: phoneOf(str(row.PHN_NBR)) });
  if (str(row.FAX_NBR)) telecom.push({ system: 'fax', value: phoneOf(str(row.FAX_NBR)) });
  if (str(row.WEB_URL)) telecom.push({ system: 'url', value: str(row.WEB_URL) });
  return telecom;
}

/** A row's postal address. */
export function addressOf(row: Row): Address {
  const line = [str(row.ADDR_LN_1), str(row.ADDR_LN_2)].filter((part) => part !== '');
  return {
    use: 'work',
    type: 'physical',
    line,
    city: str(row.CITY_NM),
    state: str(row.ST_CD),
    postalCode: str(row.ZIP_CD),
    country: 'US',
  };
}

/** A NUCC taxonomy concept. */
export function taxonomyConcept(code: string, display?: string) {
  return { coding: [{ system: NUCC, code, ...(display ? { display } : {}) }] };
}

/** A code in a Plan-Net code system. */
export function planNetConcept(codeSystem: string, code: string, display?: string) {
  return { coding: [{ system: planNetCs(codeSystem), code, ...(display ? { display } : {}) }] };
}

/** The data-absent-reason extension (R4), for required elements the backend lacks. */
export function dataAbsent(reason = 'unknown'): Extension {
  return { url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: reason };
}

/** Legacy accepting-new-patients code to the Plan-Net AcceptingPatientsCS code. */
export const ACCEPTING: Readonly<Record<string, string>> = {
  Y: 'newpt',
  N: 'nopt',
  E: 'existptonly',
};

/** The new-patients extension (Plan-Net), optionally scoped to a network. */
export function newPatients(code: string, network?: string): Extension {
  const accepting = ACCEPTING[code] ?? 'nopt';
  const extension: Extension[] = [
    {
      url: 'acceptingPatients',
      valueCodeableConcept: planNetConcept('AcceptingPatientsCS', accepting),
    },
  ];
  if (network) extension.push({ url: 'fromNetwork', valueReference: { reference: network } });
  return { url: planNetSd('newpatients'), extension };
}

/** Drops empty arrays and undefined elements at the top level (FHIR forbids empty arrays). */
export function compact<T extends object>(resource: T): T {
  const kept = Object.entries(resource).filter(
    ([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0),
  );
  return Object.fromEntries(kept) as T;
}

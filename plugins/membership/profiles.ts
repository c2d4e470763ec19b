/**
 * Canonical URLs and code systems the membership plugin's resources use.
 */

/** US Core 6.1.0 Patient. */
export const US_CORE_PATIENT = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient';
/** CARIN Blue Button 2.1.0 Patient (on US Core Patient). */
export const C4BB_PATIENT = 'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Patient';
/** CARIN Blue Button 2.1.0 Coverage. */
export const C4BB_COVERAGE = 'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Coverage';
/** CARIN Blue Button 2.1.0 Organization. */
export const C4BB_ORGANIZATION =
  'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Organization';

/** US Core race and ethnicity extensions (US Core 6.1.0 §Patient). */
export const US_CORE_RACE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race';
export const US_CORE_ETHNICITY =
  'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity';

/** Code systems. */
export const SYSTEMS = {
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  c4bbIdentifierType: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBIdentifierType',
  cdcRaceEthnicity: 'urn:oid:2.16.840.1.113883.6.238',
  nullFlavor: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor',
  bcp47: 'urn:ietf:bcp:47',
  subscriberRelationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  /** Source of Payment Typology (PHDSC/NAHDO), as HL7 Terminology names it. */
  sopt: 'https://nahdo.org/sopt',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  /** NAIC company codes. */
  naic: 'urn:oid:2.16.840.1.113883.6.300',
} as const;

/**
 * The `MB` (member number) identifier type: the pattern of C4BB-Patient's `memberid` slice
 * and C4BB-Coverage's member identifier.
 */
export const MEMBER_NUMBER_TYPE = {
  coding: [{ system: SYSTEMS.identifierType, code: 'MB', display: 'Member Number' }],
  text: 'Member Number',
};

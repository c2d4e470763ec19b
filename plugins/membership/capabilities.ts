/**
 * What the membership plugin serves: US Core and CARIN BB Patient, CARIN BB Coverage and
 * Organization, read and search, with the search parameters US Core and CARIN BB ask servers
 * to support for these types (US Core 6.1.0 CapabilityStatement; CARIN BB 2.1.0 server
 * capabilities).
 */
import type { PluginCapabilities, SearchParamDefinition } from '../sdk/contract.js';
import { C4BB_COVERAGE, C4BB_ORGANIZATION, C4BB_PATIENT, US_CORE_PATIENT } from './profiles.js';

const US_CORE_SP = 'http://hl7.org/fhir/us/core/SearchParameter';
const R4_SP = 'http://hl7.org/fhir/SearchParameter';

const ID: SearchParamDefinition = {
  name: '_id',
  type: 'token',
  definition: `${R4_SP}/Resource-id`,
  expression: 'Resource.id',
};

const STRING_MODIFIERS = ['exact', 'contains'] as const;

const PATIENT_PARAMS: readonly SearchParamDefinition[] = [
  { ...ID, definition: `${US_CORE_SP}/us-core-patient-id`, expression: 'Patient.id' },
  {
    name: 'identifier',
    type: 'token',
    definition: `${US_CORE_SP}/us-core-patient-identifier`,
    expression: 'Patient.identifier',
    documentation: 'The member id, as value or system|value.',
  },
  stringParam(
    'name',
    `${US_CORE_SP}/us-core-patient-name`,
    'Patient.name',
    'Family or given name.',
  ),
  stringParam('family', `${US_CORE_SP}/us-core-patient-family`, 'Patient.name.family'),
  stringParam('given', `${US_CORE_SP}/us-core-patient-given`, 'Patient.name.given'),
  {
    name: 'birthdate',
    type: 'date',
    definition: `${US_CORE_SP}/us-core-patient-birthdate`,
    expression: 'Patient.birthDate',
    documentation:
      'Prefixes eq (default), ge, gt, le, lt; year, month or day precision; one value.',
  },
  {
    name: 'gender',
    type: 'token',
    definition: `${US_CORE_SP}/us-core-patient-gender`,
    expression: 'Patient.gender',
  },
];

const COVERAGE_PARAMS: readonly SearchParamDefinition[] = [
  { ...ID, expression: 'Coverage.id' },
  patientReference('patient', `${R4_SP}/Coverage-patient`, 'Coverage.beneficiary'),
  patientReference('beneficiary', `${R4_SP}/Coverage-beneficiary`, 'Coverage.beneficiary'),
  patientReference('subscriber', `${R4_SP}/Coverage-subscriber`, 'Coverage.subscriber'),
  {
    name: 'identifier',
    type: 'token',
    definition: `${R4_SP}/Coverage-identifier`,
    expression: 'Coverage.identifier',
    documentation: 'The member id (type MB), as value or system|value.',
  },
  {
    name: 'status',
    type: 'token',
    definition: `${R4_SP}/Coverage-status`,
    expression: 'Coverage.status',
    documentation: 'active, or cancelled for a terminated eligibility span.',
  },
  {
    name: 'payor',
    type: 'reference',
    definition: `${R4_SP}/Coverage-payor`,
    expression: 'Coverage.payor',
    targets: ['Organization'],
  },
];

const ORGANIZATION_PARAMS: readonly SearchParamDefinition[] = [
  { ...ID, expression: 'Organization.id' },
  {
    name: 'identifier',
    type: 'token',
    definition: `${R4_SP}/Organization-identifier`,
    expression: 'Organization.identifier',
    documentation: 'NAIC code or payer id.',
  },
  stringParam('name', `${R4_SP}/Organization-name`, 'Organization.name'),
];

/** The plugin's declaration. */
export const CAPABILITIES: PluginCapabilities = {
  resources: [
    {
      type: 'Patient',
      profiles: [US_CORE_PATIENT, C4BB_PATIENT],
      interactions: ['read', 'search-type'],
      searchParams: PATIENT_PARAMS,
      searchRevIncludes: ['Coverage:beneficiary', 'Coverage:patient', 'Coverage:subscriber'],
    },
    {
      type: 'Coverage',
      profiles: [C4BB_COVERAGE],
      interactions: ['read', 'search-type'],
      searchParams: COVERAGE_PARAMS,
      searchIncludes: [
        'Coverage:beneficiary',
        'Coverage:patient',
        'Coverage:subscriber',
        'Coverage:payor',
      ],
    },
    {
      type: 'Organization',
      profiles: [C4BB_ORGANIZATION],
      interactions: ['read', 'search-type'],
      searchParams: ORGANIZATION_PARAMS,
      searchRevIncludes: ['Coverage:payor'],
    },
  ],
};

function stringParam(name: string, definition: string, expression: string, documentation?: string) {
  const param: SearchParamDefinition = {
    name,
    type: 'string',
    definition,
    expression,
    modifiers: STRING_MODIFIERS,
  };
  return documentation ? { ...param, documentation } : param;
}

function patientReference(
  name: string,
  definition: string,
  expression: string,
): SearchParamDefinition {
  return { name, type: 'reference', definition, expression, targets: ['Patient'] };
}

/**
 * What the claims plugin serves: CARIN BB 2.1.0 ExplanationOfBenefit in its five profiles,
 * read and search, with the search parameters and `_include`s of the CARIN BB 2.1.0 server
 * CapabilityStatement (C4BB ExplanationOfBenefit: _id, patient, _lastUpdated, type,
 * identifier, service-date, service-start-date, billable-period-start; _include patient,
 * provider, care-team, coverage, insurer, payee and `*`).
 */
import type { PluginCapabilities, SearchParamDefinition } from '../sdk/contract.js';
import { EOB_PROFILES } from './profiles.js';

const C4BB_SP = 'http://hl7.org/fhir/us/carin-bb/SearchParameter';
const R4_SP = 'http://hl7.org/fhir/SearchParameter';
const DATE_DOC = 'Prefixes eq (default), ge, gt, le, lt; year, month or day precision.';

function reference(
  name: string,
  definition: string,
  expression: string,
  targets: readonly string[],
): SearchParamDefinition {
  return { name, type: 'reference', definition, expression, targets };
}

const EOB_PARAMS: readonly SearchParamDefinition[] = [
  {
    name: '_id',
    type: 'token',
    definition: `${C4BB_SP}/explanationofbenefit-id`,
    expression: 'ExplanationOfBenefit.id',
  },
  reference('patient', `${R4_SP}/ExplanationOfBenefit-patient`, 'ExplanationOfBenefit.patient', [
    'Patient',
  ]),
  {
    name: '_lastUpdated',
    type: 'date',
    definition: `${C4BB_SP}/explanationofbenefit-lastupdated`,
    expression: 'ExplanationOfBenefit.meta.lastUpdated',
    documentation: DATE_DOC,
  },
  {
    name: 'type',
    type: 'token',
    definition: `${C4BB_SP}/explanationofbenefit-type`,
    expression: 'ExplanationOfBenefit.type',
    documentation: 'professional, institutional, pharmacy or oral (HL7 claim-type).',
  },
  {
    name: 'identifier',
    type: 'token',
    definition: `${R4_SP}/ExplanationOfBenefit-identifier`,
    expression: 'ExplanationOfBenefit.identifier',
    documentation: 'The unique claim id, as value or system|value.',
  },
  {
    name: 'service-date',
    type: 'date',
    definition: `${C4BB_SP}/explanationofbenefit-service-date`,
    expression: 'ExplanationOfBenefit.billablePeriod',
    documentation: `Any day of service in the range. ${DATE_DOC}`,
  },
  {
    name: 'service-start-date',
    type: 'date',
    definition: `${C4BB_SP}/explanationofbenefit-service-start-date`,
    expression: 'ExplanationOfBenefit.billablePeriod.start',
    documentation: `First day of service. ${DATE_DOC}`,
  },
  {
    name: 'billable-period-start',
    type: 'date',
    definition: `${C4BB_SP}/explanationofbenefit-billable-period-start`,
    expression: 'ExplanationOfBenefit.billablePeriod.start',
    documentation: DATE_DOC,
  },
  reference('provider', `${R4_SP}/ExplanationOfBenefit-provider`, 'ExplanationOfBenefit.provider', [
    'Organization',
    'Practitioner',
  ]),
  reference(
    'care-team',
    `${R4_SP}/ExplanationOfBenefit-care-team`,
    'ExplanationOfBenefit.careTeam.provider',
    ['Practitioner', 'Organization'],
  ),
  reference(
    'coverage',
    `${R4_SP}/ExplanationOfBenefit-coverage`,
    'ExplanationOfBenefit.insurance.coverage',
    ['Coverage'],
  ),
  reference('insurer', `${C4BB_SP}/explanationofbenefit-insurer`, 'ExplanationOfBenefit.insurer', [
    'Organization',
  ]),
  reference('payee', `${R4_SP}/ExplanationOfBenefit-payee`, 'ExplanationOfBenefit.payee.party', [
    'Organization',
    'Practitioner',
    'Patient',
  ]),
];

/** The reference parameters declared only so `_include` can follow them. */
export const INCLUDE_ONLY_PARAMS = ['provider', 'care-team', 'coverage', 'insurer', 'payee'];

/** The plugin's declaration. */
export const CAPABILITIES: PluginCapabilities = {
  resources: [
    {
      type: 'ExplanationOfBenefit',
      profiles: Object.values(EOB_PROFILES),
      interactions: ['read', 'search-type'],
      searchParams: EOB_PARAMS,
      searchIncludes: [
        'ExplanationOfBenefit:patient',
        'ExplanationOfBenefit:provider',
        'ExplanationOfBenefit:care-team',
        'ExplanationOfBenefit:coverage',
        'ExplanationOfBenefit:insurer',
        'ExplanationOfBenefit:payee',
        '*',
      ],
    },
  ],
};

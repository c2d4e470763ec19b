/**
 * What the prior-authorization plugin serves: PDex 2.1.0 Prior Authorization
 * ExplanationOfBenefit, read and search, with the parameters the PDex CapabilityStatement
 * lists for it (_id, patient, _lastUpdated, identifier, type) plus status, use and insurer,
 * and the reference parameters `_include` follows (patient, provider, insurer, care-team,
 * coverage). provider, care-team and coverage serve `_include` only (see criteria.ts).
 */
import type { PluginCapabilities, SearchParamDefinition } from '../sdk/contract.js';
import { PDEX_PRIOR_AUTH } from './profiles.js';

const R4_SP = 'http://hl7.org/fhir/SearchParameter';
const CARIN_SP = 'http://hl7.org/fhir/us/carin-bb/SearchParameter';

const PROVIDERS = ['Practitioner', 'Organization'] as const;

const PARAMS: readonly SearchParamDefinition[] = [
  {
    name: '_id',
    type: 'token',
    definition: `${R4_SP}/Resource-id`,
    expression: 'ExplanationOfBenefit.id',
  },
  {
    name: '_lastUpdated',
    type: 'date',
    definition: `${R4_SP}/Resource-lastUpdated`,
    expression: 'ExplanationOfBenefit.meta.lastUpdated',
    documentation: 'The last status change; prefixes ge and gt.',
  },
  {
    name: 'identifier',
    type: 'token',
    definition: `${R4_SP}/ExplanationOfBenefit-identifier`,
    expression: 'ExplanationOfBenefit.identifier',
    documentation: 'The authorization number, as value or system|value.',
  },
  reference('patient', `${R4_SP}/ExplanationOfBenefit-patient`, 'patient', ['Patient']),
  {
    name: 'type',
    type: 'token',
    definition: `${CARIN_SP}/explanationofbenefit-type`,
    expression: 'ExplanationOfBenefit.type',
    documentation: 'claim-type institutional (inpatient) or professional.',
  },
  {
    name: 'status',
    type: 'token',
    definition: `${R4_SP}/ExplanationOfBenefit-status`,
    expression: 'ExplanationOfBenefit.status',
  },
  {
    name: 'use',
    type: 'token',
    expression: 'ExplanationOfBenefit.use',
    documentation: 'Always preauthorization here.',
  },
  reference('insurer', `${CARIN_SP}/explanationofbenefit-insurer`, 'insurer', ['Organization']),
  {
    ...reference('provider', `${R4_SP}/ExplanationOfBenefit-provider`, 'provider', PROVIDERS),
    includeOnly: true,
  },
  {
    ...reference(
      'care-team',
      `${R4_SP}/ExplanationOfBenefit-care-team`,
      'careTeam.provider',
      PROVIDERS,
    ),
    includeOnly: true,
  },
  {
    ...reference('coverage', `${R4_SP}/ExplanationOfBenefit-coverage`, 'insurance.coverage', [
      'Coverage',
    ]),
    includeOnly: true,
  },
];

/** The plugin's declaration. */
export const CAPABILITIES: PluginCapabilities = {
  resources: [
    {
      type: 'ExplanationOfBenefit',
      profiles: [PDEX_PRIOR_AUTH],
      interactions: ['read', 'search-type'],
      searchParams: PARAMS,
      searchIncludes: [
        'ExplanationOfBenefit:patient',
        'ExplanationOfBenefit:provider',
        'ExplanationOfBenefit:insurer',
        'ExplanationOfBenefit:care-team',
        'ExplanationOfBenefit:coverage',
      ],
    },
  ],
};

function reference(
  name: string,
  definition: string,
  path: string,
  targets: readonly string[],
): SearchParamDefinition {
  return {
    name,
    type: 'reference',
    definition,
    expression: `ExplanationOfBenefit.${path}`,
    targets,
  };
}

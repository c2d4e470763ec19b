/**
 * What the formulary plugin serves: the US Drug Formulary 2.0.1 server CapabilityStatement
 * (`usdf-server`, IG input/resources/capabilitystatement-usdf-server.json) for InsurancePlan
 * (Formulary and PayerInsurancePlan), Basic (FormularyItem), MedicationKnowledge
 * (FormularyDrug) and Location (InsurancePlanLocation): read and search, every SHALL (and the SHOULD `doseform`) search parameter
 * with the IG's SearchParameter canonical, and the SHALL `_include`s. All public (CMS-0057-F:
 * the formulary is public; it holds no patient data).
 */
import type { PluginCapabilities, SearchParamDefinition } from '../sdk/contract.js';
import { PROFILES, USDF } from './usdf.js';

const SP = `${USDF}/SearchParameter`;

function param(
  base: string,
  name: string,
  type: SearchParamDefinition['type'],
  expression: string,
  extra: Partial<SearchParamDefinition> = {},
): SearchParamDefinition {
  const id = name === '_lastUpdated' ? 'lastupdated' : name;
  const definition = name === '_id' ? {} : { definition: `${SP}/${base}-${id}` };
  return { name, type, expression, ...definition, ...extra };
}

const DATE_DOC = 'Prefixes eq, gt, lt, ge, le; one value per parameter (repeat it for a range).';

const insurancePlanParams: SearchParamDefinition[] = [
  param('InsurancePlan', '_id', 'token', 'InsurancePlan.id'),
  param('InsurancePlan', '_lastUpdated', 'date', 'InsurancePlan.meta.lastUpdated'),
  param('InsurancePlan', 'identifier', 'token', 'InsurancePlan.identifier'),
  param('InsurancePlan', 'status', 'token', 'InsurancePlan.status'),
  param('InsurancePlan', 'period', 'date', 'InsurancePlan.period'),
  param('InsurancePlan', 'type', 'token', 'InsurancePlan.type'),
  param('InsurancePlan', 'name', 'string', 'InsurancePlan.name', {
    modifiers: ['exact', 'contains'],
  }),
  param('InsurancePlan', 'coverage-type', 'token', 'InsurancePlan.coverage.type'),
  param(
    'InsurancePlan',
    'formulary-coverage',
    'reference',
    'InsurancePlan.coverage.extension.valueReference',
    { targets: ['InsurancePlan'] },
  ),
  param('InsurancePlan', 'coverage-area', 'reference', 'InsurancePlan.coverageArea', {
    targets: ['Location'],
  }),
];

const basicParams: SearchParamDefinition[] = [
  param('Basic', '_id', 'token', 'Basic.id'),
  param('Basic', '_lastUpdated', 'date', 'Basic.meta.lastUpdated', { documentation: DATE_DOC }),
  param('Basic', 'code', 'token', 'Basic.code'),
  param('Basic', 'subject', 'reference', 'Basic.subject', { targets: ['MedicationKnowledge'] }),
  param('Basic', 'status', 'token', 'Basic.extension.valueCode'),
  param('Basic', 'period', 'date', 'Basic.extension.valuePeriod', { documentation: DATE_DOC }),
  param('Basic', 'formulary', 'reference', 'Basic.extension.valueReference', {
    targets: ['InsurancePlan'],
  }),
  param('Basic', 'pharmacy-benefit-type', 'token', 'Basic.extension.valueCodeableConcept'),
  param('Basic', 'drug-tier', 'token', 'Basic.extension.valueCodeableConcept'),
];

const drugParams: SearchParamDefinition[] = [
  param('MedicationKnowledge', '_id', 'token', 'MedicationKnowledge.id'),
  param('MedicationKnowledge', '_lastUpdated', 'date', 'MedicationKnowledge.meta.lastUpdated', {
    documentation: DATE_DOC,
  }),
  param('MedicationKnowledge', 'status', 'token', 'MedicationKnowledge.status'),
  param('MedicationKnowledge', 'code', 'token', 'MedicationKnowledge.code', {
    documentation: 'RxNorm code, OR of up to 100.',
  }),
  param('MedicationKnowledge', 'drug-name', 'string', 'MedicationKnowledge.code.coding.display', {
    modifiers: ['exact', 'contains'],
  }),
  param('MedicationKnowledge', 'doseform', 'token', 'MedicationKnowledge.doseForm', {
    modifiers: ['text'],
    documentation: 'Dose form name (e.g. Oral Tablet), case-insensitive; no dose form codes.',
  }),
];

const STRING = { modifiers: ['exact', 'contains'] };
const locationParams: SearchParamDefinition[] = [
  param('Location', '_id', 'token', 'Location.id'),
  param('Location', '_lastUpdated', 'date', 'Location.meta.lastUpdated'),
  param('Location', 'address', 'string', 'Location.address', STRING),
  param('Location', 'address-city', 'string', 'Location.address.city', STRING),
  param('Location', 'address-state', 'string', 'Location.address.state', STRING),
  param('Location', 'address-postalcode', 'string', 'Location.address.postalCode', STRING),
];

/** The plugin's declaration. */
export const CAPABILITIES: PluginCapabilities = {
  resources: [
    {
      type: 'Basic',
      profiles: [PROFILES.formularyItem],
      interactions: ['read', 'search-type'],
      public: true,
      searchParams: basicParams,
      searchIncludes: ['Basic:subject', 'Basic:formulary'],
    },
    {
      type: 'InsurancePlan',
      profiles: [PROFILES.formulary, PROFILES.payerInsurancePlan],
      interactions: ['read', 'search-type'],
      public: true,
      searchParams: insurancePlanParams,
      searchIncludes: ['InsurancePlan:formulary-coverage', 'InsurancePlan:coverage-area'],
    },
    {
      type: 'Location',
      profiles: [PROFILES.insurancePlanLocation],
      interactions: ['read', 'search-type'],
      public: true,
      searchParams: locationParams,
    },
    {
      type: 'MedicationKnowledge',
      profiles: [PROFILES.formularyDrug],
      interactions: ['read', 'search-type'],
      public: true,
      searchParams: drugParams,
    },
  ],
};

/**
 * What the clinical plugin serves: twelve US Core 6.1.0 types, read and search, with the
 * search parameters of the US Core 6.1.0 server CapabilityStatement's mandatory (SHALL)
 * searches and combinations and the SHOULD ones the legacy system can answer, `_id` and
 * `_lastUpdated` on every type, and `_include`s of the references (patient, encounter, and
 * the directory's practitioners and organizations). Reference parameters carry their
 * element path so the gateway can follow `_include` and check patient compartments.
 */
import type {
  PluginCapabilities,
  ResourceCapability,
  SearchParamDefinition,
  SearchParamType,
} from '../sdk/contract.js';
import { PROFILES } from './profiles.js';
import { VITAL_PROFILES } from './map-observations.js';

const US_CORE_SP = 'http://hl7.org/fhir/us/core/SearchParameter';
const R4_SP = 'http://hl7.org/fhir/SearchParameter';
const DATE_DOC = 'Prefixes eq, ge, gt, le, lt; day precision (a time is read as its day).';

type Param = [
  name: string,
  type: SearchParamType,
  path: string,
  extra?: Partial<SearchParamDefinition>,
];

function params(type: string, list: readonly Param[]): SearchParamDefinition[] {
  const lower = type.toLowerCase();
  const common: Param[] = [
    ['_id', 'token', 'id', { definition: `${R4_SP}/Resource-id` }],
    ['_lastUpdated', 'date', 'meta.lastUpdated', { definition: `${R4_SP}/Resource-lastUpdated` }],
  ];
  return [...common, ...list].map(([name, kind, path, extra]) => ({
    name,
    type: kind,
    expression: `${type}.${path}`,
    definition: extra?.includeOnly
      ? `${R4_SP}/${type}-${name}`
      : `${US_CORE_SP}/us-core-${lower}-${name.replace(/^_/, '')}`,
    ...(kind === 'date' ? { documentation: DATE_DOC } : {}),
    ...extra,
  }));
}

const patient = (path: string): Param => ['patient', 'reference', path, { targets: ['Patient'] }];
const encounter = (path: string): Param => [
  'encounter',
  'reference',
  path,
  { targets: ['Encounter'] },
];
const includeOnly = (name: string, path: string, targets: string[]): Param => [
  name,
  'reference',
  path,
  { targets, includeOnly: true },
];
const PRACTITIONER = ['Practitioner'];

function resource(
  type: string,
  profiles: readonly string[],
  list: readonly Param[],
  includes: readonly string[],
): ResourceCapability {
  return {
    type,
    profiles,
    interactions: ['read', 'search-type'],
    searchParams: params(type, list),
    searchIncludes: [`${type}:patient`, ...includes.map((name) => `${type}:${name}`)],
  };
}

/** The plugin's declaration. */
export const CAPABILITIES: PluginCapabilities = {
  resources: [
    resource(
      'Condition',
      [PROFILES.conditionProblems, PROFILES.conditionEncounter],
      [
        patient('subject'),
        ['category', 'token', 'category'],
        ['clinical-status', 'token', 'clinicalStatus'],
        ['code', 'token', 'code'],
        encounter('encounter'),
        ['onset-date', 'date', 'onset'],
        ['recorded-date', 'date', 'recordedDate'],
        ['abatement-date', 'date', 'abatement'],
      ],
      ['encounter'],
    ),
    resource(
      'AllergyIntolerance',
      [PROFILES.allergy],
      [patient('patient'), ['clinical-status', 'token', 'clinicalStatus']],
      [],
    ),
    resource(
      'MedicationRequest',
      [PROFILES.medicationRequest],
      [
        patient('subject'),
        ['intent', 'token', 'intent'],
        ['status', 'token', 'status'],
        ['authoredon', 'date', 'authoredOn'],
        encounter('encounter'),
        ['code', 'token', 'medicationCodeableConcept', { definition: `${R4_SP}/clinical-code` }],
        includeOnly('requester', 'requester', PRACTITIONER),
      ],
      ['encounter', 'requester'],
    ),
    resource(
      'Immunization',
      [PROFILES.immunization],
      [
        patient('patient'),
        ['date', 'date', 'occurrence'],
        ['status', 'token', 'status'],
        [
          'vaccine-code',
          'token',
          'vaccineCode',
          { definition: `${R4_SP}/Immunization-vaccine-code` },
        ],
        includeOnly('performer', 'performer.actor', PRACTITIONER),
      ],
      ['performer'],
    ),
    resource(
      'Observation',
      [
        PROFILES.lab,
        PROFILES.smoking,
        PROFILES.sexualOrientation,
        PROFILES.screening,
        PROFILES.vitalSigns,
        ...Object.values(VITAL_PROFILES),
      ],
      [
        patient('subject'),
        ['category', 'token', 'category'],
        ['code', 'token', 'code'],
        ['date', 'date', 'effective'],
      ],
      [],
    ),
    resource(
      'DiagnosticReport',
      [PROFILES.labReport, PROFILES.noteReport],
      [
        patient('subject'),
        ['category', 'token', 'category'],
        ['code', 'token', 'code'],
        ['date', 'date', 'effective'],
        includeOnly('result', 'result', ['Observation']),
      ],
      ['result'],
    ),
    resource(
      'Procedure',
      [PROFILES.procedure],
      [
        patient('subject'),
        ['date', 'date', 'performed'],
        ['code', 'token', 'code'],
        includeOnly('performer', 'performer.actor', PRACTITIONER),
      ],
      ['performer'],
    ),
    resource(
      'Encounter',
      [PROFILES.encounter],
      [
        patient('subject'),
        ['identifier', 'token', 'identifier'],
        ['date', 'date', 'period'],
        ['type', 'token', 'type'],
        ['class', 'token', 'class'],
        includeOnly('practitioner', 'participant.individual', PRACTITIONER),
        includeOnly('service-provider', 'serviceProvider', ['Organization']),
      ],
      ['practitioner', 'service-provider'],
    ),
    resource(
      'CareTeam',
      [PROFILES.careTeam],
      [
        patient('subject'),
        ['status', 'token', 'status'],
        includeOnly('participant', 'participant.member', PRACTITIONER),
      ],
      ['participant'],
    ),
    resource(
      'DocumentReference',
      [PROFILES.documentReference],
      [
        patient('subject'),
        ['category', 'token', 'category'],
        ['type', 'token', 'type'],
        ['date', 'date', 'date'],
        ['period', 'date', 'context.period'],
        ['status', 'token', 'status'],
        includeOnly('author', 'author', PRACTITIONER),
      ],
      ['author'],
    ),
    resource(
      'Goal',
      [PROFILES.goal],
      [
        patient('subject'),
        ['lifecycle-status', 'token', 'lifecycleStatus'],
        ['target-date', 'date', 'target.dueDate'],
      ],
      [],
    ),
    resource(
      'CarePlan',
      [PROFILES.carePlan],
      [
        patient('subject'),
        ['category', 'token', 'category'],
        ['status', 'token', 'status'],
        ['date', 'date', 'period'],
      ],
      [],
    ),
  ],
};

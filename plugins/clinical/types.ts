/**
 * The types the plugin serves, each with its legacy source(s) and its search parameters'
 * handlers: the US Core 6.1.0 mandatory (SHALL) searches and combinations plus the SHOULD
 * ones the backend can answer (US Core 6.1.0 CapabilityStatement, server). Observation reads
 * three tables (laboratory results, vital signs, social history), DiagnosticReport two (lab
 * results by accession, report-type clinical notes); the others one each.
 */
import {
  codeHandler,
  dateHandler,
  encounterHandler,
  fixedToken,
  idHandler,
  intersect,
  lastUpdatedHandler,
  mappedToken,
  patientHandler,
  tokenCodes,
  type Handler,
} from './criteria.js';
import { CLASSES, type LegacyClass } from './legacy-api.js';
import type { ClinicalType } from './map-common.js';
import { ORDER_STATUS, IMMUNIZATION_STATUS } from './map-meds.js';
import { ALLERGY_STATUS, PROBLEM_CATEGORY, PROBLEM_STATUS } from './map-problems.js';
import { GOAL_LIFECYCLE, PLAN_STATUS, TEAM_STATUS } from './map-care.js';
import { NOTE_REPORT_CATEGORIES } from './map-reports.js';
import { ENCOUNTER_CLASS } from './map-visits.js';
import { SYSTEMS } from './profiles.js';

/** One legacy source of a type. */
export interface SourceSpec {
  readonly key: string;
  readonly legacy: LegacyClass;
  /** Rows sharing this column form one resource (CareTeam), contiguous in id order. */
  readonly groupBy?: string;
}

/** A served type: its sources and parameter handlers. */
export interface TypeSpec {
  readonly type: ClinicalType;
  readonly sources: readonly SourceSpec[];
  readonly handlers: Readonly<Record<string, Handler>>;
}

const source = (key: keyof typeof CLASSES, groupBy?: string, as?: string): SourceSpec => ({
  key: as ?? key,
  legacy: CLASSES[key],
  ...(groupBy ? { groupBy } : {}),
});

const common = (type: ClinicalType, letters: readonly string[]) => ({
  _id: idHandler(type, letters),
  _lastUpdated: lastUpdatedHandler,
  patient: patientHandler,
});

const conditionCategories = (() => {
  const handler = mappedToken('categories', PROBLEM_CATEGORY, [SYSTEMS.conditionCategory]);
  const healthConcern = mappedToken('categories', { HC: 'health-concern' }, [
    SYSTEMS.usCoreCategory,
  ]);
  return ((draft, values) => {
    const before = draft.categories;
    handler(draft, values);
    const first = draft.categories ?? [];
    draft.categories = before;
    healthConcern(draft, values);
    draft.categories = intersect(before, [...first, ...(draft.categories ?? [])]);
  }) satisfies Handler;
})();

const CONDITION: TypeSpec = {
  type: 'Condition',
  sources: [source('problems')],
  handlers: {
    ...common('Condition', ['PRB']),
    category: conditionCategories,
    'clinical-status': mappedToken('statuses', PROBLEM_STATUS, [SYSTEMS.conditionClinical]),
    code: codeHandler([SYSTEMS.snomed, SYSTEMS.icd10cm]),
    encounter: encounterHandler,
    'onset-date': dateHandler('ONSET_DT', 'ONSET_DT'),
    'recorded-date': dateHandler('RCRD_DT'),
    'abatement-date': dateHandler('ABATE_DT', 'ABATE_DT'),
  },
};

const ALLERGY: TypeSpec = {
  type: 'AllergyIntolerance',
  sources: [source('allergies')],
  handlers: {
    ...common('AllergyIntolerance', ['ALG']),
    'clinical-status': mappedToken('statuses', ALLERGY_STATUS, [SYSTEMS.allergyClinical]),
  },
};

const MEDICATION_REQUEST: TypeSpec = {
  type: 'MedicationRequest',
  sources: [source('medications')],
  handlers: {
    ...common('MedicationRequest', ['ORD']),
    intent: fixedToken('order', ['http://hl7.org/fhir/CodeSystem/medicationrequest-intent']),
    status: mappedToken('statuses', ORDER_STATUS, [
      'http://hl7.org/fhir/CodeSystem/medicationrequest-status',
    ]),
    authoredon: dateHandler('ORD_DT'),
    encounter: encounterHandler,
    code: codeHandler([SYSTEMS.rxnorm]),
  },
};

const IMMUNIZATION: TypeSpec = {
  type: 'Immunization',
  sources: [source('immunizations')],
  handlers: {
    ...common('Immunization', ['IMM']),
    date: dateHandler('ADMIN_DT'),
    status: mappedToken('statuses', IMMUNIZATION_STATUS, ['http://hl7.org/fhir/event-status']),
    'vaccine-code': codeHandler([SYSTEMS.cvx]),
  },
};

/** Observation category tokens to the sources (and social history kinds) that hold them. */
export const OBSERVATION_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  laboratory: ['results'],
  'vital-signs': ['vitals'],
  'social-history': ['social:SMOKING', 'social:SEX_ORIENT'],
  survey: ['social:SDOH'],
  sdoh: ['social:SDOH'],
};

const observationCategory: Handler = (draft, values) => {
  const systems = [
    SYSTEMS.observationCategory,
    'http://hl7.org/fhir/us/core/CodeSystem/us-core-category',
  ];
  const targets = tokenCodes(values, systems).flatMap((code) => OBSERVATION_CATEGORIES[code] ?? []);
  draft.sources = intersect(
    draft.sources,
    targets.map((t) => t.split(':')[0] as string),
  );
  const kinds = targets.filter((t) => t.startsWith('social:')).map((t) => t.slice(7));
  if (draft.sources.includes('social')) draft.categories = intersect(draft.categories, kinds);
};

const OBSERVATION: TypeSpec = {
  type: 'Observation',
  sources: [source('results'), source('vitals'), source('social')],
  handlers: {
    ...common('Observation', ['LAB', 'VTL', 'SOC']),
    category: observationCategory,
    code: codeHandler([SYSTEMS.loinc]),
    date: dateHandler('*'),
  },
};

const PROCEDURE: TypeSpec = {
  type: 'Procedure',
  sources: [source('procedures')],
  handlers: {
    ...common('Procedure', ['PRC']),
    date: dateHandler('PROC_DT'),
    code: codeHandler([SYSTEMS.cpt, SYSTEMS.snomed]),
  },
};

const ENCOUNTER: TypeSpec = {
  type: 'Encounter',
  sources: [source('encounters')],
  handlers: {
    ...common('Encounter', ['ENC']),
    identifier: (draft, values) => {
      const ours = values.filter((v) => !v.includes('|') || /(^|\/)encounter-id\|/.test(v));
      const ids = ours.map((v) => `enc-${v.slice(v.indexOf('|') + 1)}`);
      idHandler('Encounter', ['ENC'])(draft, ids);
    },
    date: dateHandler('ADMIT_TS'),
    type: codeHandler([SYSTEMS.cpt, SYSTEMS.snomed]),
    class: mappedToken(
      'categories',
      Object.fromEntries(Object.entries(ENCOUNTER_CLASS).map(([k, [code]]) => [k, code])),
      [SYSTEMS.actCode],
    ),
  },
};

const CARE_TEAM: TypeSpec = {
  type: 'CareTeam',
  sources: [source('careTeam', 'CT_ID')],
  handlers: {
    ...common('CareTeam', ['CT']),
    status: mappedToken('statuses', TEAM_STATUS, ['http://hl7.org/fhir/care-team-status']),
  },
};

const DOCUMENT_REFERENCE: TypeSpec = {
  type: 'DocumentReference',
  sources: [source('notes')],
  handlers: {
    ...common('DocumentReference', ['NTE']),
    category: fixedToken('clinical-note', [SYSTEMS.documentCategory]),
    type: codeHandler([SYSTEMS.loinc]),
    date: dateHandler('NOTE_TS'),
    period: dateHandler('NOTE_TS'),
    status: fixedToken('current', ['http://hl7.org/fhir/document-reference-status']),
  },
};

const GOAL: TypeSpec = {
  type: 'Goal',
  sources: [source('goals')],
  handlers: {
    ...common('Goal', ['GOL']),
    'lifecycle-status': mappedToken('statuses', GOAL_LIFECYCLE, [
      'http://hl7.org/fhir/goal-status',
    ]),
    'target-date': dateHandler('TGT_DT', 'TGT_DT'),
  },
};

const CARE_PLAN: TypeSpec = {
  type: 'CarePlan',
  sources: [source('carePlans')],
  handlers: {
    ...common('CarePlan', ['CPL']),
    category: fixedToken('assess-plan', [SYSTEMS.carePlanCategory]),
    status: mappedToken('statuses', PLAN_STATUS, ['http://hl7.org/fhir/request-status']),
    date: dateHandler('START_DT'),
  },
};

/**
 * DiagnosticReport categories: `LAB` (v2-0074) selects the lab reports, a US Core report
 * category (LOINC part) the report-type notes filed under it.
 */
const reportCategory: Handler = (draft, values) => {
  const lab = tokenCodes(values, [SYSTEMS.v2DiagnosticService]).includes('LAB');
  const notes = tokenCodes(values, [SYSTEMS.loinc]).filter((c) =>
    Object.hasOwn(NOTE_REPORT_CATEGORIES, c),
  );
  const sources = [...(lab ? ['reports'] : []), ...(notes.length > 0 ? ['noteReports'] : [])];
  draft.sources = intersect(draft.sources, sources);
  if (notes.length > 0) draft.categories = intersect(draft.categories, notes);
};

/** Lab reports (one per accession) and report-type clinical notes. */
const DIAGNOSTIC_REPORT: TypeSpec = {
  type: 'DiagnosticReport',
  sources: [source('results', 'ACCSN_NBR', 'reports'), source('notes', undefined, 'noteReports')],
  handlers: {
    ...common('DiagnosticReport', ['ACC', 'NTE']),
    category: reportCategory,
    code: codeHandler([SYSTEMS.loinc]),
    date: dateHandler('*'),
  },
};

/** Every served type, in stream order. */
export const TYPE_SPECS: readonly TypeSpec[] = [
  CONDITION,
  ALLERGY,
  MEDICATION_REQUEST,
  IMMUNIZATION,
  OBSERVATION,
  DIAGNOSTIC_REPORT,
  PROCEDURE,
  ENCOUNTER,
  CARE_TEAM,
  DOCUMENT_REFERENCE,
  GOAL,
  CARE_PLAN,
];

/** The spec of a served type, or undefined. */
export function specOf(type: string): TypeSpec | undefined {
  return TYPE_SPECS.find((spec) => spec.type === type);
}

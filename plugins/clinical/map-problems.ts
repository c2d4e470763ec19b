/**
 * Problems and allergies to US Core 6.1.0: Condition in its two profiles (Encounter
 * Diagnosis; Problems and Health Concerns, with the asserted date extension) and
 * AllergyIntolerance. Codes: SNOMED CT with the ICD-10-CM equivalent for conditions; RxNorm
 * or SNOMED CT substances for allergies. The legacy clinical and verification codes map to
 * the HL7 code systems US Core binds (required bindings).
 */
import type { AllergyIntolerance, CodeableConcept, Condition } from '@medplum/fhirtypes';
import { fhirDate, optText, text, type Row } from './legacy-api.js';
import {
  coding,
  concept,
  fhirId,
  localRef,
  mapped,
  metaOf,
  patientRef,
  practitionerRef,
} from './map-common.js';
import { ASSERTED_DATE_URL, PROFILES, SYSTEMS } from './profiles.js';

/** Legacy problem category to FHIR category code. */
export const PROBLEM_CATEGORY = {
  PL: 'problem-list-item',
  ED: 'encounter-diagnosis',
  HC: 'health-concern',
} as const;

/** Legacy clinical status of a problem to condition-clinical. */
export const PROBLEM_STATUS = { A: 'active', R: 'resolved', M: 'remission' } as const;

const PROBLEM_VERIFICATION = { C: 'confirmed', P: 'provisional' } as const;

/** A PROBLEM row as a US Core Condition. */
export function toCondition(row: Row): Condition {
  const category = mapped(PROBLEM_CATEGORY, row, 'PRB_CAT_CD');
  const clinical = mapped(PROBLEM_STATUS, row, 'CLIN_STAT_CD');
  const abatement = optText(row, 'ABATE_DT');
  const encounterId = optText(row, 'ENC_ID');
  const encounterDiagnosis = category === 'encounter-diagnosis';
  const recorded = fhirDate(text(row, 'RCRD_DT'));
  return {
    resourceType: 'Condition',
    id: fhirId('Condition', text(row, 'PRB_ID')),
    meta: metaOf(
      row,
      encounterDiagnosis ? PROFILES.conditionEncounter : PROFILES.conditionProblems,
    ),
    ...(encounterDiagnosis
      ? {}
      : { extension: [{ url: ASSERTED_DATE_URL, valueDateTime: recorded }] }),
    clinicalStatus: concept(SYSTEMS.conditionClinical, clinical),
    verificationStatus: concept(
      SYSTEMS.conditionVerification,
      mapped(PROBLEM_VERIFICATION, row, 'VER_STAT_CD'),
    ),
    category: [conditionCategory(category)],
    code: {
      coding: [
        coding(SYSTEMS.snomed, text(row, 'SNOMED_CD'), text(row, 'PRB_DESC')),
        coding(SYSTEMS.icd10cm, text(row, 'ICD10_CD')),
      ],
      text: text(row, 'PRB_DESC'),
    },
    subject: patientRef(row),
    ...(encounterId ? { encounter: localRef('Encounter', encounterId) } : {}),
    onsetDateTime: fhirDate(text(row, 'ONSET_DT')),
    ...(abatement && clinical !== 'active' ? { abatementDateTime: fhirDate(abatement) } : {}),
    recordedDate: recorded,
    recorder: practitionerRef(text(row, 'RCRD_NPI')),
  };
}

function conditionCategory(category: string): CodeableConcept {
  if (category === 'health-concern') {
    return concept(SYSTEMS.usCoreCategory, category, 'Health Concern');
  }
  const display = category === 'encounter-diagnosis' ? 'Encounter Diagnosis' : 'Problem List Item';
  return concept(SYSTEMS.conditionCategory, category, display);
}

/** Legacy allergy codes to FHIR. */
export const ALLERGY_STATUS = { A: 'active', I: 'inactive', R: 'resolved' } as const;
const ALLERGY_VERIFICATION = { C: 'confirmed', U: 'unconfirmed' } as const;
const ALLERGY_TYPE = { ALG: 'allergy', INT: 'intolerance' } as const;
const ALLERGY_CATEGORY = {
  MED: 'medication',
  FOOD: 'food',
  ENV: 'environment',
  BIO: 'biologic',
} as const;
const CRITICALITY = { L: 'low', H: 'high', U: 'unable-to-assess' } as const;
const SEVERITY = { MI: 'mild', MO: 'moderate', SV: 'severe' } as const;
const SUBSTANCE_SYSTEM = { RXN: SYSTEMS.rxnorm, SCT: SYSTEMS.snomed } as const;

/** An ALLERGY row as a US Core AllergyIntolerance. */
export function toAllergy(row: Row): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id: fhirId('AllergyIntolerance', text(row, 'ALG_ID')),
    meta: metaOf(row, PROFILES.allergy),
    clinicalStatus: concept(SYSTEMS.allergyClinical, mapped(ALLERGY_STATUS, row, 'CLIN_STAT_CD')),
    verificationStatus: concept(
      SYSTEMS.allergyVerification,
      mapped(ALLERGY_VERIFICATION, row, 'VER_STAT_CD'),
    ),
    type: mapped(ALLERGY_TYPE, row, 'ALG_TYP_CD'),
    category: [mapped(ALLERGY_CATEGORY, row, 'ALG_CAT_CD')],
    criticality: mapped(CRITICALITY, row, 'CRIT_CD'),
    code: concept(
      mapped(SUBSTANCE_SYSTEM, row, 'SUBST_SYS_CD'),
      text(row, 'SUBST_CD'),
      text(row, 'SUBST_DESC'),
    ),
    patient: patientRef(row),
    onsetDateTime: fhirDate(text(row, 'ONSET_DT')),
    recordedDate: fhirDate(text(row, 'RCRD_DT')),
    recorder: practitionerRef(text(row, 'RCRD_NPI')),
    reaction: [
      {
        manifestation: [concept(SYSTEMS.snomed, text(row, 'RXN_SNOMED_CD'), text(row, 'RXN_DESC'))],
        severity: mapped(SEVERITY, row, 'SEV_CD'),
      },
    ],
  };
}

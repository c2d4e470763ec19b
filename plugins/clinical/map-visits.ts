/**
 * Visits to US Core 6.1.0: Encounter (identifier, status, class, type in CPT and SNOMED CT,
 * subject, attending participant, period, reason, discharge disposition, the facility as
 * service provider), Procedure (status, CPT and SNOMED CT code, subject, encounter, date,
 * performer, reason) and clinical notes as DocumentReference (clinical-note category, LOINC
 * type, the note inline as base64 text, date, author, encounter context).
 */
import type {
  Attachment,
  CodeableConcept,
  DocumentReference,
  Encounter,
  Procedure,
} from '@medplum/fhirtypes';
import { fhirDate, fhirInstant, optText, text, type Row } from './legacy-api.js';
import {
  coding,
  concept,
  fhirId,
  localRef,
  mapped,
  metaOf,
  organizationRef,
  patientRef,
  practitionerRef,
} from './map-common.js';
import { PROFILES, SYSTEMS } from './profiles.js';

/** Identifier systems the mappings need (from the plugin's options). */
export interface IdentifierSystems {
  readonly encounterIdSystem: string;
  readonly recordIdSystem: string;
}

/** Legacy patient class to the v3 ActCode encounter class. */
export const ENCOUNTER_CLASS = {
  O: ['AMB', 'ambulatory'],
  E: ['EMER', 'emergency'],
  I: ['IMP', 'inpatient encounter'],
  V: ['VR', 'virtual'],
} as const;

/** An ENCOUNTER row as a US Core Encounter. */
export function toEncounter(row: Row, systems: IdentifierSystems): Encounter {
  const [classCode, classDisplay] = mapped(ENCOUNTER_CLASS, row, 'PAT_CLS_CD');
  const period = {
    start: fhirInstant(text(row, 'ADMIT_TS')),
    end: fhirInstant(text(row, 'DISCH_TS')),
  };
  return {
    resourceType: 'Encounter',
    id: fhirId('Encounter', text(row, 'ENC_ID')),
    meta: metaOf(row, PROFILES.encounter),
    identifier: [{ system: systems.encounterIdSystem, value: text(row, 'ENC_ID') }],
    status: 'finished',
    class: coding(SYSTEMS.actCode, classCode, classDisplay),
    type: [encounterType(row)],
    subject: patientRef(row),
    participant: [
      {
        type: [concept(SYSTEMS.participationType, 'ATND', 'attender')],
        period,
        individual: practitionerRef(text(row, 'ATTND_NPI')),
      },
    ],
    period,
    ...encounterReason(row),
    ...discharge(row),
    serviceProvider: organizationRef(text(row, 'FAC_NPI'), text(row, 'FAC_NM')),
  };
}

function encounterType(row: Row): CodeableConcept {
  return {
    coding: [
      coding(SYSTEMS.cpt, text(row, 'CPT_CD')),
      coding(SYSTEMS.snomed, text(row, 'SNOMED_TYP_CD'), text(row, 'ENC_DESC')),
    ],
    text: text(row, 'ENC_DESC'),
  };
}

function encounterReason(row: Row): Partial<Encounter> {
  const icd10 = optText(row, 'RSN_ICD10_CD');
  const conditionId = optText(row, 'RSN_PRB_ID');
  return {
    ...(icd10 ? { reasonCode: [concept(SYSTEMS.icd10cm, icd10, optText(row, 'RSN_DESC'))] } : {}),
    ...(conditionId ? { reasonReference: [localRef('Condition', conditionId)] } : {}),
  };
}

function discharge(row: Row): Partial<Encounter> {
  const code = optText(row, 'DISCH_DISP_CD');
  if (!code) return {};
  return { hospitalization: { dischargeDisposition: concept(SYSTEMS.dischargeDisposition, code) } };
}

/** A PROCEDURE row as a US Core Procedure. */
export function toProcedure(row: Row): Procedure {
  const reasonId = optText(row, 'RSN_PRB_ID');
  return {
    resourceType: 'Procedure',
    id: fhirId('Procedure', text(row, 'PROC_ID')),
    meta: metaOf(row, PROFILES.procedure),
    status: 'completed',
    code: {
      coding: [
        coding(SYSTEMS.cpt, text(row, 'CPT_CD')),
        coding(SYSTEMS.snomed, text(row, 'SNOMED_CD'), text(row, 'PROC_DESC')),
      ],
      text: text(row, 'PROC_DESC'),
    },
    subject: patientRef(row),
    encounter: localRef('Encounter', text(row, 'ENC_ID')),
    performedDateTime: fhirDate(text(row, 'PROC_DT')),
    performer: [{ actor: practitionerRef(text(row, 'PERF_NPI')) }],
    ...(reasonId ? { reasonReference: [localRef('Condition', reasonId)] } : {}),
  };
}

const MIME_SUFFICIENT = 'urn:ihe:iti:xds:2017:mimeTypeSufficient';

/** A CLIN_NOTE row as a US Core DocumentReference (clinical note). */
export function toDocumentReference(row: Row, systems: IdentifierSystems): DocumentReference {
  const date = fhirInstant(text(row, 'NOTE_TS'));
  return {
    resourceType: 'DocumentReference',
    id: fhirId('DocumentReference', text(row, 'NOTE_ID')),
    meta: metaOf(row, PROFILES.documentReference),
    identifier: [{ system: systems.recordIdSystem, value: text(row, 'NOTE_ID') }],
    status: 'current',
    type: concept(SYSTEMS.loinc, text(row, 'NOTE_LOINC_CD'), text(row, 'NOTE_TYP_DESC')),
    category: [concept(SYSTEMS.documentCategory, 'clinical-note', 'Clinical Note')],
    subject: patientRef(row),
    date,
    author: [practitionerRef(text(row, 'AUTH_NPI'))],
    content: [
      {
        attachment: noteAttachment(row),
        format: coding(SYSTEMS.formatCode, MIME_SUFFICIENT, 'mimeType Sufficient'),
      },
    ],
    context: {
      encounter: [localRef('Encounter', text(row, 'ENC_ID'))],
      // The note was written at one time: a point, not an open (ongoing) period.
      period: { start: date, end: date },
    },
  };
}

/**
 * A CLIN_NOTE row's text as an attachment (inline, base64), the same for the note's
 * DocumentReference and, for a report-type note, its DiagnosticReport's presentedForm.
 */
export function noteAttachment(row: Row): Attachment {
  return {
    contentType: text(row, 'MIME_TYP'),
    data: Buffer.from(text(row, 'NOTE_TXT'), 'utf8').toString('base64'),
    creation: fhirInstant(text(row, 'NOTE_TS')),
  };
}

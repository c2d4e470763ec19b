/**
 * Builds the Provenance of one resource, profiled as US Core 6.1.0 `us-core-provenance` and
 * PDex 2.1.0 `pdex-provenance`: the target (versioned when the target has a version), recorded
 * = the target's `meta.lastUpdated`, an author agent (the organization that authored the data,
 * read from the resource, else the payer), the payer as transmitter agent (PDex: "the payer
 * SHALL be the transmitter"), and a source entity naming the legacy system with its PDex source
 * format. The patient the target belongs to is carried in R5 `Provenance.patient` (cross-version
 * extension), which places the Provenance in that patient's compartment.
 */
import type {
  ExplanationOfBenefit,
  Provenance,
  ProvenanceAgent,
  ProvenanceEntity,
} from '@medplum/fhirtypes';
import type { Resource } from '../../plugins/sdk/contract.js';
import {
  compartmentPatients,
  PATIENT_COMPARTMENT,
  patientIdOf,
  PROVENANCE_PATIENT_EXTENSION,
  referencesAt,
} from '../auth/compartment.js';
import { provenanceId } from './ids.js';

export const US_CORE_PROVENANCE =
  'http://hl7.org/fhir/us/core/StructureDefinition/us-core-provenance';
export const PDEX_PROVENANCE =
  'http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/pdex-provenance';
const PARTICIPANT_TYPE = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';
const US_CORE_PARTICIPANT_TYPE =
  'http://hl7.org/fhir/us/core/CodeSystem/us-core-provenance-participant-type';
const SOURCE_FORMAT_EXTENSION =
  'http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/ProvenanceSourceFrom';
const SOURCE_FORMATS = 'http://hl7.org/fhir/us/davinci-pdex/CodeSystem/ProvenancePayerDataSource';

/** PDex `ProvenancePayerDataSource` codes used here, with their displays. */
export const SOURCE_FORMAT_DISPLAY: Readonly<Record<string, string>> = {
  x12837: '837 claim',
  x12278: '278',
  x12other: 'X12',
  ncpdp: 'NCPDP Telecommunication',
  capture: 'Direct Capture',
  hl7fhirr4: 'FHIR R4',
  customtx: 'Trading Partner Format',
  other: 'Other',
};

/** Where the target came from: the serving plugin and its PDex source format code. */
export interface TargetSource {
  /** The plugin (legacy system) that served the target. */
  readonly system: string;
  /** A {@link SOURCE_FORMAT_DISPLAY} code, when known. */
  readonly format?: string;
}

/** What every Provenance shares. */
export interface BuildOptions {
  /** Logical id of the payer Organization (transmitter, and author of payer-created data). */
  readonly payerOrganization: string;
}

/**
 * Reference paths naming the organization that authored a type's data, most specific first.
 * Only `Organization/` references are taken: US Core requires `onBehalfOf` for a practitioner
 * author, which the resource may not name, so the payer is the author then.
 */
const AUTHOR_PATHS: Readonly<Record<string, readonly string[]>> = {
  AllergyIntolerance: ['recorder', 'asserter'],
  CarePlan: ['author'],
  CareTeam: ['managingOrganization'],
  Claim: ['provider', 'insurer'],
  ClaimResponse: ['requestor', 'insurer'],
  Condition: ['recorder', 'asserter'],
  Coverage: ['payor'],
  DiagnosticReport: ['performer'],
  DocumentReference: ['author', 'custodian'],
  Encounter: ['serviceProvider'],
  ExplanationOfBenefit: ['provider', 'insurer'],
  Goal: ['expressedBy'],
  Immunization: ['performer.actor'],
  MedicationDispense: ['performer.actor'],
  MedicationRequest: ['requester'],
  Observation: ['performer'],
  Patient: ['managingOrganization'],
  Procedure: ['performer.onBehalfOf', 'performer.actor'],
  ServiceRequest: ['requester'],
};

/** The Provenance of `target` (which must have an id). */
export function toProvenance(
  target: Resource,
  source: TargetSource,
  options: BuildOptions,
): Provenance {
  const type = target.resourceType;
  const id = target.id ?? '';
  const recorded = target.meta?.lastUpdated ?? new Date().toISOString();
  const versionId = target.meta?.versionId;
  return {
    resourceType: 'Provenance',
    id: provenanceId(type, id),
    meta: {
      ...(versionId ? { versionId } : {}),
      lastUpdated: recorded,
      profile: [US_CORE_PROVENANCE, PDEX_PROVENANCE],
    },
    ...patientLink(target),
    target: [{ reference: `${type}/${id}${versionId ? `/_history/${versionId}` : ''}` }],
    recorded,
    agent: agents(target, options),
    entity: [sourceEntity(target, source)],
  };
}

/** The R5 `Provenance.patient` cross-version extension, for a target in a compartment. */
function patientLink(target: Resource): Pick<Provenance, 'extension'> {
  const patient = subjectPatient(target);
  if (!patient) return {};
  const link = { reference: `Patient/${patient}` };
  return { extension: [{ url: PROVENANCE_PATIENT_EXTENSION, valueReference: link }] };
}

/** The author (slice ProvenanceAuthor) and the payer as transmitter (ProvenanceTransmitter). */
function agents(target: Resource, options: BuildOptions): ProvenanceAgent[] {
  const payer = `Organization/${options.payerOrganization}`;
  return [
    {
      type: concept(PARTICIPANT_TYPE, 'author', 'Author'),
      who: { reference: authorOf(target, options.payerOrganization) },
    },
    {
      type: concept(US_CORE_PARTICIPANT_TYPE, 'transmitter', 'Transmitter'),
      who: { reference: payer },
    },
  ];
}

/** Compartment links naming the patient the data is about, before other participants. */
const SUBJECT_PATHS = ['patient', 'subject', 'beneficiary'];

/**
 * The patient the target is about (R5 `Provenance.patient` is 0..1): its subject-like
 * compartment link, else its first compartment patient. A Coverage is about its beneficiary,
 * not the subscriber who is also in its compartment.
 */
export function subjectPatient(target: Resource): string | undefined {
  const links = PATIENT_COMPARTMENT[target.resourceType] ?? [];
  for (const path of SUBJECT_PATHS.filter((candidate) => links.includes(candidate))) {
    const id = referencesAt(target, path)
      .map(patientIdOf)
      .find((found) => found !== undefined);
    if (id) return id;
  }
  return compartmentPatients(target)[0];
}

/** The authoring organization's reference: from the resource, else the payer. */
export function authorOf(target: Resource, payerOrganization: string): string {
  const eob = target as ExplanationOfBenefit;
  const paths =
    target.resourceType === 'ExplanationOfBenefit' && eob.use === 'preauthorization'
      ? ['insurer']
      : (AUTHOR_PATHS[target.resourceType] ?? []);
  for (const path of paths) {
    const reference = referencesAt(target, path).find((ref) =>
      /^Organization\/[A-Za-z0-9\-.]{1,64}$/.test(ref),
    );
    if (reference) return reference;
  }
  return `Organization/${payerOrganization}`;
}

function sourceEntity(target: Resource, source: TargetSource): ProvenanceEntity {
  const format = formatOf(target, source);
  const display = format === undefined ? undefined : SOURCE_FORMAT_DISPLAY[format];
  return {
    role: 'source',
    what: { display: `${source.system} legacy system` },
    ...(format && display
      ? {
          extension: [
            {
              url: SOURCE_FORMAT_EXTENSION,
              valueCodeableConcept: { coding: [{ system: SOURCE_FORMATS, code: format, display }] },
            },
          ],
        }
      : {}),
  };
}

/** Pharmacy claims come in NCPDP transactions, not 837s. */
function formatOf(target: Resource, source: TargetSource): string | undefined {
  const eob = target as ExplanationOfBenefit;
  const pharmacy = eob.type?.coding?.some((coding) => coding.code === 'pharmacy') === true;
  if (target.resourceType === 'ExplanationOfBenefit' && pharmacy && source.format === 'x12837') {
    return 'ncpdp';
  }
  return source.format;
}

function concept(system: string, code: string, display: string) {
  return { coding: [{ system, code, display }] };
}

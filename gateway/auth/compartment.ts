/**
 * The FHIR R4 Patient compartment (CompartmentDefinition/patient): for each resource type
 * that can belong to a patient's compartment, the elements whose references place it there.
 * Paths follow the R4 SearchParameter expressions of the compartment's parameters, reduced to
 * plain element paths. A type absent from the table is not patient data (e.g. Organization,
 * Practitioner, Location, formulary and directory resources).
 */
import type { Resource } from '@medplum/fhirtypes';
import { valuesAt } from '../fhir/search/elements.js';

export const PATIENT_COMPARTMENT: Readonly<Record<string, readonly string[]>> = {
  Account: ['subject'],
  AdverseEvent: ['subject'],
  AllergyIntolerance: ['patient', 'recorder', 'asserter'],
  Appointment: ['participant.actor'],
  AppointmentResponse: ['actor'],
  AuditEvent: ['entity.what'],
  Basic: ['subject', 'author'],
  BodyStructure: ['patient'],
  CarePlan: ['subject', 'activity.detail.performer'],
  CareTeam: ['subject', 'participant.member'],
  ChargeItem: ['subject'],
  Claim: ['patient', 'payee.party'],
  ClaimResponse: ['patient'],
  ClinicalImpression: ['subject'],
  Communication: ['subject', 'sender', 'recipient'],
  CommunicationRequest: ['subject', 'sender', 'recipient', 'requester'],
  Composition: ['subject', 'author', 'attester.party'],
  Condition: ['subject', 'asserter'],
  Consent: ['patient'],
  Coverage: ['policyHolder', 'subscriber', 'beneficiary', 'payor'],
  CoverageEligibilityRequest: ['patient'],
  CoverageEligibilityResponse: ['patient'],
  DetectedIssue: ['patient'],
  DeviceRequest: ['subject', 'performer'],
  DeviceUseStatement: ['subject'],
  DiagnosticReport: ['subject'],
  DocumentManifest: ['subject', 'author', 'recipient'],
  DocumentReference: ['subject', 'author'],
  Encounter: ['subject'],
  EnrollmentRequest: ['candidate'],
  EpisodeOfCare: ['patient'],
  ExplanationOfBenefit: ['patient', 'payee.party'],
  FamilyMemberHistory: ['patient'],
  Flag: ['subject'],
  Goal: ['subject'],
  Group: ['member.entity'],
  ImagingStudy: ['subject'],
  Immunization: ['patient'],
  ImmunizationEvaluation: ['patient'],
  ImmunizationRecommendation: ['patient'],
  Invoice: ['subject', 'recipient'],
  List: ['subject', 'source'],
  MeasureReport: ['subject'],
  Media: ['subject'],
  MedicationAdministration: ['subject', 'performer.actor'],
  MedicationDispense: ['subject', 'receiver'],
  MedicationRequest: ['subject'],
  MedicationStatement: ['subject'],
  MolecularSequence: ['patient'],
  NutritionOrder: ['patient'],
  Observation: ['subject', 'performer'],
  Person: ['link.target'],
  Procedure: ['subject', 'performer.actor'],
  Provenance: ['target'],
  QuestionnaireResponse: ['subject', 'author'],
  RelatedPerson: ['patient'],
  RequestGroup: ['subject', 'participant'],
  ResearchSubject: ['individual'],
  RiskAssessment: ['subject'],
  Schedule: ['actor'],
  ServiceRequest: ['subject', 'performer'],
  Specimen: ['subject'],
  SupplyDelivery: ['patient'],
  SupplyRequest: ['requester'],
  VisionPrescription: ['patient'],
};

/** True when resources of this type can belong to a patient compartment. */
export function isPatientData(resourceType: string): boolean {
  return resourceType === 'Patient' || resourceType in PATIENT_COMPARTMENT;
}

/**
 * R5 `Provenance.patient` (R5's Patient compartment link for Provenance), carried in R4 by its
 * cross-version extension: it places the Provenance of a claim or a coverage in its patient's
 * compartment, which `target` alone cannot do without resolving the target.
 */
export const PROVENANCE_PATIENT_EXTENSION =
  'http://hl7.org/fhir/5.0/StructureDefinition/extension-Provenance.patient';

/** The Patient ids whose compartments contain this resource. */
export function compartmentPatients(resource: Resource): string[] {
  if (resource.resourceType === 'Patient') return resource.id ? [resource.id] : [];
  const paths = PATIENT_COMPARTMENT[resource.resourceType] ?? [];
  const references = paths.flatMap((path) => referencesAt(resource, path));
  if (resource.resourceType === 'Provenance') references.push(...provenancePatient(resource));
  const ids = new Set<string>();
  for (const reference of references) {
    const id = patientIdOf(reference);
    if (id) ids.add(id);
  }
  return [...ids];
}

function provenancePatient(resource: Resource): string[] {
  const extensions = (resource as { extension?: { url?: string }[] }).extension ?? [];
  return extensions
    .filter((extension) => extension.url === PROVENANCE_PATIENT_EXTENSION)
    .flatMap((extension) => referencesAt(extension, 'valueReference'));
}

/** True when the resource is in the compartment of one of the given patients. */
export function inCompartment(resource: Resource, patientIds: readonly string[]): boolean {
  return compartmentPatients(resource).some((id) => patientIds.includes(id));
}

/** `Patient/123`, `https://x/fhir/Patient/123` or `Patient/123/_history/2` give `123`. */
export function patientIdOf(reference: string): string | undefined {
  const match = /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  return match?.[1];
}

/** Every `reference` string found at a dotted element path, through arrays. */
export function referencesAt(resource: object, path: string): string[] {
  return valuesAt(resource, path).flatMap((node) => {
    const reference = (node as { reference?: unknown } | null)?.reference;
    return typeof reference === 'string' ? [reference] : [];
  });
}

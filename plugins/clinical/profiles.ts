/**
 * Canonical URLs of the US Core 6.1.0 profiles the clinical plugin emits, and the code
 * systems of its mappings (US Core 6.1.0 §Profiles and Extensions, §Terminology).
 */

const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition';

/** US Core 6.1.0 profiles by key. */
export const PROFILES = {
  conditionEncounter: `${US_CORE}/us-core-condition-encounter-diagnosis`,
  conditionProblems: `${US_CORE}/us-core-condition-problems-health-concerns`,
  allergy: `${US_CORE}/us-core-allergyintolerance`,
  medicationRequest: `${US_CORE}/us-core-medicationrequest`,
  immunization: `${US_CORE}/us-core-immunization`,
  lab: `${US_CORE}/us-core-observation-lab`,
  smoking: `${US_CORE}/us-core-smokingstatus`,
  sexualOrientation: `${US_CORE}/us-core-observation-sexual-orientation`,
  screening: `${US_CORE}/us-core-observation-screening-assessment`,
  bloodPressure: `${US_CORE}/us-core-blood-pressure`,
  heartRate: `${US_CORE}/us-core-heart-rate`,
  respiratoryRate: `${US_CORE}/us-core-respiratory-rate`,
  temperature: `${US_CORE}/us-core-body-temperature`,
  pulseOximetry: `${US_CORE}/us-core-pulse-oximetry`,
  height: `${US_CORE}/us-core-body-height`,
  weight: `${US_CORE}/us-core-body-weight`,
  bmi: `${US_CORE}/us-core-bmi`,
  headCircumference: `${US_CORE}/us-core-head-circumference`,
  bmiForAge: `${US_CORE}/pediatric-bmi-for-age`,
  weightForLength: `${US_CORE}/pediatric-weight-for-height`,
  headPercentile: `${US_CORE}/head-occipital-frontal-circumference-percentile`,
  procedure: `${US_CORE}/us-core-procedure`,
  encounter: `${US_CORE}/us-core-encounter`,
  careTeam: `${US_CORE}/us-core-careteam`,
  documentReference: `${US_CORE}/us-core-documentreference`,
  goal: `${US_CORE}/us-core-goal`,
  carePlan: `${US_CORE}/us-core-careplan`,
  labReport: `${US_CORE}/us-core-diagnosticreport-lab`,
  noteReport: `${US_CORE}/us-core-diagnosticreport-note`,
  vitalSigns: `${US_CORE}/us-core-vital-signs`,
} as const;

/** Code systems used in the mappings. */
export const SYSTEMS = {
  snomed: 'http://snomed.info/sct',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  loinc: 'http://loinc.org',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  cvx: 'http://hl7.org/fhir/sid/cvx',
  mvx: 'http://hl7.org/fhir/sid/mvx',
  cpt: 'http://www.ama-assn.org/go/cpt',
  ucum: 'http://unitsofmeasure.org',
  nucc: 'http://nucc.org/provider-taxonomy',
  nullFlavor: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  usCoreCategory: 'http://hl7.org/fhir/us/core/CodeSystem/condition-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  dischargeDisposition: 'https://www.nubc.org/CodeSystem/PatDischargeStatus',
  medicationRequestCategory: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category',
  routeOfAdministration: 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration',
  actSite: 'http://terminology.hl7.org/CodeSystem/v3-ActSite',
  reasonNotDone: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  documentCategory: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
  formatCode: 'http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode',
  carePlanCategory: 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category',
  achievement: 'http://terminology.hl7.org/CodeSystem/goal-achievement',
  v2DiagnosticService: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  narrativeStatus: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-narrative-status',
} as const;

/** Asserted date extension of the Condition problems profile (R5 backport). */
export const ASSERTED_DATE_URL = 'http://hl7.org/fhir/StructureDefinition/condition-assertedDate';

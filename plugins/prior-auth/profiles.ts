/**
 * Canonical URLs and code systems of the PDex 2.1.0 Prior Authorization mapping.
 */

/** PDex 2.1.0 Prior Authorization (ExplanationOfBenefit). */
export const PDEX_PRIOR_AUTH =
  'http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/pdex-priorauthorization';

const PDEX_SD = 'http://hl7.org/fhir/us/davinci-pdex/StructureDefinition';

/** PDex extensions used on the resource and its item adjudications. */
export const EXTENSIONS = {
  levelOfService: `${PDEX_SD}/extension-levelOfServiceCode`,
  reviewAction: `${PDEX_SD}/extension-reviewAction`,
  reviewActionCode: `${PDEX_SD}/extension-reviewActionCode`,
  whenAdjudicated: `${PDEX_SD}/base-ext-when-adjudicated`,
} as const;

/** Code systems. */
export const SYSTEMS = {
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  processPriority: 'http://terminology.hl7.org/CodeSystem/processpriority',
  x12LevelOfService: 'https://codesystem.x12.org/005010/1338',
  x12ServiceType: 'https://x12.org/codes/service-type-codes',
  x12ReviewAction: 'https://codesystem.x12.org/005010/306',
  pdexAdjudicationDiscriminator:
    'http://hl7.org/fhir/us/davinci-pdex/CodeSystem/PDexAdjudicationDiscriminator',
  carc: 'https://x12.org/codes/claim-adjustment-reason-codes',
  c4bbIdentifierType: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBIdentifierType',
  careTeamRole: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimCareTeamRole',
  infoCategory: 'http://terminology.hl7.org/CodeSystem/claiminformationcategory',
  diagnosisType: 'http://terminology.hl7.org/CodeSystem/ex-diagnosistype',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  icd9cm: 'http://hl7.org/fhir/sid/icd-9-cm',
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  revenue: 'https://www.nubc.org/CodeSystem/RevenueCodes',
  ucum: 'http://unitsofmeasure.org',
} as const;

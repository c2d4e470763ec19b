/**
 * Canonical URLs and code systems of the CARIN Blue Button 2.1.0 ExplanationOfBenefit
 * profiles the claims plugin emits (CARIN BB 2.1.0 §Profiles, §Terminology).
 */

const C4BB_SD = 'http://hl7.org/fhir/us/carin-bb/StructureDefinition';
const C4BB_CS = 'http://hl7.org/fhir/us/carin-bb/CodeSystem';

/** The five EOB profiles, by legacy claim type code. */
export const EOB_PROFILES = {
  INST_IP: `${C4BB_SD}/C4BB-ExplanationOfBenefit-Inpatient-Institutional`,
  INST_OP: `${C4BB_SD}/C4BB-ExplanationOfBenefit-Outpatient-Institutional`,
  PROF: `${C4BB_SD}/C4BB-ExplanationOfBenefit-Professional-NonClinician`,
  RX: `${C4BB_SD}/C4BB-ExplanationOfBenefit-Pharmacy`,
  DENT: `${C4BB_SD}/C4BB-ExplanationOfBenefit-Oral`,
} as const;

/** A legacy claim type code. */
export type ClaimTypeCode = keyof typeof EOB_PROFILES;

/** Code systems used in the mapping. */
export const SYSTEMS = {
  identifierType: `${C4BB_CS}/C4BBIdentifierType`,
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  institutionalSubType: `${C4BB_CS}/C4BBInstitutionalClaimSubType`,
  relatedClaim: `${C4BB_CS}/C4BBRelatedClaimRelationshipCodes`,
  payeeType: 'http://terminology.hl7.org/CodeSystem/payeetype',
  careTeamRole: `${C4BB_CS}/C4BBClaimCareTeamRole`,
  supportingInfo: `${C4BB_CS}/C4BBSupportingInfoType`,
  adjudicationStatus: `${C4BB_CS}/C4BBPayerAdjudicationStatus`,
  adjudication: 'http://terminology.hl7.org/CodeSystem/adjudication',
  c4bbAdjudication: `${C4BB_CS}/C4BBAdjudication`,
  adjudicationDiscriminator: `${C4BB_CS}/C4BBAdjudicationDiscriminator`,
  carc: 'https://x12.org/codes/claim-adjustment-reason-codes',
  diagnosisType: 'http://terminology.hl7.org/CodeSystem/ex-diagnosistype',
  c4bbDiagnosisType: `${C4BB_CS}/C4BBClaimDiagnosisType`,
  procedureType: `${C4BB_CS}/C4BBClaimProcedureType`,
  presentOnAdmission: 'https://www.nubc.org/CodeSystem/PresentOnAdmissionIndicators',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  icd9cm: 'http://hl7.org/fhir/sid/icd-9-cm',
  icd10pcs: 'http://www.cms.gov/Medicare/Coding/ICD10',
  icd9proc: 'http://www.cms.gov/Medicare/Coding/ICD9',
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: 'https://bluebutton.cms.gov/resources/codesystem/hcpcs',
  cdt: 'http://www.ada.org/cdt',
  ndc: 'http://hl7.org/fhir/sid/ndc',
  revenue: 'https://www.nubc.org/CodeSystem/RevenueCodes',
  typeOfBill: 'https://www.nubc.org/CodeSystem/TypeOfBill',
  pointOfOrigin: 'https://www.nubc.org/CodeSystem/PointOfOrigin',
  admissionType: 'https://www.nubc.org/CodeSystem/PriorityTypeOfAdmitOrVisit',
  dischargeStatus: 'https://www.nubc.org/CodeSystem/PatDischargeStatus',
  drg: 'https://www.cms.gov/Medicare/Medicare-Fee-for-Service-Payment/AcuteInpatientPPS/MS-DRG-Classifications-and-Software',
  placeOfService:
    'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  daw: 'http://terminology.hl7.org/CodeSystem/NCPDPDispensedAsWrittenOrProductSelectionCode',
  compound: 'http://terminology.hl7.org/CodeSystem/NCPDPCompoundCode',
  rxOrigin: 'http://terminology.hl7.org/CodeSystem/NCPDPPrescriptionOriginCode',
  brandGeneric: 'http://terminology.hl7.org/CodeSystem/NCPDPBrandGenericIndicator',
  tooth: 'http://terminology.hl7.org/CodeSystem/ADAUniversalToothDesignationSystem',
  oralArea: 'http://terminology.hl7.org/CodeSystem/ADAAreaOralCavitySystem',
  surface: `${C4BB_CS}/C4BBSurfaceCodes`,
  paymentType: 'http://terminology.hl7.org/CodeSystem/ex-paymenttype',
  dataAbsent: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
  ucum: 'http://unitsofmeasure.org',
} as const;

/** A CodeableConcept of one coding. */
export function concept(system: string, code: string, display?: string) {
  return { coding: [{ system, code, ...(display === undefined ? {} : { display }) }] };
}

/**
 * Deterministic synthetic data shared by every mock backend: members (with families and
 * coverage history), the payer and its plan catalog. See members.ts for the design.
 */
export {
  AS_OF_DATE,
  CDC_RACE_ETHNICITY_SYSTEM,
  LANGUAGES,
  NULL_FLAVOR_SYSTEM,
  PAYER,
  PLANS,
  planById,
  type DemographicCode,
  type Group,
  type Language,
  type LineOfBusiness,
  type Payer,
  type Plan,
} from './catalog.js';
export {
  generateMembers,
  indexOfMemberId,
  memberAt,
  memberIdOf,
  type Address,
  type CoveragePeriod,
  type GenerateOptions,
  type MemberRecord,
  type Relationship,
  type Sex,
  type TermReason,
} from './members.js';
export {
  DRUGS,
  drugByNdc,
  drugByRxcui,
  genericOf,
  requireDrug,
  type Drug,
  type DrugKind,
  type DrugPackage,
  type DrugRoute,
} from './drugs.js';
export {
  FORMULARIES,
  FORMULARY_YEARS,
  formulariesOfPlan,
  formularyById,
  formularyItems,
  type CostShare,
  type Formulary,
  type FormularyItem,
  type FormularyTier,
  type PharmacyType,
  type QuantityLimit,
} from './drugs-formulary.js';
export {
  CLINICAL_STREAM,
  clinicalAt,
  clinicalRecordOf,
  generateClinical,
  type AllergyRecord,
  type CarePlanRecord,
  type CareTeamMemberRecord,
  type ClinicalNoteRecord,
  type ClinicalRecord,
  type ConditionRecord,
  type DeviceRecord,
  type DispenseRecord,
  type EncounterRecord,
  type GenerateClinicalOptions,
  type GoalRecord,
  type ImmunizationRecord,
  type LabResultRecord,
  type MedicationOrderRecord,
  type ProcedureRecord,
  type SocialHistoryRecord,
  type VitalSignRecord,
} from './clinical.js';
export {
  buildDirectory,
  DEFAULT_PRACTITIONERS,
  type Directory,
  type DirectoryOptions,
} from './providers.js';
export { isValidNpi, npiCheckDigit } from './providers-ids.js';
export { INSURANCE_PLANS, NETWORKS, networkOfPlan } from './providers-networks.js';
export {
  NUCC_TAXONOMY_SYSTEM,
  SPECIALTIES,
  TAXONOMY_CODES,
  taxonomyDisplay,
  type Specialty,
  type TaxonomyCode,
} from './providers-taxonomy.js';
export type {
  AcceptingPatients,
  AffiliationRecord,
  EndpointRecord,
  HealthcareServiceRecord,
  InsurancePlanRecord,
  Location,
  Network,
  OpeningHours,
  Organization,
  OrgType,
  Practitioner,
  PractitionerRole,
  Qualification,
} from './providers-types.js';
export { CLAIMS_START_DATE, claimsOf, generateClaims, type ClaimsOptions } from './claims.js';
export type {
  Adjustment,
  Admission,
  Amounts,
  ClaimDiagnosis,
  ClaimLine,
  ClaimProcedure,
  ClaimRecord,
  ClaimStatus,
  ClaimType,
  DispensedDrug,
  Payment,
} from './claims-types.js';
export { BENEFITS, benefitsOf, type BenefitDesign } from './claims-benefits.js';
export { ICD10_CM_SYSTEM, ICD10_START, ICD9_CM_SYSTEM } from './claims-diagnoses.js';
export { NDC_SYSTEM } from './claims-drugs.js';
export { DRGS, PLACES_OF_SERVICE, PROCEDURES, REVENUE_CODES } from './claims-procedures.js';
export { CARC, CARC_SYSTEM, RARC, RARC_SYSTEM } from './claims-remit.js';
export {
  generatePriorAuths,
  priorAuthsOf,
  UM_START_DATE,
  type PriorAuthOptions,
} from './prior-auth.js';
export type {
  AuthAppeal,
  AuthDenial,
  AuthDiagnosis,
  AuthDocument,
  AuthItem,
  AuthStatus,
  AuthType,
  PriorAuthRecord,
} from './prior-auth-types.js';

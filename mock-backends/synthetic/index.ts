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

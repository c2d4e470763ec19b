/**
 * US Drug Formulary 2.0.1 canonical URLs and the legacy codes they map from: profiles,
 * extensions and code systems (IG source input/fsh/Formulary.fsh, Extensions.fsh,
 * CodeSystems.fsh at the 2.0.1 release), drug tiers by line of business, and pharmacy
 * benefit types by dispensing channel.
 */
import type { CodeableConcept, Extension } from '@medplum/fhirtypes';

/** The IG's canonical base. */
export const USDF = 'http://hl7.org/fhir/us/davinci-drug-formulary';
const SD = `${USDF}/StructureDefinition`;
const CS = `${USDF}/CodeSystem`;

/** Profiles served. */
export const PROFILES = {
  formularyDrug: `${SD}/usdf-FormularyDrug`,
  formulary: `${SD}/usdf-Formulary`,
  formularyItem: `${SD}/usdf-FormularyItem`,
  payerInsurancePlan: `${SD}/usdf-PayerInsurancePlan`,
  insurancePlanLocation: `${SD}/usdf-InsurancePlanLocation`,
} as const;

/** Code systems used (the `-TEMPORARY-TRIAL-USE` ids are the IG's own). */
export const SYSTEMS = {
  drugTier: `${CS}/usdf-DrugTierCS-TEMPORARY-TRIAL-USE`,
  pharmacyBenefitType: `${CS}/usdf-PharmacyBenefitTypeCS-TEMPORARY-TRIAL-USE`,
  benefitCostType: `${CS}/usdf-BenefitCostTypeCS-TEMPORARY-TRIAL-USE`,
  costShareOption: `${CS}/usdf-CostShareOptionCS-TEMPORARY-TRIAL-USE`,
  planContactType: `${CS}/usdf-PlanContactTypeCS-TEMPORARY-TRIAL-USE`,
  insuranceItemType: `${CS}/usdf-InsuranceItemTypeCS`,
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  insurancePlanType: 'http://terminology.hl7.org/CodeSystem/insurance-plan-type',
  contactEntityType: 'http://terminology.hl7.org/CodeSystem/contactentity-type',
  planNetProductType:
    'http://hl7.org/fhir/us/davinci-pdex-plan-net/CodeSystem/InsuranceProductTypeCS',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
} as const;

/** An extension of the IG by its id, e.g. `usdf-QuantityLimit-extension`. */
export function usdfExtension(id: string, value: Omit<Extension, 'url'>): Extension {
  return { url: `${SD}/${id}`, ...value };
}

/** The canonical URL of an IG extension id. */
export function extensionUrl(id: string): string {
  return `${SD}/${id}`;
}

/** A one-coding concept. */
export function concept(system: string, code: string, display?: string): CodeableConcept {
  return { coding: [{ system, code, ...(display ? { display } : {}) }] };
}

/** `insurance-plan-type#drug`: the drug plan and drug benefit pattern of both profiles. */
export const DRUG_PLAN_TYPE = concept(SYSTEMS.insurancePlanType, 'drug', 'Drug');
/** `v3-ActCode#DRUGPOL`: the Formulary type and the drug coverage type. */
export const DRUGPOL = concept(SYSTEMS.actCode, 'DRUGPOL');

/**
 * Legacy `LOB:TIER` -> DrugTierCS code. Tier numbers mean different things per line of
 * business (Part D T1 is preferred generic, commercial T1 generic). Medicaid has only
 * preferred (generics and preferred brands) and non-preferred.
 */
export const DRUG_TIERS: Readonly<Record<string, string>> = {
  'COM:PV': 'zero-cost-share-preventative',
  'COM:T1': 'generic',
  'COM:T2': 'preferred-brand',
  'COM:T3': 'non-preferred-brand',
  'COM:T4': 'specialty',
  'QHP:PV': 'zero-cost-share-preventative',
  'QHP:T1': 'generic',
  'QHP:T2': 'preferred-brand',
  'QHP:T3': 'non-preferred-brand',
  'QHP:T4': 'specialty',
  'MA:T1': 'preferred-generic',
  'MA:T2': 'generic',
  'MA:T3': 'preferred-brand',
  'MA:T4': 'non-preferred-brand',
  'MA:T5': 'specialty',
  'MCD:PF': 'preferred-generic',
  'MCD:NP': 'non-preferred-brand',
};

/** The DrugTierCS code of a tier of a formulary of `lob`. */
export function drugTierCode(lob: string, tier: string): string {
  return DRUG_TIERS[`${lob}:${tier}`] ?? 'generic';
}

/** The `LOB:TIER` pairs that map to any of `codes`. */
export function lobTiersOf(codes: readonly string[]): string[] {
  return Object.keys(DRUG_TIERS).filter((key) => codes.includes(DRUG_TIERS[key] ?? ''));
}

/** Legacy dispensing channel -> PharmacyBenefitTypeCS code (all in network). */
export const BENEFIT_TYPES: Readonly<Record<string, string>> = {
  RTL30: '1-month-in-retail',
  MAIL30: '1-month-in-mail',
  RTL90: '3-month-in-retail',
  MAIL90: '3-month-in-mail',
};

/** Displays of the PharmacyBenefitTypeCS codes used. */
export const BENEFIT_DISPLAYS: Readonly<Record<string, string>> = {
  '1-month-in-retail': '1 month in network retail',
  '1-month-in-mail': '1 month in network mail order',
  '3-month-in-retail': '3 month in network retail',
  '3-month-in-mail': '3 month in network mail order',
};

/** The channel of a cost-share row, e.g. `RTL30`. */
export function channelOf(pharmacyType: string, daysSupply: number): string {
  return `${pharmacyType}${daysSupply}`;
}

/** A pharmacy benefit type concept for a channel. */
export function benefitType(channel: string): CodeableConcept {
  const code = BENEFIT_TYPES[channel] ?? '1-month-in-retail';
  return concept(SYSTEMS.pharmacyBenefitType, code, BENEFIT_DISPLAYS[code]);
}

/** The channels whose benefit type is any of `codes`. */
export function channelsOf(codes: readonly string[]): string[] {
  return Object.keys(BENEFIT_TYPES).filter((key) => codes.includes(BENEFIT_TYPES[key] ?? ''));
}

/** Legacy `YYYYMMDD` -> FHIR date. */
export function dateOf(legacy: string): string {
  return `${legacy.slice(0, 4)}-${legacy.slice(4, 6)}-${legacy.slice(6, 8)}`;
}

/** Legacy timestamp `YYYY-MM-DD-HH.MM.SS` (UTC) -> FHIR instant. */
export function instantOf(timestamp: string): string {
  return `${timestamp.slice(0, 10)}T${timestamp.slice(11).replaceAll('.', ':')}Z`;
}

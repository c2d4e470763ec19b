/**
 * The fixed reference data every synthetic system shares: the payer, its plan catalog with
 * employer groups, and the demographic code lists (CDC Race & Ethnicity, languages).
 * All names and identifiers here are invented.
 */

/**
 * The date the synthetic data describes ("today" for the data set). Fixed so that the same
 * seed gives the same members whatever the wall clock says.
 */
export const AS_OF_DATE = '2026-07-01';

/** The one payer behind every mock backend. */
export interface Payer {
  /** Payer id used in HIPAA transactions (also the Organization's logical id). */
  readonly id: string;
  /** NAIC company code (invented; NAIC-like five digits). */
  readonly naicCode: string;
  readonly name: string;
  readonly address: {
    readonly line: string;
    readonly city: string;
    readonly state: string;
    readonly zip: string;
  };
  readonly phone: string;
  readonly website: string;
  readonly updatedAt: string;
}

/** The payer (invented). */
export const PAYER: Payer = Object.freeze({
  id: 'CMHP1',
  naicCode: '99617',
  name: 'Cascade Mutual Health Plan',
  address: Object.freeze({
    line: '1200 Fifth Ave Ste 900',
    city: 'Seattle',
    state: 'WA',
    zip: '98101',
  }),
  phone: '2065550100',
  website: 'https://cascade-mutual.example.org',
  updatedAt: '2025-01-15T08:00:00Z',
});

/** Line of business: decides who enrols (ages, family shape) and the payment typology. */
export type LineOfBusiness = 'commercial' | 'medicare-advantage' | 'medicaid' | 'qhp';

/** An employer or program group within a plan. */
export interface Group {
  readonly id: string;
  readonly name: string;
}

/** A health plan (benefit package) in the catalog. */
export interface Plan {
  readonly id: string;
  readonly name: string;
  readonly line: LineOfBusiness;
  readonly productType: 'HMO' | 'PPO';
  /** Source of Payment Typology code (https://nahdo.org/sopt) and its display. */
  readonly sopt: { readonly code: string; readonly display: string };
  /** CMS contract-plan id, for Medicare Advantage only (invented). */
  readonly cmsContractId?: string;
  readonly groups: readonly Group[];
  /** Relative share of families enrolled. */
  readonly weight: number;
}

const EMPLOYER_GROUPS: readonly Group[] = [
  { id: 'G100101', name: 'Evergreen Timber Cooperative' },
  { id: 'G100102', name: 'Puget Sound Robotics' },
  { id: 'G100103', name: 'Willamette Valley Schools Trust' },
  { id: 'G100104', name: 'Columbia River Logistics' },
  { id: 'G100105', name: 'Snake River Foods' },
  { id: 'G100106', name: 'Cascade Regional Transit' },
  { id: 'G100107', name: 'Rainier Software Guild' },
  { id: 'G100108', name: 'High Desert Solar' },
  { id: 'G100109', name: 'Skagit Growers Alliance' },
  { id: 'G100110', name: 'Salish Sea Ferry Works' },
  { id: 'G100111', name: 'Blue Heron Hospitality' },
  { id: 'G100112', name: 'Northwest Builders Trust' },
];

/** The plan catalog. */
export const PLANS: readonly Plan[] = Object.freeze([
  {
    id: 'CMHP-HMO-100',
    name: 'Cascade Select HMO',
    line: 'commercial',
    productType: 'HMO',
    sopt: { code: '511', display: 'Commercial Managed Care - HMO' },
    groups: EMPLOYER_GROUPS.slice(0, 7),
    weight: 25,
  },
  {
    id: 'CMHP-PPO-200',
    name: 'Cascade Choice PPO',
    line: 'commercial',
    productType: 'PPO',
    sopt: { code: '512', display: 'Commercial Managed Care - PPO' },
    groups: EMPLOYER_GROUPS.slice(5),
    weight: 30,
  },
  {
    id: 'CMHP-MA-300',
    name: 'Cascade Medicare Advantage Plus (HMO)',
    line: 'medicare-advantage',
    productType: 'HMO',
    sopt: { code: '111', display: 'Medicare HMO' },
    cmsContractId: 'H9917-001',
    groups: [{ id: 'G300001', name: 'Medicare Advantage Individual' }],
    weight: 10,
  },
  {
    id: 'CMHP-MA-310',
    name: 'Cascade Medicare Advantage Choice (PPO)',
    line: 'medicare-advantage',
    productType: 'PPO',
    sopt: { code: '112', display: 'Medicare PPO' },
    cmsContractId: 'R9917-002',
    groups: [{ id: 'G300002', name: 'Medicare Advantage Individual' }],
    weight: 5,
  },
  {
    id: 'CMHP-MCD-400',
    name: 'Cascade Community Care (Medicaid)',
    line: 'medicaid',
    productType: 'HMO',
    sopt: { code: '211', display: 'Medicaid HMO' },
    groups: [{ id: 'G400001', name: 'State Medicaid Managed Care' }],
    weight: 20,
  },
  {
    id: 'CMHP-QHP-500',
    name: 'Cascade Exchange Silver HMO',
    line: 'qhp',
    productType: 'HMO',
    sopt: { code: '511', display: 'Commercial Managed Care - HMO' },
    groups: [{ id: 'G500001', name: 'Individual Marketplace' }],
    weight: 10,
  },
]);

/** A code from the CDC Race & Ethnicity code system, or a v3 NullFlavor when not given. */
export interface DemographicCode {
  readonly code: string;
  readonly display: string;
  readonly system: string;
}

/** CDC Race & Ethnicity code system (urn:oid:2.16.840.1.113883.6.238). */
export const CDC_RACE_ETHNICITY_SYSTEM = 'urn:oid:2.16.840.1.113883.6.238';
/** v3 NullFlavor, used for "asked but declined" as US Core allows. */
export const NULL_FLAVOR_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor';

const cdc = (code: string, display: string): DemographicCode => ({
  code,
  display,
  system: CDC_RACE_ETHNICITY_SYSTEM,
});
const declined: DemographicCode = {
  code: 'ASKU',
  display: 'Asked but no answer',
  system: NULL_FLAVOR_SYSTEM,
};

/** OMB race categories with rough US population weights. */
export const RACES: readonly (readonly [DemographicCode, number])[] = Object.freeze([
  [cdc('2106-3', 'White'), 60],
  [cdc('2054-5', 'Black or African American'), 13],
  [cdc('2028-9', 'Asian'), 8],
  [cdc('1002-5', 'American Indian or Alaska Native'), 2],
  [cdc('2076-8', 'Native Hawaiian or Other Pacific Islander'), 1],
  [declined, 4],
]);

/** OMB ethnicity categories with rough US population weights. */
export const ETHNICITIES: readonly (readonly [DemographicCode, number])[] = Object.freeze([
  [cdc('2135-2', 'Hispanic or Latino'), 18],
  [cdc('2186-5', 'Not Hispanic or Latino'), 78],
  [declined, 4],
]);

/** A preferred language: BCP-47 code (as FHIR wants) and the ISO 639-2 code legacy systems keep. */
export interface Language {
  readonly code: string;
  readonly iso639_2: string;
  readonly display: string;
}

/** Languages members may prefer. */
export const LANGUAGES: Readonly<Record<string, Language>> = Object.freeze({
  en: { code: 'en', iso639_2: 'ENG', display: 'English' },
  es: { code: 'es', iso639_2: 'SPA', display: 'Spanish' },
  zh: { code: 'zh', iso639_2: 'CHI', display: 'Chinese' },
  vi: { code: 'vi', iso639_2: 'VIE', display: 'Vietnamese' },
  ko: { code: 'ko', iso639_2: 'KOR', display: 'Korean' },
  tl: { code: 'tl', iso639_2: 'TGL', display: 'Tagalog' },
  ru: { code: 'ru', iso639_2: 'RUS', display: 'Russian' },
  ar: { code: 'ar', iso639_2: 'ARA', display: 'Arabic' },
});

/** Looks a plan up by id; throws for an id outside the catalog (a programming error). */
export function planById(id: string): Plan {
  const plan = PLANS.find((candidate) => candidate.id === id);
  if (!plan) throw new Error(`Unknown plan ${id}`);
  return plan;
}

/**
 * The synthetic drug catalog: RxNorm-coded drugs with dose form, route, brand and package
 * NDCs. Formularies (drugs-formulary.ts), medication orders and dispenses (clinical.ts) all
 * draw from it, so a drug a member takes is always one the formulary can price.
 *
 * NDCs are synthetic: 11 digits in the 5-4-2 layout with invented labeler codes, unique in
 * the catalog, not registered products.
 */
import { DRUG_CLASSES, DRUG_ROWS } from './drugs-data.js';

/** How a drug is marketed, which drives its formulary tier. */
export type DrugKind = 'generic' | 'brand' | 'specialty' | 'otc';

/** A route of administration: the legacy code, its display and SNOMED CT code. */
export interface DrugRoute {
  readonly code: string;
  readonly display: string;
  readonly snomed: string;
}

/** One package of a drug. */
export interface DrugPackage {
  /** 11 digits, no hyphens (the billing form). */
  readonly ndc11: string;
  /** 5-4-2 with hyphens. */
  readonly ndc: string;
  /** Dispensing units in the package. */
  readonly size: number;
  readonly description: string;
}

/** A drug in the catalog. */
export interface Drug {
  readonly rxcui: string;
  /** RxNorm-style name: `ingredient strength dose form`, `[Brand]` for branded drugs. */
  readonly name: string;
  readonly ingredient: string;
  readonly ingredientRxcui: string;
  readonly strength: string;
  readonly doseForm: string;
  readonly route: DrugRoute;
  readonly brandName?: string;
  /** RxNorm term type: SCD (clinical drug) or SBD (branded drug). */
  readonly termType: 'SCD' | 'SBD';
  readonly kind: DrugKind;
  readonly drugClass: string;
  readonly classDescription: string;
  /** Dispensing unit (NCPDP style): EA, ML, GM. */
  readonly unit: 'EA' | 'ML' | 'GM';
  /** Usual dispensing units per day. */
  readonly unitsPerDay: number;
  readonly packages: readonly DrugPackage[];
}

const ROUTES: Readonly<Record<string, DrugRoute>> = {
  PO: { code: 'PO', display: 'Oral', snomed: '26643006' },
  INH: { code: 'INH', display: 'Inhalation', snomed: '447694001' },
  NAS: { code: 'NAS', display: 'Nasal', snomed: '46713006' },
  SC: { code: 'SC', display: 'Subcutaneous', snomed: '34206005' },
  IM: { code: 'IM', display: 'Intramuscular', snomed: '78421000' },
  TOP: { code: 'TOP', display: 'Topical', snomed: '6064005' },
  SL: { code: 'SL', display: 'Sublingual', snomed: '37839007' },
  OPH: { code: 'OPH', display: 'Ophthalmic', snomed: '54485002' },
};

/** Dose form -> route, dispensing unit and package sizes. */
const FORMS: Readonly<Record<string, readonly [string, Drug['unit'], readonly number[]]>> = {
  'Oral Tablet': ['PO', 'EA', [30, 90, 500]],
  'Chewable Tablet': ['PO', 'EA', [36, 120]],
  'Disintegrating Oral Tablet': ['PO', 'EA', [8, 30]],
  'Oral Capsule': ['PO', 'EA', [30, 90, 500]],
  'Extended Release Oral Tablet': ['PO', 'EA', [30, 90]],
  'Extended Release Oral Capsule': ['PO', 'EA', [30, 90]],
  'Delayed Release Oral Tablet': ['PO', 'EA', [30, 90]],
  'Delayed Release Oral Capsule': ['PO', 'EA', [30, 90]],
  'Oral Suspension': ['PO', 'ML', [100, 150]],
  'Metered Dose Inhaler': ['INH', 'EA', [1]],
  'Dry Powder Inhaler': ['INH', 'EA', [1]],
  'Inhalation Powder': ['INH', 'EA', [30, 90]],
  'Inhalation Solution': ['INH', 'ML', [75, 150]],
  'Nasal Spray': ['NAS', 'EA', [1]],
  'Injectable Solution': ['SC', 'ML', [10]],
  'Injectable Suspension': ['SC', 'ML', [10]],
  'Pen Injector': ['SC', 'EA', [1, 5]],
  'Auto-Injector': ['SC', 'EA', [2, 4]],
  'Prefilled Syringe': ['SC', 'EA', [1, 2]],
  'Topical Cream': ['TOP', 'GM', [15, 80]],
  'Sublingual Film': ['SL', 'EA', [30]],
  'Ophthalmic Solution': ['OPH', 'ML', [2.5, 5]],
};

const KINDS: Readonly<Record<string, DrugKind>> = {
  G: 'generic',
  B: 'brand',
  S: 'specialty',
  O: 'otc',
};

/** Invented five-digit labeler codes: generics spread over several, brands over others. */
const GENERIC_LABELERS = ['70518', '71335', '72789', '73621', '74312'];
const BRAND_LABELERS = ['76204', '77331', '78455', '79120'];

/** The catalog, in row order. */
export const DRUGS: readonly Drug[] = Object.freeze(
  DRUG_ROWS.trim()
    .split('\n')
    .map((line, position) => parseDrug(line, position)),
);

const byRxcui = new Map(DRUGS.map((drug) => [drug.rxcui, drug]));
const byNdc = new Map(DRUGS.flatMap((drug) => drug.packages.map((pkg) => [pkg.ndc11, drug])));

/** The drug with this RxNorm code, if the catalog has it. */
export function drugByRxcui(rxcui: string): Drug | undefined {
  return byRxcui.get(rxcui);
}

/** The drug one of whose packages has this NDC (11 digits, or 5-4-2 with hyphens). */
export function drugByNdc(ndc: string): Drug | undefined {
  return byNdc.get(ndc.replaceAll('-', ''));
}

/** A generic drug of the same ingredient as a brand, when the catalog has one. */
export function genericOf(drug: Drug): Drug | undefined {
  if (drug.kind === 'generic') return undefined;
  return DRUGS.find(
    (other) => other.kind === 'generic' && other.ingredientRxcui === drug.ingredientRxcui,
  );
}

/** Looks a drug up by code; throws for a code outside the catalog (a programming error). */
export function requireDrug(rxcui: string): Drug {
  const drug = byRxcui.get(rxcui);
  if (!drug) throw new Error(`Drug ${rxcui} is not in the catalog`);
  return drug;
}

function parseDrug(line: string, position: number): Drug {
  const [rxcui, ingredient, strength, doseForm, brand, ingredientRxcui, drugClass, kind, perDay] =
    line.split('|') as [string, string, string, string, string, string, string, string, string];
  const form = FORMS[doseForm];
  if (!form) throw new Error(`Unknown dose form ${doseForm}`);
  const [routeCode, unit, sizes] = form;
  const baseName = `${ingredient} ${strength} ${doseForm}`;
  return {
    rxcui,
    name: brand ? `${baseName} [${brand}]` : baseName,
    ingredient,
    ingredientRxcui,
    strength,
    doseForm,
    route: ROUTES[routeCode] as DrugRoute,
    brandName: brand || undefined,
    termType: brand ? 'SBD' : 'SCD',
    kind: KINDS[kind] ?? 'generic',
    drugClass,
    classDescription: DRUG_CLASSES[drugClass] ?? drugClass,
    unit,
    unitsPerDay: Number(perDay),
    packages: packagesOf(position, kind, sizes, unit, doseForm),
  };
}

function packagesOf(
  position: number,
  kind: string,
  sizes: readonly number[],
  unit: Drug['unit'],
  doseForm: string,
): DrugPackage[] {
  const labelers = kind === 'B' || kind === 'S' ? BRAND_LABELERS : GENERIC_LABELERS;
  const labeler = labelers[position % labelers.length] as string;
  const product = String(1000 + position * 37).padStart(4, '0');
  return sizes.map((size, i) => {
    const pkg = String(i + 1).padStart(2, '0');
    const what = unit === 'EA' ? doseForm.toLowerCase() : unit;
    return {
      ndc11: `${labeler}${product}${pkg}`,
      ndc: `${labeler}-${product}-${pkg}`,
      size,
      description: `${size} ${what} in 1 package`,
    };
  });
}

/**
 * Drugs dispensed on synthetic pharmacy claims. Each product is taken from the shared drug
 * catalog (drugs.ts: RxNorm code, name, dispensing unit, package NDCs) when the catalog has
 * it, so a claim's NDC is one the formulary lists; the few the catalog lacks keep the
 * well-formed but invented NDC written here. No NDC identifies a real package. Costs are
 * rough acquisition costs; quantities are those of a 30-day supply or a course.
 */
import { drugByRxcui, type Drug } from './drugs.js';

/** A drug product as the pharmacy claim carries it. */
export interface DrugProduct {
  readonly key: string;
  /** RxNorm code, when the shared drug catalog has the product. */
  readonly rxcui?: string;
  /** 11 digits, labeler (5) + product (4) + package (2). */
  readonly ndc: string;
  readonly name: string;
  readonly brand: boolean;
  /** Specialty tier drug (high cost, limited distribution). */
  readonly specialty: boolean;
  readonly unit: 'EA' | 'ML' | 'GM';
  /** Units for a 30-day supply (or for the whole course of an acute drug). */
  readonly quantity: number;
  /** Days supplied by that quantity. */
  readonly days: number;
  readonly unitCost: number;
}

/** The NDC code system URL (CARIN BB pharmacy claims). */
export const NDC_SYSTEM = 'http://hl7.org/fhir/sid/ndc';

const ROWS = `
metformin|70010012305|Metformin hydrochloride 500 mg oral tablet|G|EA|60|30|0.05
lisinopril|70010023409|Lisinopril 10 mg oral tablet|G|EA|30|30|0.04
amlodipine|70010031209|Amlodipine besylate 5 mg oral tablet|G|EA|30|30|0.04
losartan|70010044109|Losartan potassium 50 mg oral tablet|G|EA|30|30|0.07
atorvastatin|70010052309|Atorvastatin calcium 20 mg oral tablet|G|EA|30|30|0.08
rosuvastatin|70010067709|Rosuvastatin calcium 10 mg oral tablet|G|EA|30|30|0.11
levothyroxine|70010078109|Levothyroxine sodium 50 mcg oral tablet|G|EA|30|30|0.15
sertraline|70010085509|Sertraline hydrochloride 50 mg oral tablet|G|EA|30|30|0.06
escitalopram|70010091409|Escitalopram oxalate 10 mg oral tablet|G|EA|30|30|0.07
bupropion|70010104609|Bupropion hydrochloride extended-release 150 mg oral tablet|G|EA|30|30|0.22
omeprazole|70010117209|Omeprazole 20 mg delayed-release oral capsule|G|EA|30|30|0.07
metoprolol|70010128809|Metoprolol succinate extended-release 50 mg oral tablet|G|EA|30|30|0.10
furosemide|70010136409|Furosemide 40 mg oral tablet|G|EA|30|30|0.03
meloxicam|70010149909|Meloxicam 15 mg oral tablet|G|EA|30|30|0.05
sumatriptan|70010157109|Sumatriptan succinate 50 mg oral tablet|G|EA|9|30|0.90
albuterol|70020011801|Albuterol sulfate HFA 90 mcg/actuation inhaler|G|GM|18|30|2.10
fluticasoneSalmeterol|70020024601|Fluticasone propionate 250 mcg / salmeterol 50 mcg inhalation
  powder|B|EA|60|30|6.20
tiotropium|70020037330|Tiotropium bromide 18 mcg inhalation capsule|B|EA|30|30|14.10
insulinGlargine|70030010205|Insulin glargine 100 units/mL 3 mL prefilled pen|B|ML|15|30|21.40
empagliflozin|70030023930|Empagliflozin 10 mg oral tablet|B|EA|30|30|18.60
apixaban|70030036160|Apixaban 5 mg oral tablet|B|EA|60|30|8.50
adalimumab|70040011202|Adalimumab 40 mg/0.4 mL prefilled pen|B|EA|2|28|3310.00
amoxicillin|70050012130|Amoxicillin 500 mg oral capsule|G|EA|30|10|0.08
amoxicillinSuspension|70050025101|Amoxicillin 400 mg/5 mL powder for oral
  suspension|G|ML|100|10|0.06
azithromycin|70050031806|Azithromycin 250 mg oral tablet|G|EA|6|5|0.50
cephalexin|70050044328|Cephalexin 500 mg oral capsule|G|EA|28|7|0.12
nitrofurantoin|70050057014|Nitrofurantoin monohydrate/macrocrystals 100 mg oral
  capsule|G|EA|10|5|0.55
prednisone|70050063510|Prednisone 20 mg oral tablet|G|EA|10|5|0.08
ondansetron|70050078112|Ondansetron 4 mg orally disintegrating tablet|G|EA|12|6|0.20
oseltamivir|70050086110|Oseltamivir phosphate 75 mg oral capsule|G|EA|10|5|4.10
triamcinoloneCream|70050105715|Triamcinolone acetonide 0.1% topical cream|G|GM|15|14|0.30
`;

/** My product key -> RxNorm code of the same product in the shared catalog. */
const CATALOG_CODES: Readonly<Record<string, string>> = {
  metformin: '861007',
  lisinopril: '314076',
  amlodipine: '197361',
  losartan: '979480',
  atorvastatin: '617310',
  rosuvastatin: '859747',
  levothyroxine: '966222',
  sertraline: '312940',
  escitalopram: '349332',
  bupropion: '993541',
  omeprazole: '402014',
  metoprolol: '866427',
  furosemide: '313988',
  meloxicam: '311487',
  sumatriptan: '313195',
  albuterol: '745679',
  fluticasoneSalmeterol: '896222',
  tiotropium: '485032',
  insulinGlargine: '261551',
  empagliflozin: '1545658',
  apixaban: '1364445',
  adalimumab: '1606812',
  amoxicillin: '308191',
  amoxicillinSuspension: '308189',
  azithromycin: '308460',
  cephalexin: '309114',
  nitrofurantoin: '1648755',
  prednisone: '312615',
  ondansetron: '104894',
  oseltamivir: '310866',
  triamcinoloneCream: '1085728',
};

/** The product as the shared catalog describes it, keeping the cost of a supply. */
function fromCatalog(product: DrugProduct): DrugProduct {
  const code = CATALOG_CODES[product.key];
  const entry: Drug | undefined = code === undefined ? undefined : drugByRxcui(code);
  if (!entry) return product;
  const sameUnit = entry.unit === product.unit;
  const quantity = sameUnit
    ? product.quantity
    : Math.max(1, Math.round(entry.unitsPerDay * product.days));
  const supplyCost = product.unitCost * product.quantity;
  const pack = entry.packages.find((item) => item.size >= quantity) ?? entry.packages[0];
  return {
    ...product,
    rxcui: entry.rxcui,
    ndc: pack?.ndc11 ?? product.ndc,
    name: entry.name,
    brand: entry.kind === 'brand' || entry.kind === 'specialty',
    specialty: entry.kind === 'specialty',
    unit: entry.unit,
    quantity,
    unitCost: Math.round((supplyCost / quantity) * 100) / 100,
  };
}

/** Drug products by key. */
export const DRUGS: Readonly<Record<string, DrugProduct>> = Object.freeze(
  Object.fromEntries(
    ROWS.trim()
      .replace(/\n\s+/g, ' ')
      .split('\n')
      .map((row) => {
        const [key = '', ndc = '', name = '', kind = 'G', unit = 'EA', qty, days, cost] =
          row.split('|');
        const product: DrugProduct = {
          key,
          ndc,
          name,
          brand: kind === 'B',
          specialty: key === 'adalimumab',
          unit: unit as DrugProduct['unit'],
          quantity: Number(qty),
          days: Number(days),
          unitCost: Number(cost),
        };
        return [key, Object.freeze(fromCatalog(product))];
      }),
  ),
);

/** The drug `key`; throws for an unknown key (a bug in a code table). */
export function drug(key: string): DrugProduct {
  const entry = DRUGS[key];
  if (!entry) throw new Error(`Unknown drug ${key}`);
  return entry;
}

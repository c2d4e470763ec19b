/**
 * Pharmacy (NCPDP) and oral (ADA dental) claims. A pharmacy claim has one line: the drug by
 * NDC with quantity, days supply, dispense-as-written code, compound code, Rx number and
 * fill number; the billing provider is the pharmacy, the prescriber a practitioner. A dental
 * claim lists CDT procedures with tooth numbers, surfaces or oral areas.
 */
import {
  cents,
  markup,
  npiOf,
  procedureLine,
  renderedBy,
  type BuildContext,
  type ClaimDraft,
  type LineDraft,
} from './claims-draft.js';
import { drug, type DrugProduct } from './claims-drugs.js';
import type { DentalEpisode, FillEpisode } from './claims-episodes.js';
import { usualSpecialist, type ChosenRole } from './claims-providers.js';
import type { CostClass } from './claims-benefits.js';
import type { DispensedDrug } from './claims-types.js';
import type { Rng } from './prng.js';

const RX_ORIGINS: readonly (readonly [string, number])[] = [
  ['3', 80],
  ['1', 10],
  ['2', 5],
  ['4', 5],
];

/** A prescription fill at the member's pharmacy (sometimes another one). */
export function fillClaim(
  fill: FillEpisode,
  context: BuildContext,
  prescriber?: ChosenRole,
): ClaimDraft {
  const { rng, home } = context;
  const pharmacy = rng.chance(0.9) ? home.pharmacy : home.picker.organization(rng, 'pharmacy');
  const writer = prescriber ?? prescriberOf(fill, context);
  const product = drug(fill.drug);
  const dispensed = dispensedDrug(rng, product, fill);
  const line: LineDraft = {
    startDay: fill.day,
    endDay: fill.day,
    quantity: dispensed.quantity,
    unit: 'UN',
    diagnosisPointers: [],
    drug: dispensed,
    billed: cents(dispensed.ingredientCost * 1.3 + dispensed.dispensingFee + rng.int(0, 300) / 100),
    baseAllowance: cents(dispensed.ingredientCost + dispensed.dispensingFee),
  };
  return {
    type: 'pharmacy',
    costClass: rxClass(product),
    startDay: fill.day,
    endDay: fill.day,
    billingNpi: npiOf(pharmacy.organization),
    prescriberNpi: writer.practitioner.npi,
    network: pharmacy.network,
    diagnoses: [],
    lines: [line],
  };
}

function prescriberOf(fill: FillEpisode, context: BuildContext): ChosenRole {
  if (fill.prescriber === '') return context.home.pcp;
  return usualSpecialist(context.rng, context.home, fill.prescriber);
}

function rxClass(product: DrugProduct): CostClass {
  if (product.specialty) return 'rxSpecialty';
  return product.brand ? 'rxBrand' : 'rxGeneric';
}

function dispensedDrug(rng: Rng, product: DrugProduct, fill: FillEpisode): DispensedDrug {
  const daysSupply = fill.daysSupply > 0 ? fill.daysSupply : product.days;
  const quantity = Math.round(product.quantity * (daysSupply / product.days) * 1000) / 1000;
  const maintenance = fill.daysSupply > 0;
  return {
    ndc: product.ndc,
    rxcui: product.rxcui,
    name: product.name,
    quantity,
    unit: product.unit,
    daysSupply,
    daw: product.brand && rng.chance(0.3) ? '1' : rng.chance(0.03) ? '2' : '0',
    compound: '1',
    rxNumber: String(1_000_000 + fill.rxSerial),
    fillNumber: fill.fill,
    refillsAuthorized: maintenance ? (daysSupply >= 90 ? 3 : 11) : 0,
    brand: product.brand,
    rxOrigin: rng.weighted(RX_ORIGINS),
    ingredientCost: cents(product.unitCost * quantity),
    dispensingFee: product.brand ? 2 : 1.75,
  };
}

const MAJOR = new Set(['D2740', 'D3330']);
const BASIC = new Set(['D2391', 'D2392', 'D7140', 'D4341']);

/** A dental visit at the member's dental office. */
export function dentalClaims(episode: DentalEpisode, context: BuildContext): ClaimDraft[] {
  const ratio = markup(context.rng, false);
  const codes = episode.procedures.map((item) => item.code);
  const costClass: CostClass = codes.some((code) => MAJOR.has(code))
    ? 'dentalMajor'
    : codes.some((code) => BASIC.has(code))
      ? 'dentalBasic'
      : 'dentalPreventive';
  const lines = episode.procedures.map((item) => ({
    ...procedureLine(item.code, episode.day, ratio, { placeOfService: '11', pointers: [] }),
    tooth: item.tooth,
    surfaces: item.surfaces,
    oralArea: item.area,
  }));
  return [
    {
      type: 'oral',
      costClass,
      startDay: episode.day,
      endDay: episode.day,
      ...renderedBy(context.home.dental),
      placeOfService: '11',
      diagnoses: [],
      lines,
    },
  ];
}

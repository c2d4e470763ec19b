/**
 * The two InsurancePlan profiles of US Drug Formulary 2.0.1 (IG input/fsh/Formulary.fsh):
 *
 * - Formulary (`frm-<formulary id>`): identifier, status, type `DRUGPOL`, name, period and
 *   the optional non-cost `plan` listing the pharmacy benefit types and drug tiers it has.
 * - PayerInsurancePlan (`pip-<plan id>-<year>`, one per plan year, as its formulary):
 *   identifier, status, Plan-Net product type, name, period, coverage area (the states the
 *   plan is sold in, as InsurancePlanLocation `area-<state>`), contacts, the drug coverage
 *   (`DRUGPOL`, usdf-FormularyReference-extension, `drug` benefit) and the drug plan's cost
 *   sharing: per pharmacy benefit type (`specificCost.category`) and drug tier
 *   (`benefit.type`), a copay and a coinsurance (`cost`) with their CostShareOption
 *   qualifier and value (USD or %).
 */
import type { InsurancePlan, InsurancePlanPlanSpecificCost } from '@medplum/fhirtypes';
import type { LegacyCostShare, LegacyFormulary, LegacyPlan } from './backend.js';
import {
  BENEFIT_TYPES,
  benefitType,
  channelOf,
  concept,
  dateOf,
  DRUG_PLAN_TYPE,
  DRUGPOL,
  drugTierCode,
  instantOf,
  PROFILES,
  SYSTEMS,
  usdfExtension,
} from './usdf.js';

type Cost = NonNullable<
  NonNullable<InsurancePlanPlanSpecificCost['benefit']>[number]['cost']
>[number];

/** Legacy line of business and product type -> Plan-Net InsuranceProductTypeCS code. */
const PRODUCT_TYPES: Readonly<Record<string, string>> = {
  'COM:HMO': 'commhmo',
  'COM:PPO': 'commppo',
  MA: 'mediadv',
  MCD: 'medicaid',
  QHP: 'qhp',
};

/** The InsurancePlanLocation id of a state of the service area. */
export function areaId(state: string): string {
  return `area-${state}`;
}

/** The PayerInsurancePlan id of a formulary's plan year. */
export function payerPlanId(row: LegacyFormulary): string {
  return `pip-${row.PLAN_ID}-${row.PLAN_YR}`;
}

/** A formulary as a Formulary InsurancePlan, with its non-cost benefit structure. */
export function toFormulary(row: LegacyFormulary): InsurancePlan {
  return {
    resourceType: 'InsurancePlan',
    id: `frm-${row.FRM_ID}`,
    meta: { profile: [PROFILES.formulary], lastUpdated: instantOf(row.LAST_UPD_TS) },
    identifier: [{ value: row.FRM_ID }],
    status: row.FRM_STAT_CD === 'A' ? 'active' : 'retired',
    type: [DRUGPOL],
    name: row.FRM_NM,
    period: { start: dateOf(row.EFF_DT), end: dateOf(row.TERM_DT) },
    plan: [{ type: DRUG_PLAN_TYPE, specificCost: specificCosts(row, false) }],
  };
}

/** A plan year (its formulary row and plan header) as a PayerInsurancePlan. */
export function toPayerInsurancePlan(row: LegacyFormulary, plan: LegacyPlan): InsurancePlan {
  const product = PRODUCT_TYPES[`${plan.LOB_CD}:${plan.PROD_TYP_CD}`] ?? PRODUCT_TYPES[plan.LOB_CD];
  return {
    resourceType: 'InsurancePlan',
    id: payerPlanId(row),
    meta: { profile: [PROFILES.payerInsurancePlan], lastUpdated: instantOf(row.LAST_UPD_TS) },
    identifier: [{ value: plan.PLAN_ID }],
    status: row.FRM_STAT_CD === 'A' ? 'active' : 'retired',
    type: [concept(SYSTEMS.planNetProductType, product ?? 'commppo')],
    name: `${plan.PLAN_NM} ${row.PLAN_YR}`,
    period: { start: dateOf(row.EFF_DT), end: dateOf(row.TERM_DT) },
    coverageArea: plan.SVC_AREA_ST_CDS.map((state) => ({ reference: `Location/${areaId(state)}` })),
    contact: contacts(plan),
    coverage: [
      {
        extension: [
          usdfExtension('usdf-FormularyReference-extension', {
            valueReference: { reference: `InsurancePlan/frm-${row.FRM_ID}` },
          }),
        ],
        type: DRUGPOL,
        benefit: [{ type: DRUG_PLAN_TYPE }],
      },
    ],
    plan: [{ type: DRUG_PLAN_TYPE, specificCost: specificCosts(row, true) }],
  };
}

function contacts(plan: LegacyPlan): InsurancePlan['contact'] {
  const phone = plan.CUST_SVC_PHONE.replace(/^(\d{3})(\d{3})(\d{4})$/, '+1 ($1) $2-$3');
  const web = (code: string, name: string, path = '') => ({
    purpose: concept(SYSTEMS.planContactType, code),
    name: { text: `${plan.PLAN_NM} ${name}` },
    telecom: [{ system: 'url' as const, value: `${plan.PLAN_URL}${path}` }],
  });
  return [
    {
      purpose: concept(SYSTEMS.contactEntityType, 'PATINF'),
      telecom: [{ system: 'phone', value: phone }],
    },
    web('MARKETING', 'plan information'),
    web('SUMMARY', 'drug benefit summary', '/drug-benefits'),
    web('FORMULARY', 'drug list', '/formulary'),
  ];
}

/** One specificCost per pharmacy benefit type, listing the tiers priced through it. */
function specificCosts(row: LegacyFormulary, withCosts: boolean): InsurancePlanPlanSpecificCost[] {
  return Object.keys(BENEFIT_TYPES).flatMap((channel) => {
    const benefit = row.TIERS.flatMap((tier) => {
      const share = tier.COST_SHR.find((s) => channelOf(s.PHARM_TYP_CD, s.DAYS_SUPPLY) === channel);
      if (!share) return [];
      const type = concept(SYSTEMS.drugTier, drugTierCode(row.LOB_CD, tier.TIER_CD), tier.TIER_NM);
      return [withCosts ? { type, cost: costsOf(share) } : { type }];
    });
    return benefit.length === 0 ? [] : [{ category: benefitType(channel), benefit }];
  });
}

/** The copay and the coinsurance of one tier and channel, each with its qualifier. */
export function costsOf(share: LegacyCostShare): Cost[] {
  const deductible = share.DED_APLY_IND === 'Y';
  return [
    cost('copay', 'copay-not-applicable', share.COPAY_AMT, deductible, (value) => ({
      value,
      unit: '$',
      system: 'urn:iso:std:iso:4217',
      code: 'USD',
    })),
    cost('coinsurance', 'coinsurance-not-applicable', share.COINS_PCT, deductible, (value) => ({
      value,
      unit: '%',
      system: 'http://unitsofmeasure.org',
      code: '%',
    })),
  ];
}

function cost(
  type: 'copay' | 'coinsurance',
  notApplicable: string,
  amount: number | null,
  deductible: boolean,
  quantity: (value: number) => NonNullable<Cost['value']>,
): Cost {
  const qualifier = (code: string) => [concept(SYSTEMS.costShareOption, code)];
  const typed = { type: concept(SYSTEMS.benefitCostType, type) };
  if (amount === null) return { ...typed, qualifiers: qualifier(notApplicable) };
  const option = deductible ? 'after-deductible' : amount === 0 ? 'no-charge' : 'charge';
  return { ...typed, qualifiers: qualifier(option), value: quantity(amount) };
}

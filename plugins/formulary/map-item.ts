/**
 * A formulary item as a US Drug Formulary 2.0.1 FormularyItem (Basic, USDF IG
 * §usdf-FormularyItem, id `fi-<formulary>-<rxcui>`). Required: the formulary reference,
 * availability status (publication-status), at least one pharmacy benefit type, the drug
 * tier, code `formulary-item` and the FormularyDrug subject. Also carried: availability
 * period, prior authorization, step therapy and quantity limit flags with their new-starts
 * flags, the quantity limit detail (rolling limit and maximum daily amount) and the
 * PA/step-therapy notes as additional coverage information.
 */
import type { Basic, Extension } from '@medplum/fhirtypes';
import type { LegacyItem } from './backend.js';
import {
  BENEFIT_TYPES,
  benefitType,
  concept,
  dateOf,
  drugTierCode,
  instantOf,
  PROFILES,
  SYSTEMS,
  usdfExtension,
} from './usdf.js';

/** The id of the FormularyItem for a formulary and drug. */
export const ITEM_ID = /^fi-(F-[A-Z0-9-]+)-(\d{1,8})$/;

const OPEN_END = '99991231';

/** The item as a FormularyItem. */
export function toFormularyItem(row: LegacyItem): Basic {
  return {
    resourceType: 'Basic',
    id: `fi-${row.FRM_ID}-${row.RXCUI}`,
    meta: { profile: [PROFILES.formularyItem], lastUpdated: instantOf(row.LAST_UPD_TS) },
    extension: [
      usdfExtension('usdf-FormularyReference-extension', {
        valueReference: { reference: `InsurancePlan/frm-${row.FRM_ID}` },
      }),
      usdfExtension('usdf-AvailabilityStatus-extension', {
        valueCode: row.ITEM_STAT_CD === 'A' ? 'active' : 'retired',
      }),
      usdfExtension('usdf-AvailabilityPeriod-extension', { valuePeriod: periodOf(row) }),
      ...benefitTypes(row),
      usdfExtension('usdf-DrugTierID-extension', {
        valueCodeableConcept: concept(SYSTEMS.drugTier, drugTierCode(row.LOB_CD, row.TIER_CD)),
      }),
      ...limits(row),
      ...coverageNotes(row),
    ],
    code: concept(SYSTEMS.insuranceItemType, 'formulary-item', 'Formulary Item'),
    subject: { reference: `MedicationKnowledge/rx-${row.RXCUI}` },
  };
}

function periodOf(row: LegacyItem): { start: string; end?: string } {
  const start = dateOf(row.EFF_DT);
  return row.TERM_DT === OPEN_END ? { start } : { start, end: dateOf(row.TERM_DT) };
}

/** One extension per channel the drug is dispensed through, in benefit-type order. */
function benefitTypes(row: LegacyItem): Extension[] {
  const channels = row.PHARM_CHNL_TXT.split(',');
  return Object.keys(BENEFIT_TYPES)
    .filter((channel) => channels.includes(channel))
    .map((channel) =>
      usdfExtension('usdf-PharmacyBenefitType-extension', {
        valueCodeableConcept: benefitType(channel),
      }),
    );
}

/** PA, step therapy and quantity limit flags; new-starts flags only when the limit applies. */
function limits(row: LegacyItem): Extension[] {
  const flag = (id: string, value: boolean) => usdfExtension(id, { valueBoolean: value });
  const pa = row.PA_IND === 'Y';
  const st = row.ST_IND === 'Y';
  const ql = row.QL_IND === 'Y';
  return [
    flag('usdf-PriorAuthorization-extension', pa),
    ...(pa ? [flag('usdf-PriorAuthorizationNewStartsOnly-extension', row.PA_NEW_IND === 'Y')] : []),
    flag('usdf-StepTherapyLimit-extension', st),
    ...(st ? [flag('usdf-StepTherapyLimitNewStartsOnly-extension', row.ST_NEW_IND === 'Y')] : []),
    flag('usdf-QuantityLimit-extension', ql),
    ...(ql ? quantityDetail(row) : []),
  ];
}

/**
 * The quantity limit detail (usdf-QuantityLimitDetail-extension): `Rolling`, at most
 * QL_QTY units per QL_DAYS days, its per-day equivalent as `MaximumDaily`, and a
 * `Description`.
 */
function quantityDetail(row: LegacyItem): Extension[] {
  const [quantity, days] = [row.QL_QTY, row.QL_DAYS];
  if (quantity === null || days === null || days <= 0) return [];
  const daily = Math.round((quantity / days) * 100) / 100;
  return [
    usdfExtension('usdf-QuantityLimitDetail-extension', {
      extension: [
        { url: 'Description', valueString: `${quantity} units per ${days} days` },
        {
          url: 'Rolling',
          valueTiming: { repeat: { count: quantity, period: days, periodUnit: 'd' } },
        },
        { url: 'MaximumDaily', valueQuantity: { value: daily } },
      ],
    }),
  ];
}

/** The PA and step-therapy notes, as markdown. */
function coverageNotes(row: LegacyItem): Extension[] {
  const notes = [
    row.PA_IND === 'Y' && row.PA_NOTE ? `Prior authorization: ${row.PA_NOTE}.` : undefined,
    row.ST_IND === 'Y' && row.ST_NOTE ? `Step therapy: ${row.ST_NOTE}.` : undefined,
  ].filter((note) => note !== undefined);
  if (notes.length === 0) return [];
  return [
    usdfExtension('usdf-AdditionalCoverageInformation-extension', {
      valueMarkdown: notes.join('\n'),
    }),
  ];
}

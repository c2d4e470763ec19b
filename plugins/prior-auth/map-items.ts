/**
 * Legacy request lines -> ExplanationOfBenefit.item (PDex 2.1.0 Prior Authorization): the
 * service code, modifiers, requested quantity and serviced period, and item adjudications
 * in the PDex slices: `allowedunits` (the approved quantity) carrying the X12 306 review
 * action and the decision instant, and `denialreason` with the specific reason when denied.
 */
import type {
  CodeableConcept,
  ExplanationOfBenefitItem,
  ExplanationOfBenefitItemAdjudication,
  Extension,
} from '@medplum/fhirtypes';
import { dateOf, instantOf, type LegacyAuth, type LegacyLine } from './legacy-api.js';
import { EXTENSIONS, SYSTEMS } from './profiles.js';

/** X12 306 review action per legacy status. */
export const REVIEW_ACTIONS: Readonly<Record<string, readonly [string, string]>> = {
  APPR: ['A1', 'Certified in total'],
  PART: ['A2', 'Certified - partial'],
  DENY: ['A3', 'Not Certified'],
  PEND: ['A4', 'Pended'],
  CANC: ['C', 'Cancelled'],
  EXPD: ['A1', 'Certified in total'],
};

/** X12 claim adjustment reason codes for the legacy denial reasons that have one. */
const CARC: Readonly<Record<string, readonly [string, string]>> = {
  MNC: ['50', 'Not deemed a medical necessity by the payer'],
  DOC: ['16', 'Claim/service lacks information needed for adjudication'],
  NCB: ['96', 'Non-covered charge(s)'],
  QTY: ['119', 'Benefit maximum for this time period or occurrence has been reached'],
};

const PRODUCT_SYSTEMS: Readonly<Record<string, string>> = {
  CPT: SYSTEMS.cpt,
  HCPCS: SYSTEMS.hcpcs,
  REV: SYSTEMS.revenue,
};

/** X12 service type (EB03) per legacy request type, as the example's item.category. */
const SERVICE_TYPES: Readonly<Record<string, readonly [string, string]>> = {
  INP: ['48', 'Hospital - Inpatient'],
  OUTP: ['2', 'Surgical'],
  IMG: ['62', 'MRI/CAT Scan'],
  DME: ['12', 'Durable Medical Equipment Purchase'],
  THER: ['AE', 'Physical Medicine'],
};

const UNITS: Readonly<Record<string, string>> = {
  UN: 'units',
  DA: 'days',
  VS: 'visits',
  MO: 'months',
};

/** What the item mapping needs from the request and the options. */
export interface ItemContext {
  readonly auth: LegacyAuth;
  readonly denialReasonSystem: string;
}

/** Maps one line. */
export function toItem(line: LegacyLine, ctx: ItemContext): ExplanationOfBenefitItem {
  const system = PRODUCT_SYSTEMS[line.SVC_CD_TYP] ?? SYSTEMS.hcpcs;
  const [category, categoryDisplay] = SERVICE_TYPES[ctx.auth.AUTH_TYP_CD] ?? [
    '30',
    'Health Benefit Plan Coverage',
  ];
  const item: ExplanationOfBenefitItem = {
    sequence: line.LN_NBR,
    category: {
      coding: [{ system: SYSTEMS.x12ServiceType, code: category, display: categoryDisplay }],
    },
    productOrService: {
      coding: [{ system, code: line.SVC_CD, display: line.SVC_DESC }],
      text: line.SVC_DESC,
    },
    servicedPeriod: { start: dateOf(line.SVC_FROM_DT), end: dateOf(line.SVC_THRU_DT) },
    quantity: { value: line.REQ_QTY, unit: UNITS[line.QTY_UNIT_CD] ?? line.QTY_UNIT_CD },
    adjudication: adjudications(line, ctx),
  };
  if (line.MOD_CDS.length === 0) return item;
  return { ...item, modifier: line.MOD_CDS.map((code) => ({ coding: [{ system, code }] })) };
}

function adjudications(line: LegacyLine, ctx: ItemContext): ExplanationOfBenefitItemAdjudication[] {
  const allowed: ExplanationOfBenefitItemAdjudication = {
    extension: decisionExtensions(line, ctx.auth),
    category: discriminator('allowedunits', 'allowed units'),
    value: line.APPR_QTY,
  };
  const reason = denialReason(withRequestReason(line, ctx.auth), ctx.denialReasonSystem);
  if (!reason) return [allowed];
  return [allowed, { category: discriminator('denialreason', 'Denial Reason'), reason }];
}

/** A denied line without its own reason carries the request's. */
function withRequestReason(line: LegacyLine, auth: LegacyAuth): LegacyLine {
  if (line.DENY_RSN_CD !== null || line.LN_STAT_CD !== 'DENY') return line;
  return { ...line, DENY_RSN_CD: auth.DENY_RSN_CD, DENY_RSN_TXT: auth.DENY_RSN_TXT };
}

function decisionExtensions(line: LegacyLine, auth: LegacyAuth): Extension[] {
  const [code, display] = REVIEW_ACTIONS[line.LN_STAT_CD] ?? ['A4', 'Pended'];
  const reviewAction: Extension = {
    url: EXTENSIONS.reviewAction,
    extension: [
      { url: 'number', valueString: auth.AUTH_NBR },
      {
        url: EXTENSIONS.reviewActionCode,
        valueCodeableConcept: { coding: [{ system: SYSTEMS.x12ReviewAction, code, display }] },
      },
    ],
  };
  if (auth.DECN_TS === null) return [reviewAction];
  const decided = { url: EXTENSIONS.whenAdjudicated, valueDateTime: instantOf(auth.DECN_TS) };
  return [reviewAction, decided];
}

/** The specific denial reason of a denied or reduced line (or of its request), if any. */
export function denialReason(line: LegacyLine, system: string): CodeableConcept | undefined {
  const code = line.DENY_RSN_CD;
  if (code === null) return undefined;
  const text = line.DENY_RSN_TXT ?? code;
  const carc = CARC[code];
  const local = { system, code, display: text };
  const coding = carc
    ? [local, { system: SYSTEMS.carc, code: carc[0], display: carc[1] }]
    : [local];
  return { coding, text };
}

function discriminator(code: string, display: string): CodeableConcept {
  return { coding: [{ system: SYSTEMS.pdexAdjudicationDiscriminator, code, display }] };
}

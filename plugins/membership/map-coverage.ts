/**
 * Legacy eligibility span -> CARIN BB 2.1.0 Coverage, one Coverage per span. C4BB-Coverage
 * requires meta.lastUpdated, subscriberId, beneficiary, relationship and payor (1..1 each)
 * and marks identifier, status, type, period and the group and plan classes must-support.
 */
import type { CodeableConcept, Coverage, CoverageClass } from '@medplum/fhirtypes';
import {
  dateOf,
  instantOf,
  type LegacyPayer,
  type LegacyPlan,
  type LegacySpan,
} from './legacy-api.js';
import { C4BB_COVERAGE, MEMBER_NUMBER_TYPE, SYSTEMS } from './profiles.js';

/** What a Coverage needs besides its span. */
export interface CoverageContext {
  readonly memberIdSystem: string;
  readonly plans: ReadonlyMap<string, LegacyPlan>;
  readonly payer: LegacyPayer;
}

/** X12 relationship codes to FHIR `subscriber-relationship`. */
const RELATIONSHIPS: Readonly<Record<string, readonly [string, string]>> = {
  '18': ['self', 'Self'],
  '01': ['spouse', 'Spouse'],
  '19': ['child', 'Child'],
};
const LINES: Readonly<Record<string, string>> = {
  COM: 'Commercial',
  MA: 'Medicare Advantage',
  MCD: 'Medicaid managed care',
  QHP: 'Qualified health plan (exchange)',
};
const OPEN_END = '99991231';
const COVERAGE_ID = /^(MBR\d{8})-(\d{1,2})$/;

/** Coverage id of a span: member id and span sequence. */
export function coverageIdOf(span: Pick<LegacySpan, 'MBR_ID' | 'SPAN_SEQ'>): string {
  return `${span.MBR_ID}-${span.SPAN_SEQ}`;
}

/** The member id and span sequence a Coverage id names, or undefined if it names none. */
export function parseCoverageId(id: string): { memberId: string; spanSeq: number } | undefined {
  const match = COVERAGE_ID.exec(id);
  return match ? { memberId: match[1] as string, spanSeq: Number(match[2]) } : undefined;
}

/**
 * Maps a span. A terminated span becomes `cancelled` (R4: "no longer in use"), an active one
 * `active`; the period carries the dates either way.
 */
export function toCoverage(span: LegacySpan, ctx: CoverageContext): Coverage {
  const plan = ctx.plans.get(span.PLAN_ID);
  const [relationship, relationshipDisplay] = RELATIONSHIPS[span.REL_CD] ?? ['other', 'Other'];
  return {
    resourceType: 'Coverage',
    id: coverageIdOf(span),
    meta: { lastUpdated: instantOf(span.LAST_UPD_TS), profile: [C4BB_COVERAGE] },
    identifier: [{ type: MEMBER_NUMBER_TYPE, system: ctx.memberIdSystem, value: span.MBR_ID }],
    status: span.ELIG_STAT_CD === 'A' ? 'active' : 'cancelled',
    ...(plan ? { type: coverageType(plan) } : {}),
    subscriber: { reference: `Patient/${span.SUBSCR_MBR_ID}` },
    subscriberId: span.SUB_ID,
    beneficiary: { reference: `Patient/${span.MBR_ID}` },
    dependent: span.PERS_NBR,
    relationship: {
      coding: [
        {
          system: SYSTEMS.subscriberRelationship,
          code: relationship,
          display: relationshipDisplay,
        },
      ],
    },
    period: {
      start: dateOf(span.EFF_DT),
      ...(span.TERM_DT === OPEN_END ? {} : { end: dateOf(span.TERM_DT) }),
    },
    payor: [{ reference: `Organization/${ctx.payer.PAYER_ID}`, display: ctx.payer.PAYER_NM }],
    class: classes(span, plan),
  };
}

/** Source of Payment Typology code of the plan, with its line of business as text. */
function coverageType(plan: LegacyPlan): CodeableConcept {
  return {
    coding: [{ system: SYSTEMS.sopt, code: plan.SOPT_CD, display: plan.SOPT_DESC }],
    text: LINES[plan.LOB_CD] ?? plan.SOPT_DESC,
  };
}

function classes(span: LegacySpan, plan: LegacyPlan | undefined): CoverageClass[] {
  const group = plan?.GROUPS.find((candidate) => candidate.GRP_ID === span.GRP_ID);
  return [
    coverageClass('group', 'Group', span.GRP_ID, group?.GRP_NM),
    coverageClass('plan', 'Plan', span.PLAN_ID, plan?.PLAN_NM),
  ];
}

function coverageClass(code: string, display: string, value: string, name?: string): CoverageClass {
  const type = { coding: [{ system: SYSTEMS.coverageClass, code, display }] };
  return name ? { type, value, name } : { type, value };
}

/**
 * Care coordination to US Core 6.1.0: CareTeam (one per legacy team, from its member rows:
 * status, subject, participants with SNOMED CT and NUCC roles and directory practitioners),
 * Goal (lifecycle and achievement, description, subject, start, target with measure and due
 * date, expressed by, addressed conditions) and CarePlan (narrative, status, intent `plan`,
 * assess-plan category, subject, period, author, addressed conditions, goals).
 */
import type { CarePlan, CareTeam, Goal, Quantity } from '@medplum/fhirtypes';
import { fhirDate, fhirInstant, optNum, optText, text, type Row } from './legacy-api.js';
import {
  coding,
  concept,
  fhirId,
  localRef,
  mapped,
  metaOf,
  patientRef,
  practitionerRef,
} from './map-common.js';
import { PROFILES, SYSTEMS } from './profiles.js';

/** Legacy team status to CareTeam.status. */
export const TEAM_STATUS = { A: 'active', I: 'inactive' } as const;

/** The member rows of one team (same CT_ID, in id order) as a US Core CareTeam. */
export function toCareTeam(rows: readonly Row[]): CareTeam {
  const first = rows[0] as Row;
  const latest = rows.reduce((a, b) => (text(b, 'LAST_UPD_TS') > text(a, 'LAST_UPD_TS') ? b : a));
  const start = rows.map((row) => text(row, 'START_DT')).sort()[0] as string;
  return {
    resourceType: 'CareTeam',
    id: fhirId('CareTeam', text(first, 'CT_ID')),
    meta: metaOf(latest, PROFILES.careTeam),
    status: mapped(TEAM_STATUS, first, 'CT_STAT_CD'),
    name: text(first, 'CT_NM'),
    subject: patientRef(first),
    period: { start: fhirDate(start) },
    participant: rows.map((row) => ({
      role: [
        {
          coding: [
            coding(SYSTEMS.snomed, text(row, 'ROLE_SNOMED_CD'), text(row, 'ROLE_DESC')),
            coding(SYSTEMS.nucc, text(row, 'TAXONOMY_CD'), text(row, 'SPCLTY_DESC')),
          ],
          text: text(row, 'ROLE_DESC'),
        },
      ],
      member: practitionerRef(text(row, 'PRACT_NPI')),
      period: { start: fhirDate(text(row, 'START_DT')) },
    })),
  };
}

/** Legacy goal codes to FHIR. */
export const GOAL_LIFECYCLE = { A: 'active', C: 'completed' } as const;
const ACHIEVEMENT = {
  IP: ['in-progress', 'In Progress'],
  IM: ['improving', 'Improving'],
  AC: ['achieved', 'Achieved'],
  NA: ['not-achieving', 'Not Achieving'],
} as const;

/** A GOAL row as a US Core Goal. */
export function toGoal(row: Row): Goal {
  const [achievement, achievementDisplay] = mapped(ACHIEVEMENT, row, 'ACHV_CD');
  const conditionId = optText(row, 'ADDR_PRB_ID');
  return {
    resourceType: 'Goal',
    id: fhirId('Goal', text(row, 'GOAL_ID')),
    meta: metaOf(row, PROFILES.goal),
    lifecycleStatus: mapped(GOAL_LIFECYCLE, row, 'LIFECYCLE_CD'),
    achievementStatus: concept(SYSTEMS.achievement, achievement, achievementDisplay),
    description: { text: text(row, 'GOAL_DESC') },
    subject: patientRef(row),
    startDate: fhirDate(text(row, 'START_DT')),
    target: [goalTarget(row)],
    expressedBy: practitionerRef(text(row, 'EXPR_NPI')),
    ...(conditionId ? { addresses: [localRef('Condition', conditionId)] } : {}),
  };
}

function goalTarget(row: Row): NonNullable<Goal['target']>[number] {
  const loinc = optText(row, 'TGT_LOINC_CD');
  const unit = optText(row, 'TGT_UNIT');
  const bound = (column: string): Quantity | undefined => {
    const value = optNum(row, column);
    if (value === undefined) return undefined;
    return unit ? { value, unit, system: SYSTEMS.ucum, code: unit } : { value };
  };
  const low = bound('TGT_LOW');
  const high = bound('TGT_HIGH');
  const range =
    low || high ? { detailRange: { ...(low ? { low } : {}), ...(high ? { high } : {}) } } : {};
  return {
    ...(loinc ? { measure: concept(SYSTEMS.loinc, loinc, optText(row, 'TGT_DESC')) } : {}),
    ...range,
    dueDate: fhirDate(text(row, 'TGT_DT')),
  };
}

/** Legacy care plan status to CarePlan.status. */
export const PLAN_STATUS = { A: 'active', C: 'completed' } as const;

/** A CARE_PLAN row as a US Core CarePlan (assessment and plan of treatment). */
export function toCarePlan(row: Row): CarePlan {
  const end = optText(row, 'END_DT');
  const ids = (column: string) => (optText(row, column) ?? '').split(',').filter(Boolean);
  return {
    resourceType: 'CarePlan',
    id: fhirId('CarePlan', text(row, 'CP_ID')),
    meta: metaOf(row, PROFILES.carePlan),
    text: { status: 'additional', div: narrative(text(row, 'CP_TXT')) },
    status: mapped(PLAN_STATUS, row, 'CP_STAT_CD'),
    intent: 'plan',
    category: [
      concept(SYSTEMS.carePlanCategory, 'assess-plan', 'Assessment and Plan of Treatment'),
    ],
    subject: patientRef(row),
    period: { start: fhirDate(text(row, 'START_DT')), ...(end ? { end: fhirDate(end) } : {}) },
    created: fhirInstant(text(row, 'LAST_UPD_TS')),
    author: practitionerRef(text(row, 'AUTH_NPI')),
    addresses: ids('ADDR_PRB_IDS').map((id) => localRef('Condition', id)),
    goal: ids('GOAL_IDS').map((id) => localRef('Goal', id)),
  };
}

/** Plain text as XHTML: escaped, one paragraph per line. */
function narrative(plain: string): string {
  const escape = (line: string) =>
    line.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const paragraphs = plain.split('\n').map((line) => `<p>${escape(line)}</p>`);
  return `<div xmlns="http://www.w3.org/1999/xhtml">${paragraphs.join('')}</div>`;
}

/**
 * Mapping a page of source items to FHIR resources. Blood pressure needs the diastolic
 * reading of each systolic one: one extra backend query per page fetches every partner of
 * the page by vital sign group.
 */
import type { Resource } from '../sdk/contract.js';
import type { ClinicalEnv } from './env.js';
import { CLASSES, MAX_PAGE, optText, text, type Row } from './legacy-api.js';
import { toCarePlan, toCareTeam, toGoal } from './map-care.js';
import { toImmunization, toMedicationRequest } from './map-meds.js';
import { toLabObservation, toSocialObservation, toVitalObservation } from './map-observations.js';
import { toLabReport, toNoteReport } from './map-reports.js';
import { toAllergy, toCondition } from './map-problems.js';
import { toDocumentReference, toEncounter, toProcedure } from './map-visits.js';
import type { Item } from './source.js';

type RowMapper = (row: Row, env: ClinicalEnv) => Resource;

const MAPPERS: Readonly<Record<string, RowMapper>> = {
  problems: (row) => toCondition(row),
  allergies: (row) => toAllergy(row),
  medications: (row) => toMedicationRequest(row),
  immunizations: (row) => toImmunization(row),
  results: (row) => toLabObservation(row),
  social: (row) => toSocialObservation(row),
  procedures: (row) => toProcedure(row),
  encounters: (row, env) => toEncounter(row, env.options),
  notes: (row, env) => toDocumentReference(row, env.options),
  noteReports: (row) => toNoteReport(row),
  goals: (row) => toGoal(row),
  carePlans: (row) => toCarePlan(row),
};

/** The resources of a page of items, index for index. */
export async function mapItems(
  env: ClinicalEnv,
  items: readonly Item[],
  signal: AbortSignal,
): Promise<Resource[]> {
  const partners = await diastolicPartners(env, items, signal);
  return items.map((item) => mapItem(env, item, partners));
}

function mapItem(env: ClinicalEnv, item: Item, partners: ReadonlyMap<string, Row>): Resource {
  const row = item.rows[0] as Row;
  if (item.source.key === 'careTeam') return toCareTeam(item.rows);
  if (item.source.key === 'reports') return toLabReport(item.rows);
  if (item.source.key === 'vitals') {
    return toVitalObservation(row, partners.get(optText(row, 'VTL_GRP_ID') ?? ''));
  }
  const mapper = MAPPERS[item.source.key] as RowMapper;
  return mapper(row, env);
}

/** The diastolic readings of the page's systolic ones, by group id. */
export async function diastolicPartners(
  env: ClinicalEnv,
  items: readonly Item[],
  signal: AbortSignal,
): Promise<Map<string, Row>> {
  const groups = items
    .filter((item) => item.source.key === 'vitals')
    .map((item) => item.rows[0] as Row)
    .filter((row) => text(row, 'VTL_TYP_CD') === 'BP_SYS')
    .map((row) => text(row, 'VTL_GRP_ID'));
  const partners = new Map<string, Row>();
  for (let i = 0; i < groups.length; i += 100) {
    const query = { groupIds: groups.slice(i, i + 100), categories: ['BP_DIA'] };
    const page = { limit: MAX_PAGE, total: false };
    const read = await env.client.rows(CLASSES.vitals, query, page, signal);
    for (const row of read.rows) partners.set(text(row, 'VTL_GRP_ID'), row);
  }
  return partners;
}

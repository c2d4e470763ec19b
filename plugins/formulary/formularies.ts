/**
 * Formularies as US Drug Formulary 2.0.1 Formulary (InsurancePlan, USDF IG §usdf-Formulary,
 * id `frm-<id>`): identifier, status, type DRUGPOL, name, period. The backend lists every
 * formulary at once (a short list), so search filters and pages in memory.
 */
import type { InsurancePlan } from '@medplum/fhirtypes';
import type {
  RequestContext,
  SearchCriterion,
  SearchRequest,
  SearchResult,
  StreamItem,
  StreamRequest,
} from '../sdk/contract.js';
import { BadRequestError, UnknownSearchParamError } from '../sdk/errors.js';
import type { FormularyClient, LegacyFormulary } from './backend.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { instantOf } from './map-drug.js';

/** USDF Formulary profile. */
export const USDF_FORMULARY =
  'http://hl7.org/fhir/us/davinci-drug-formulary/StructureDefinition/usdf-Formulary';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

function dateOf(legacy: string): string {
  return `${legacy.slice(0, 4)}-${legacy.slice(4, 6)}-${legacy.slice(6, 8)}`;
}

/** A formulary as a USDF Formulary InsurancePlan. */
export function toFormulary(row: LegacyFormulary): InsurancePlan {
  return {
    resourceType: 'InsurancePlan',
    id: `frm-${row.FRM_ID}`,
    meta: { profile: [USDF_FORMULARY], lastUpdated: instantOf(row.LAST_UPD_TS) },
    identifier: [{ value: row.FRM_ID }],
    status: row.FRM_STAT_CD === 'A' ? 'active' : 'retired',
    type: [{ coding: [{ system: ACT_CODE, code: 'DRUGPOL' }] }],
    name: row.FRM_NM,
    period: { start: dateOf(row.EFF_DT), end: dateOf(row.TERM_DT) },
  };
}

async function all(client: FormularyClient, signal: AbortSignal): Promise<InsurancePlan[]> {
  return (await client.formularies(signal)).map(toFormulary);
}

/** Reads InsurancePlan/frm-<id>. */
export async function readFormulary(
  client: FormularyClient,
  id: string,
  ctx: RequestContext,
): Promise<InsurancePlan | undefined> {
  if (!id.startsWith('frm-')) return undefined;
  return (await all(client, ctx.signal)).find((plan) => plan.id === id);
}

/** Searches formularies in memory; a patient limit finds nothing (no patient data). */
export async function searchFormularies(
  client: FormularyClient,
  req: SearchRequest,
  ctx: RequestContext,
): Promise<SearchResult> {
  for (const criterion of req.criteria) matcher(criterion);
  if (ctx.constraints.patientIds) {
    return req.wantTotal ? { resources: [], total: 0 } : { resources: [] };
  }
  const matches = (await all(client, ctx.signal)).filter((plan) =>
    req.criteria.every((criterion) => matcher(criterion)(plan)),
  );
  const offset = req.cursor === undefined ? 0 : decodeCursor(req.cursor).offset;
  const resources = matches.slice(offset, offset + Math.max(req.count, 0));
  const end = offset + resources.length;
  return {
    resources,
    ...(req.wantTotal ? { total: matches.length } : {}),
    ...(req.count > 0 && end < matches.length ? { nextCursor: encodeCursor(end) } : {}),
  };
}

/** Streams every formulary; each cursor resumes after its formulary. */
export async function* streamFormularies(
  client: FormularyClient,
  req: StreamRequest,
  start: number,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  const plans = await all(client, ctx.signal);
  for (const [i, plan] of plans.entries()) {
    if (i < start) continue;
    const changed = !req.since || new Date(plan.meta?.lastUpdated ?? 0) >= req.since;
    if (changed) yield { resource: plan, cursor: encodeCursor(i + 1, 'InsurancePlan') };
  }
}

type Match = (plan: InsurancePlan) => boolean;

function matcher(criterion: SearchCriterion): Match {
  const { name, values, modifier } = criterion;
  const plain = modifier === undefined;
  if (name === '_id' && plain) return (plan) => values.includes(plan.id ?? '');
  if (name === 'identifier' && plain) {
    return (plan) => values.some((v) => v.split('|').pop() === plan.identifier?.[0]?.value);
  }
  if (name === 'status' && plain) return (plan) => values.includes(plan.status ?? '');
  if (name === 'type' && plain) {
    return () => values.some((v) => v === 'DRUGPOL' || v === `${ACT_CODE}|DRUGPOL`);
  }
  if (name === 'name' && (plain || modifier === 'exact' || modifier === 'contains')) {
    return (plan) => values.some((v) => nameMatches(plan.name ?? '', v, modifier));
  }
  if (['_id', 'identifier', 'status', 'type', 'name'].includes(name)) {
    throw new BadRequestError(`Modifier :${modifier} is not supported on ${name}`, {
      expression: [name],
    });
  }
  throw new UnknownSearchParamError(`Search parameter ${name} is not supported`, {
    expression: [name],
  });
}

function nameMatches(name: string, value: string, modifier: string | undefined): boolean {
  if (modifier === 'exact') return name === value;
  const [haystack, needle] = [name.toLowerCase(), value.toLowerCase()];
  return modifier === 'contains' ? haystack.includes(needle) : haystack.startsWith(needle);
}

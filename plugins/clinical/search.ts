/**
 * Read and search for every served type. Search reads the criteria into a draft (narrowed
 * first by the caller's patient compartments), turns it into backend queries and pages them
 * by key through the SDK (consistent while data changes); read goes to the record by id.
 * Public access (no patient data allowed) gets nothing: everything here is patient data.
 */
import type { Resource, RequestContext, SearchRequest, SearchResult } from '../sdk/contract.js';
import { NotImplementedError } from '../sdk/errors.js';
import { collectPage, decodeCursor, emptyResult, START, toSearchResult } from '../sdk/paging.js';
import { isMemberId, newDraft, readCriteria, type Draft } from './criteria.js';
import type { ClinicalEnv } from './env.js';
import { mapItems } from './items.js';
import { isRecordId, MAX_PAGE, type Row } from './legacy-api.js';
import { legacyIdOf } from './map-common.js';
import { itemSource, keepOf, partsOf, type Item } from './source.js';
import { specOf, type TypeSpec } from './types.js';

/** The spec of a type the plugin serves; anything else is a 501 (a routing bug). */
export function requireSpec(type: string): TypeSpec {
  const spec = specOf(type);
  if (!spec) throw new NotImplementedError(`The clinical plugin does not serve ${type}`);
  return spec;
}

/** A draft narrowed by the access constraints (patient compartments). */
export function constrainedDraft(ctx: RequestContext): Draft {
  const draft = newDraft();
  const patients = ctx.constraints.patientIds;
  if (patients) draft.memberIds = patients.filter(isMemberId);
  if (ctx.constraints.withoutPatientData) draft.none = true;
  return draft;
}

/** One page of a search. */
export async function searchClinical(
  env: ClinicalEnv,
  req: SearchRequest,
  ctx: RequestContext,
): Promise<SearchResult> {
  const spec = requireSpec(req.resourceType);
  const draft = readCriteria(constrainedDraft(ctx), req.criteria, spec.handlers);
  const parts = partsOf(spec, draft);
  const start = req.cursor === undefined ? START : decodeCursor(req.cursor);
  if (parts.length === 0) return emptyResult(req.wantTotal);
  const source = itemSource(env, parts, ctx.signal);
  const keep = keepOf(draft);
  const page = await collectPage(source, start, req.count, {
    maxPage: MAX_PAGE,
    wantTotal: req.wantTotal,
    ...(keep ? { keep } : {}),
  });
  return toSearchResult(await mapItems(env, page.rows, ctx.signal), page);
}

/** One resource by id, or undefined. */
export async function readClinical(
  env: ClinicalEnv,
  type: string,
  id: string,
  ctx: RequestContext,
): Promise<Resource | undefined> {
  const spec = requireSpec(type);
  const legacyId = legacyIdOf(spec.type, id);
  if (legacyId === undefined) return undefined;
  if (spec.type === 'CareTeam') return readTeam(env, spec, legacyId, ctx);
  const source = spec.sources.find((s) => isRecordId(legacyId, s.legacy));
  if (!source) return undefined;
  const row = await env.client.record(source.legacy, legacyId, ctx.signal);
  if (!row || row.VTL_TYP_CD === 'BP_DIA') return undefined;
  const [resource] = await mapItems(env, [{ source, rows: [row] }], ctx.signal);
  return resource;
}

/** A care team: its member's team rows, those of this team. */
async function readTeam(
  env: ClinicalEnv,
  spec: TypeSpec,
  teamId: string,
  ctx: RequestContext,
): Promise<Resource | undefined> {
  if (!/^CT\d{10}$/.test(teamId)) return undefined;
  const source = spec.sources[0] as TypeSpec['sources'][number];
  const memberIds = [`MBR${teamId.slice(2, 10)}`];
  const read = await env.client.rows(
    source.legacy,
    { memberIds },
    { limit: MAX_PAGE, total: false },
    ctx.signal,
  );
  const rows = read.rows.filter((row: Row) => row.CT_ID === teamId);
  if (rows.length === 0) return undefined;
  const [resource] = await mapItems(env, [{ source, rows } satisfies Item], ctx.signal);
  return resource;
}

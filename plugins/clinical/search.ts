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
import { isRecordId, MAX_PAGE, text, type Row } from './legacy-api.js';
import { legacyIdOf } from './map-common.js';
import { isItemRow, itemSource, keepOf, partsOf, type Item } from './source.js';
import { specOf, type SourceSpec, type TypeSpec } from './types.js';

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
  const source = spec.sources.find((s) => !s.groupBy && isRecordId(legacyId, s.legacy));
  const grouped = spec.sources.find((s) => s.groupBy);
  if (!source) return grouped ? readGroup(env, grouped, legacyId, ctx) : undefined;
  const row = await env.client.record(source.legacy, legacyId, ctx.signal);
  if (!row || !isItemRow(source, row)) return undefined;
  const [resource] = await mapItems(env, [{ source, rows: [row] }], ctx.signal);
  return resource;
}

/**
 * A grouped resource (care team, lab report): its member's rows of the source, those of the
 * group. The member is in the group id (letters, then the eight digits of the member id).
 */
async function readGroup(
  env: ClinicalEnv,
  source: SourceSpec,
  groupId: string,
  ctx: RequestContext,
): Promise<Resource | undefined> {
  const member = /^[A-Z]+(\d{8})[A-Z0-9]{1,40}$/.exec(groupId)?.[1];
  if (!member || !source.groupBy) return undefined;
  const rows: Row[] = [];
  let after: string | undefined;
  for (;;) {
    const page = { limit: MAX_PAGE, total: false, ...(after ? { after } : {}) };
    const query = { memberIds: [`MBR${member}`] };
    const read = await env.client.rows(source.legacy, query, page, ctx.signal);
    rows.push(...read.rows.filter((row) => row[source.groupBy as string] === groupId));
    const last = read.rows[read.rows.length - 1];
    if (read.rows.length < MAX_PAGE || !last) break;
    after = text(last, source.legacy.idColumn);
  }
  if (rows.length === 0) return undefined;
  const [resource] = await mapItems(env, [{ source, rows } satisfies Item], ctx.signal);
  return resource;
}

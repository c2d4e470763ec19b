/**
 * Read and search for every served type. Reads route by id prefix to the one collection
 * that can hold the id. `_id` searches are reads (the backend has no id filter) and take no
 * other criteria; every other search is planned into backend queries and paged by cursor.
 * The directory holds no patient data: a request limited to patients finds nothing.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { RequestContext, SearchRequest, SearchResult } from '../sdk/contract.js';
import { BadRequestError } from '../sdk/errors.js';
import type { DirectoryEnv } from './env.js';
import { collectPage, decodeCursor, emptyResult, START, toSearchResult } from '../sdk/paging.js';
import { MAX_PAGE } from './options.js';
import { chunkedSource, planSearch } from './query.js';
import { SOURCES } from './sources.js';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** Reads one resource; undefined when no collection of the type holds the id. */
export async function readResource(
  env: DirectoryEnv,
  type: string,
  id: string,
  ctx: RequestContext,
): Promise<Resource | undefined> {
  if (!FHIR_ID.test(id)) return undefined;
  const orgs = await env.client.organizationIndex(ctx.signal);
  for (const source of SOURCES[type] ?? []) {
    const row = await source.find(env.client, id, orgs, ctx.signal);
    if (row) return source.map(row, orgs);
  }
  return undefined;
}

/** Searches one type. */
export async function searchResources(
  env: DirectoryEnv,
  req: SearchRequest,
  ctx: RequestContext,
): Promise<SearchResult> {
  if (ctx.constraints.patientIds) return emptyResult(req.wantTotal);
  const byId = req.criteria.filter((criterion) => criterion.name === '_id');
  if (byId.length > 0) return searchById(env, req, ctx);
  const orgs = await env.client.organizationIndex(ctx.signal);
  const chunks = planSearch(req.resourceType, req.criteria, orgs);
  if (chunks.length === 0) return emptyResult(req.wantTotal);
  const start = req.cursor === undefined ? START : decodeCursor(req.cursor);
  const source = chunkedSource(env.client, chunks, orgs, ctx.signal);
  const options = { maxPage: MAX_PAGE, wantTotal: req.wantTotal };
  const page = await collectPage(source, start, req.count, options);
  return toSearchResult(
    page.rows.map((row) => row.resource),
    page,
  );
}

async function searchById(
  env: DirectoryEnv,
  req: SearchRequest,
  ctx: RequestContext,
): Promise<SearchResult> {
  const [criterion, ...others] = req.criteria;
  if (criterion?.name !== '_id' || others.length > 0 || criterion.modifier !== undefined) {
    throw new BadRequestError('_id cannot be combined with other search parameters here', {
      expression: ['_id'],
    });
  }
  if (req.cursor !== undefined && decodeCursor(req.cursor)) return emptyResult(req.wantTotal);
  const found: Resource[] = [];
  for (const id of new Set(criterion.values)) {
    const resource = await readResource(env, req.resourceType, id, ctx);
    if (resource) found.push(resource);
  }
  const resources = found.slice(0, Math.max(req.count, 0));
  return req.wantTotal ? { resources, total: found.length } : { resources };
}

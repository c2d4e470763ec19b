/**
 * Coverage read and search over the legacy eligibility spans (CARIN BB Coverage), one
 * Coverage per span.
 */
import type { Coverage } from '@medplum/fhirtypes';
import type { RequestContext, SearchRequest, SearchResult } from '../sdk/contract.js';
import { coverageFilter, type SpanFilter } from './coverage-query.js';
import { patientAllowed, type MembershipEnv } from './env.js';
import type { LegacySpan } from './legacy-api.js';
import { coverageIdOf, parseCoverageId, toCoverage, type CoverageContext } from './map-coverage.js';
import {
  chunkedSource,
  collectAll,
  collectPage,
  decodeCursor,
  emptyResult,
  START,
  toSearchResult,
  type ChunkedSource,
  type CollectedPage,
  type Position,
} from './paging.js';

/** Reads Coverage/{member id}-{span}; undefined when unknown or outside the request's patients. */
export async function readCoverage(
  env: MembershipEnv,
  id: string,
  ctx: RequestContext,
): Promise<Coverage | undefined> {
  const key = parseCoverageId(id);
  if (!key || !patientAllowed(ctx, key.memberId)) return undefined;
  const spans = await env.client.spansOf(key.memberId, ctx.signal);
  const span = spans?.find((candidate) => candidate.SPAN_SEQ === key.spanSeq);
  return span && toCoverage(span, await coverageContext(env, ctx.signal));
}

/** Searches spans; an `_id` search is small and filtered here, the rest by the backend. */
export async function searchCoverages(
  env: MembershipEnv,
  req: SearchRequest,
  ctx: RequestContext,
): Promise<SearchResult> {
  const filter = coverageFilter(req.criteria, ctx.constraints, env.options.memberIdSystem);
  if (!filter) return emptyResult(req.wantTotal);
  const context = await coverageContext(env, ctx.signal);
  if (filter.payorIds && !filter.payorIds.includes(context.payer.PAYER_ID)) {
    return emptyResult(req.wantTotal);
  }

  const start = req.cursor ? decodeCursor(req.cursor) : START;
  const source = spanSource(env, filter, ctx.signal);
  const page = filter.coverageIds
    ? await pageOfIds(source, new Set(filter.coverageIds), start, req.count)
    : await collectPage(source, start, req.count, req.wantTotal);
  return toSearchResult(
    page.rows.map((span) => toCoverage(span, context)),
    page,
  );
}

/** Backend span pages for a filter, optionally only spans changed since an instant. */
export function spanSource(
  env: MembershipEnv,
  filter: SpanFilter,
  signal: AbortSignal,
  since?: Date,
): ChunkedSource<LegacySpan> {
  const updatedSince = since?.toISOString();
  return chunkedSource(filter.memberIds, (memberId, page) =>
    env.client.spans({ ...filter.search, memberId, updatedSince }, page, signal),
  );
}

/** The plan catalog and payer a Coverage mapping needs (both cached by the client). */
export async function coverageContext(
  env: MembershipEnv,
  signal: AbortSignal,
): Promise<CoverageContext> {
  const [plans, payer] = await Promise.all([env.client.plans(signal), env.client.payer(signal)]);
  return { memberIdSystem: env.options.memberIdSystem, plans, payer };
}

async function pageOfIds(
  source: ChunkedSource<LegacySpan>,
  ids: ReadonlySet<string>,
  start: Position,
  count: number,
): Promise<CollectedPage<LegacySpan>> {
  const all = (await collectAll(source)).filter((span) => ids.has(coverageIdOf(span)));
  const rows = all.slice(start.offset, start.offset + count);
  const end = start.offset + rows.length;
  const more = count > 0 && end < all.length;
  return { rows, total: all.length, ...(more ? { next: { chunk: 0, offset: end } } : {}) };
}

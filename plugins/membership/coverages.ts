/**
 * Coverage read and search over the legacy eligibility spans (CARIN BB Coverage), one
 * Coverage per span.
 */
import type { Coverage } from '@medplum/fhirtypes';
import type { RequestContext, SearchRequest, SearchResult } from '../sdk/contract.js';
import { coverageFilter, type SpanFilter } from './coverage-query.js';
import { patientAllowed, type MembershipEnv } from './env.js';
import { spanKey } from './backend.js';
import { MAX_IDS_PER_QUERY, MAX_PAGE, type LegacySpan } from './legacy-api.js';
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
} from '../sdk/paging.js';

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
    : await collectPage(source, start, req.count, { maxPage: MAX_PAGE, wantTotal: req.wantTotal });
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
  return chunkedSource(
    filter.memberIds,
    MAX_IDS_PER_QUERY,
    (ids, page) =>
      env.client.spans({ ...filter.search, memberId: ids?.join(','), updatedSince }, page, signal),
    spanKey,
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

/** An `_id` search: the named members' spans, filtered here; small, so counted exactly. */
async function pageOfIds(
  source: ChunkedSource<LegacySpan>,
  ids: ReadonlySet<string>,
  start: Position,
  count: number,
): Promise<CollectedPage<LegacySpan>> {
  const keep = (span: LegacySpan): boolean => ids.has(coverageIdOf(span));
  const total = (await collectAll(source, MAX_PAGE)).filter(keep).length;
  const page = await collectPage(source, start, count, {
    maxPage: MAX_PAGE,
    wantTotal: false,
    keep,
  });
  return { ...page, total };
}

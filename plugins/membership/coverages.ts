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
import { BadRequestError } from '../sdk/errors.js';
import {
  chunkIds,
  chunkedSource,
  collectPage,
  decodeCursor,
  emptyResult,
  START,
  toSearchResult,
  type ChunkedSource,
  type CollectedPage,
  type Position,
} from '../sdk/paging.js';

/**
 * Reads Coverage/{member id}-{span}; undefined when unknown or outside the request's patients
 * (the patient must be its beneficiary or its subscriber: the Patient compartment).
 */
export async function readCoverage(
  env: MembershipEnv,
  id: string,
  ctx: RequestContext,
): Promise<Coverage | undefined> {
  const key = parseCoverageId(id);
  if (!key) return undefined;
  const spans = await env.client.spansOf(key.memberId, ctx.signal);
  const span = spans?.find((candidate) => candidate.SPAN_SEQ === key.spanSeq);
  if (!span || !inCompartment(ctx, span)) return undefined;
  return toCoverage(span, await coverageContext(env, ctx.signal));
}

function inCompartment(ctx: RequestContext, span: LegacySpan): boolean {
  return patientAllowed(ctx, span.MBR_ID) || patientAllowed(ctx, span.SUBSCR_MBR_ID);
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
  const owned = spanOwner(filter);
  const page = filter.coverageIds
    ? await pageOfIds(source, new Set(filter.coverageIds), owned, { start, count: req.count })
    : await collectPage(source, start, req.count, {
        maxPage: MAX_PAGE,
        wantTotal: req.wantTotal,
        keep: owned,
      });
  return toSearchResult(
    page.rows.map((span) => toCoverage(span, context)),
    page,
  );
}

/**
 * Backend span pages for a filter, optionally only spans changed since an instant. Under a
 * patient constraint the chunks are the constraint's patients (as beneficiary or subscriber,
 * see {@link spanOwner}); otherwise the beneficiaries asked for.
 */
export function spanSource(
  env: MembershipEnv,
  filter: SpanFilter,
  signal: AbortSignal,
  since?: Date,
): ChunkedSource<LegacySpan> {
  const updatedSince = since?.toISOString();
  const compartment = filter.compartmentIds;
  if (compartment && (filter.memberIds?.length ?? 0) > MAX_IDS_PER_QUERY) {
    throw new BadRequestError(`At most ${MAX_IDS_PER_QUERY} patients per Coverage search`, {
      expression: ['beneficiary'],
    });
  }
  const fixed = compartment ? { memberId: filter.memberIds?.join(',') } : {};
  const query = (ids: readonly string[] | undefined) =>
    compartment
      ? { ...filter.search, ...fixed, memberOrSubscriberId: ids?.join(','), updatedSince }
      : { ...filter.search, memberId: ids?.join(','), updatedSince };
  return chunkedSource(
    compartment ?? filter.memberIds,
    MAX_IDS_PER_QUERY,
    (ids, page) => env.client.spans(query(ids), page, signal),
    spanKey,
  );
}

/**
 * When the constraint's patients span several chunks, a span could match two of them (its
 * beneficiary in one, its subscriber in another): it belongs to its beneficiary's chunk when
 * the beneficiary is one of the patients, else to its subscriber's. Undefined for one chunk.
 */
export function spanOwner(
  filter: SpanFilter,
): ((span: LegacySpan, chunk: number) => boolean) | undefined {
  const ids = filter.compartmentIds;
  if (!ids || ids.length <= MAX_IDS_PER_QUERY) return undefined;
  const chunkOf = new Map<string, number>();
  chunkIds(ids, MAX_IDS_PER_QUERY).forEach((chunk, index) => {
    for (const id of chunk ?? []) chunkOf.set(id, index);
  });
  return (span, chunk) => (chunkOf.get(span.MBR_ID) ?? chunkOf.get(span.SUBSCR_MBR_ID)) === chunk;
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
  owned: ((span: LegacySpan, chunk: number) => boolean) | undefined,
  at: { readonly start: Position; readonly count: number },
): Promise<CollectedPage<LegacySpan>> {
  const keep = (span: LegacySpan, chunk: number): boolean =>
    ids.has(coverageIdOf(span)) && (owned?.(span, chunk) ?? true);
  const options = { maxPage: MAX_PAGE, wantTotal: false, keep };
  const total = (await collectPage(source, START, ids.size, options)).rows.length;
  return { ...(await collectPage(source, at.start, at.count, options)), total };
}

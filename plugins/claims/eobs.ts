/**
 * ExplanationOfBenefit read and search over the claims system. Claims whose days of service
 * all fall before 2016-01-01 are not served (CMS-0057-F Patient Access window): read answers
 * not found, search and stream never see them (the backend query starts at 2016-01-01).
 */
import type { ExplanationOfBenefit } from '@medplum/fhirtypes';
import type { RequestContext, SearchRequest, SearchResult } from '../sdk/contract.js';
import { BadRequestError } from '../sdk/errors.js';
import { claimFilter, type ClaimFilter } from './criteria.js';
import type { ClaimsEnv } from './env.js';
import { MAX_IDS_PER_QUERY, MAX_PAGE, WINDOW_START, type LegacyClaim } from './legacy-api.js';
import { claimIdOf, toEob } from './map-eob.js';
import {
  chunkedSource,
  collectPage,
  decodeCursor,
  emptyResult,
  START,
  toSearchResult,
  type ChunkedSource,
  type KeysetPage,
  type PageRows,
} from '../sdk/paging.js';

/** Reads ExplanationOfBenefit/clm-<claim id>, within the window and the patient constraint. */
export async function readEob(
  env: ClaimsEnv,
  id: string,
  ctx: RequestContext,
): Promise<ExplanationOfBenefit | undefined> {
  const claimId = claimIdOf(id);
  if (claimId === undefined) return undefined;
  const claim = await env.client.claim(claimId, ctx.signal);
  if (!claim || claim.SVC_THRU_DT < WINDOW_START) return undefined;
  const patientIds = ctx.constraints.patientIds;
  if (patientIds && !patientIds.includes(claim.MBR_ID)) return undefined;
  return toEob(claim, env.options);
}

/** Searches EOBs: one page from the cursor, in member-chunk then claim id order. */
export async function searchEobs(
  env: ClaimsEnv,
  req: SearchRequest,
  ctx: RequestContext,
): Promise<SearchResult> {
  const start = req.cursor === undefined ? START : decodeCursor(req.cursor);
  const filter = claimFilter(req.criteria, ctx.constraints, env.options);
  if (!filter) return emptyResult(req.wantTotal);
  if ((filter.claimIds?.length ?? 0) > MAX_IDS_PER_QUERY) {
    throw new BadRequestError(`At most ${MAX_IDS_PER_QUERY} ids per search`, {
      expression: ['_id'],
    });
  }
  const checks = filter.checks;
  const keep =
    checks.length === 0 ? undefined : (claim: LegacyClaim) => checks.every((c) => c(claim));
  const source = claimSource(env, filter, ctx.signal);
  const options = { maxPage: MAX_PAGE, wantTotal: req.wantTotal, keep };
  const page = await collectPage(source, start, req.count, options);
  return toSearchResult(
    page.rows.map((claim) => toEob(claim, env.options)),
    page,
  );
}

/** The backend query of a filter, chunked by member ids, paged by claim id. */
export function claimSource(
  env: ClaimsEnv,
  filter: ClaimFilter,
  signal: AbortSignal,
): ChunkedSource<LegacyClaim> {
  const base = {
    claimId: filter.claimIds?.join(','),
    type: filter.types?.join(','),
    serviceFrom: filter.serviceFrom,
    serviceTo: filter.serviceTo,
    updatedSince: filter.updatedSince,
  };
  const fetch = (
    memberIds: readonly string[] | undefined,
    page: KeysetPage,
  ): Promise<PageRows<LegacyClaim>> =>
    env.client.claims({ ...base, memberId: memberIds?.join(',') }, page, signal);
  return chunkedSource(filter.memberIds, MAX_IDS_PER_QUERY, fetch, (claim) => claim.CLM_ID);
}

/**
 * ExplanationOfBenefit read and search over the utilization-management system. Every row
 * is re-checked against the rule's window and scope ({@link isVisible}) after the backend's
 * own filter; a read of a request outside it answers "not found", like one that never was.
 */
import type { ExplanationOfBenefit } from '@medplum/fhirtypes';
import type { RequestContext, SearchRequest, SearchResult } from '../sdk/contract.js';
import { collectPage, decodeCursor, emptyResult, START, toSearchResult } from '../sdk/paging.js';
import { authFilter } from './criteria.js';
import type { PriorAuthEnv } from './env.js';
import { MAX_PAGE, type LegacyAuth } from './legacy-api.js';
import { authNumberOf, toExplanationOfBenefit } from './map-eob.js';
import { isVisible } from './retention.js';
import { authSource } from './source.js';

/** Reads ExplanationOfBenefit/pa-{auth number}; undefined when absent or not visible. */
export async function readPriorAuth(
  env: PriorAuthEnv,
  id: string,
  ctx: RequestContext,
): Promise<ExplanationOfBenefit | undefined> {
  const number = authNumberOf(id);
  if (number === undefined) return undefined;
  const auth = await env.client.auth(number, ctx.signal);
  if (!auth || !isVisible(auth, env.options.today())) return undefined;
  const patientIds = ctx.constraints.patientIds;
  if (patientIds && !patientIds.includes(auth.MBR_ID)) return undefined;
  return toExplanationOfBenefit(auth, env.options);
}

/** Searches prior authorizations, one page from the request's cursor. */
export async function searchPriorAuths(
  env: PriorAuthEnv,
  req: SearchRequest,
  ctx: RequestContext,
): Promise<SearchResult> {
  const filter = authFilter(req.criteria, ctx.constraints, env.options);
  if (!filter) return emptyResult(req.wantTotal);
  const source = authSource(env, filter, ctx.signal);
  const start = req.cursor === undefined ? START : decodeCursor(req.cursor);
  const options = { maxPage: MAX_PAGE, wantTotal: req.wantTotal };
  const page = await collectPage(source, start, req.count, options);
  const rows = visible(env, page.rows, ctx);
  return toSearchResult(
    rows.map((auth) => toExplanationOfBenefit(auth, env.options)),
    page,
  );
}

/** The rows inside the window; logs (without PHI) when the backend let others through. */
export function visible(
  env: PriorAuthEnv,
  rows: readonly LegacyAuth[],
  ctx: RequestContext,
): LegacyAuth[] {
  const today = env.options.today();
  const kept = rows.filter((auth) => isVisible(auth, today));
  if (kept.length < rows.length) {
    ctx.logger.warn('backend returned prior authorizations outside the window', {
      dropped: rows.length - kept.length,
    });
  }
  return kept;
}

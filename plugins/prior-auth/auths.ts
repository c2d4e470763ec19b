/**
 * ExplanationOfBenefit read and search over the utilization-management system. Every row
 * is re-checked against the rule's window and scope ({@link isVisible}) after the backend's
 * own filter; a read of a request outside it answers "not found", like one that never was.
 */
import type { ExplanationOfBenefit } from '@medplum/fhirtypes';
import type { RequestContext, SearchRequest, SearchResult } from '../sdk/contract.js';
import type { AuthSource, Position } from './paging.js';
import { authSource, decodeCursor, encodeCursor, START } from './paging.js';
import { authFilter } from './criteria.js';
import type { PriorAuthEnv } from './env.js';
import { MAX_PAGE, type LegacyAuth } from './legacy-api.js';
import { authNumberOf, toExplanationOfBenefit } from './map-eob.js';
import { isVisible } from './retention.js';

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
  if (!filter) return req.wantTotal ? { resources: [], total: 0 } : { resources: [] };
  const source = authSource(env, filter, ctx.signal);
  const start = req.cursor === undefined ? START : decodeCursor(req.cursor);
  const page = await collectPage(source, start, req.count, req.wantTotal && source.chunks === 1);
  const resources = visible(env, page.rows, ctx).map((auth) =>
    toExplanationOfBenefit(auth, env.options),
  );
  return {
    resources,
    ...(page.total === undefined ? {} : { total: page.total }),
    ...(page.next === undefined ? {} : { nextCursor: encodeCursor(page.next) }),
  };
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

interface CollectedPage {
  readonly rows: LegacyAuth[];
  readonly next?: Position;
  readonly total?: number;
}

/** Collects up to `count` rows from `start`, asking one more to learn whether more exist. */
async function collectPage(
  source: AuthSource,
  start: Position,
  count: number,
  wantTotal: boolean,
): Promise<CollectedPage> {
  const rows: LegacyAuth[] = [];
  let position = start;
  let total: number | undefined;
  while (position.chunk < source.chunks) {
    const need = count - rows.length;
    const limit = Math.min(need + 1, MAX_PAGE);
    const asked = wantTotal && total === undefined;
    const page = await source.fetch(position.chunk, {
      offset: position.offset,
      limit,
      total: asked,
    });
    if (asked) total = page.total;
    rows.push(...page.rows.slice(0, need));
    if (page.rows.length > need) return { rows, next: advance(position, need), total };
    position =
      page.rows.length === limit
        ? advance(position, limit)
        : { chunk: position.chunk + 1, offset: 0 };
    if (rows.length === count && position.chunk < source.chunks) {
      return { rows, next: position, total };
    }
  }
  return { rows, total };
}

function advance(position: Position, rows: number): Position {
  return { chunk: position.chunk, offset: position.offset + rows };
}

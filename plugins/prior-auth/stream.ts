/**
 * Streaming for bulk export, `$everything` and payer-to-payer pulls: visible prior
 * authorizations in backend order (member-id chunk, then request number), one page at a time
 * (constant memory). Every item's cursor resumes just after it. `since` bounds the last status
 * change (meta.lastUpdated); a patient constraint narrows the backend query to those members.
 */
import type { RequestContext, StreamItem, StreamRequest } from '../sdk/contract.js';
import { visible } from './auths.js';
import { authFilter, instantOfDate } from './criteria.js';
import type { PriorAuthEnv } from './env.js';
import type { LegacyAuth } from './legacy-api.js';
import { toExplanationOfBenefit } from './map-eob.js';
import { decodeCursor, START, streamItems } from '../sdk/paging.js';
import { authSource } from './source.js';

/** Streams ExplanationOfBenefits, resuming after `req.cursor` when given. */
export async function* streamPriorAuths(
  env: PriorAuthEnv,
  req: StreamRequest,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  if (!req.types.includes('ExplanationOfBenefit')) return;
  const filter = authFilter([], ctx.constraints, env.options);
  if (!filter) return;
  const since = req.since ? { statusChangedSince: instantOfDate(req.since) } : {};
  const source = authSource(env, { ...filter, ...since }, ctx.signal);
  const start = req.cursor === undefined ? START : decodeCursor(req.cursor);
  const map = (rows: readonly LegacyAuth[]) => {
    const kept = new Set(visible(env, rows, ctx));
    return rows.map((auth) =>
      kept.has(auth) ? toExplanationOfBenefit(auth, env.options) : undefined,
    );
  };
  yield* streamItems(source, start, { pageSize: env.options.streamPageSize, map });
}

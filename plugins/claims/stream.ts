/**
 * Streaming for bulk export, `$everything` and payer-to-payer pulls: every EOB in backend
 * order (member-id chunk, then claim id), one backend page at a time (constant memory), from
 * 2016-01-01 on. Each item's cursor resumes just after it. A patient constraint narrows the
 * backend query to those members; `since` becomes the backend's `updatedSince`.
 */
import type { RequestContext, StreamItem, StreamRequest } from '../sdk/contract.js';
import { claimFilter } from './criteria.js';
import { claimSource } from './eobs.js';
import type { ClaimsEnv } from './env.js';
import { toEob } from './map-eob.js';
import { decodeCursor, START, streamItems } from '../sdk/paging.js';

/** Streams ExplanationOfBenefit when asked for, resuming after `req.cursor` when given. */
export async function* streamEobs(
  env: ClaimsEnv,
  req: StreamRequest,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  if (!req.types.includes('ExplanationOfBenefit')) return;
  const filter = claimFilter([], ctx.constraints, env.options);
  if (!filter) return;
  if (req.since) filter.updatedSince = req.since.toISOString();
  const source = claimSource(env, filter, ctx.signal);
  const start = req.cursor === undefined ? START : decodeCursor(req.cursor);
  yield* streamItems(source, start, {
    pageSize: env.options.streamPageSize,
    map: (claims) => claims.map((claim) => toEob(claim, env.options)),
  });
}

/**
 * Streaming for bulk export, `$everything` and payer-to-payer pulls: visible prior
 * authorizations in backend order (member, then receipt), one backend page at a time
 * (constant memory). Every item's cursor resumes just after it. `since` bounds the last status
 * change (meta.lastUpdated); a patient constraint narrows the backend query to those members.
 */
import type { RequestContext, StreamItem, StreamRequest } from '../sdk/contract.js';
import { visible } from './auths.js';
import { authFilter, instantOfDate } from './criteria.js';
import type { PriorAuthEnv } from './env.js';
import { toExplanationOfBenefit } from './map-eob.js';
import { authSource, decodeCursor, encodeCursor, START } from './paging.js';

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
  const pageSize = env.options.streamPageSize;
  let { chunk, offset } = req.cursor === undefined ? START : decodeCursor(req.cursor);
  while (chunk < source.chunks) {
    const page = await source.fetch(chunk, { offset, limit: pageSize, total: false });
    for (const [i, auth] of page.rows.entries()) {
      if (visible(env, [auth], ctx).length === 0) continue;
      const cursor = encodeCursor({ chunk, offset: offset + i + 1 });
      yield { resource: toExplanationOfBenefit(auth, env.options), cursor };
    }
    if (page.rows.length < pageSize) [chunk, offset] = [chunk + 1, 0];
    else offset += page.rows.length;
  }
}

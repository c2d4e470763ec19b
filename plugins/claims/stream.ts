/**
 * Streaming for bulk export, `$everything` and payer-to-payer pulls: every EOB in backend
 * order (member, then date of service), one backend page at a time (constant memory), from
 * 2016-01-01 on. Each item's cursor resumes just after it. A patient constraint narrows the
 * backend query to those members; `since` becomes the backend's `updatedSince`.
 */
import type { RequestContext, StreamItem, StreamRequest } from '../sdk/contract.js';
import { claimFilter } from './criteria.js';
import { claimSource } from './eobs.js';
import type { ClaimsEnv } from './env.js';
import { toEob } from './map-eob.js';
import { decodeCursor, encodeCursor, START } from './paging.js';

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
  const pageSize = env.options.streamPageSize;
  let { chunk, offset } = req.cursor === undefined ? START : decodeCursor(req.cursor);
  while (chunk < source.chunks) {
    const page = await source.fetch(chunk, { offset, limit: pageSize, total: false });
    for (const [i, claim] of page.rows.entries()) {
      const cursor = encodeCursor({ chunk, offset: offset + i + 1 });
      yield { resource: toEob(claim, env.options), cursor };
    }
    if (page.rows.length < pageSize) [chunk, offset] = [chunk + 1, 0];
    else offset += page.rows.length;
  }
}

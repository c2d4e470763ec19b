/**
 * Streaming for bulk export: each requested type in {@link STREAM_ORDER}, each collection in
 * backend order, one backend page at a time (constant memory). Every item's cursor resumes
 * just after it. The directory is in no patient's compartment: a patient constraint streams
 * nothing.
 */
import type { RequestContext, StreamItem, StreamRequest } from '../sdk/contract.js';
import { BadRequestError } from '../sdk/errors.js';
import type { DirectoryEnv } from './env.js';
import { decodeCursor, encodeCursor, START, type ChunkedSource, type Position } from './paging.js';
import { chunkedSource, planSearch } from './query.js';
import { STREAM_ORDER } from './sources.js';

/** Streams the requested types, resuming after `req.cursor` when given. */
export async function* streamResources(
  env: DirectoryEnv,
  req: StreamRequest,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  if (ctx.constraints.patientIds) return;
  const resume = req.cursor === undefined ? undefined : decodeCursor(req.cursor);
  const first = resume ? typeIndex(resume.type) : 0;
  const orgs = await env.client.organizationIndex(ctx.signal);
  const since = req.since ? { updatedSince: req.since.toISOString() } : {};
  for (const [index, type] of STREAM_ORDER.entries()) {
    if (index < first || !req.types.includes(type)) continue;
    const position = resume && index === first ? resume : START;
    const source = chunkedSource(env.client, planSearch(type, [], orgs, since), orgs, ctx.signal);
    yield* walk(source, position, type, env.options.streamPageSize);
  }
}

function typeIndex(type: string | undefined): number {
  const index = STREAM_ORDER.indexOf(type ?? '');
  if (index < 0) {
    throw new BadRequestError('The stream cursor is invalid', { expression: ['cursor'] });
  }
  return index;
}

/** Walks a source page by page from `start`, yielding each mapped row with its cursor. */
async function* walk(
  source: ChunkedSource,
  start: Position,
  type: string,
  pageSize: number,
): AsyncGenerator<StreamItem> {
  let { chunk, offset } = start;
  while (chunk < source.chunks) {
    const page = await source.fetch(chunk, { offset, limit: pageSize, total: false });
    for (const [i, row] of page.rows.entries()) {
      const cursor = encodeCursor({ chunk, offset: offset + i + 1 }, type);
      yield { resource: source.map(chunk, row), cursor };
    }
    if (page.rows.length < pageSize) [chunk, offset] = [chunk + 1, 0];
    else offset += page.rows.length;
  }
}

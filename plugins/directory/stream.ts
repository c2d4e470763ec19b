/**
 * Streaming for bulk export: each requested type in {@link STREAM_ORDER}, each collection in
 * backend order, one backend page at a time (constant memory). Every item's cursor resumes
 * just after it. The directory is in no patient's compartment: a patient constraint streams
 * nothing.
 */
import type { RequestContext, StreamItem, StreamRequest } from '../sdk/contract.js';
import type { DirectoryEnv } from './env.js';
import { resumeStream, START, streamItems } from '../sdk/paging.js';
import { chunkedSource, planSearch, type MappedRow } from './query.js';
import { STREAM_ORDER } from './sources.js';

/** Streams the requested types, resuming after `req.cursor` when given. */
export async function* streamResources(
  env: DirectoryEnv,
  req: StreamRequest,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  if (ctx.constraints.patientIds) return;
  const resume = resumeStream(STREAM_ORDER, req.cursor);
  const orgs = await env.client.organizationIndex(ctx.signal);
  const since = req.since ? { updatedSince: req.since.toISOString() } : {};
  for (const [index, type] of STREAM_ORDER.entries()) {
    if (index < resume.typeIndex || !req.types.includes(type)) continue;
    const position = index === resume.typeIndex ? resume.position : START;
    const source = chunkedSource(env.client, planSearch(type, [], orgs, since), orgs, ctx.signal);
    const map = (rows: readonly MappedRow[]) => rows.map((row) => row.resource);
    yield* streamItems(source, position, { pageSize: env.options.streamPageSize, type, map });
  }
}

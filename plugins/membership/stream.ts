/**
 * Streaming for bulk export, `$everything` and payer-to-payer pulls: the payer Organization,
 * then Patients, then Coverages, each in backend order, one backend page at a time (constant
 * memory). Every item's cursor resumes just after it. A patient constraint narrows the backend
 * queries to those members and leaves out the payer, which is in no patient's compartment.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { RequestContext, StreamItem, StreamRequest } from '../sdk/contract.js';
import { BadRequestError } from '../sdk/errors.js';
import { coverageContext, spanSource } from './coverages.js';
import { coverageFilter } from './coverage-query.js';
import type { LegacyMember, LegacySpan } from './legacy-api.js';
import type { MembershipEnv } from './env.js';
import { toCoverage } from './map-coverage.js';
import { toPatient } from './map-patient.js';
import { payerOrganization } from './organizations.js';
import { patientFilter } from './patient-query.js';
import { memberSource } from './patients.js';
import { decodeCursor, encodeCursor, START, type ChunkedSource, type Position } from './paging.js';

/** The order types are streamed in. */
export const STREAM_ORDER = ['Organization', 'Patient', 'Coverage'] as const;
type StreamType = (typeof STREAM_ORDER)[number];

/** Streams the requested types, resuming after `req.cursor` when given. */
export async function* streamResources(
  env: MembershipEnv,
  req: StreamRequest,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  const resume = req.cursor === undefined ? undefined : decodeCursor(req.cursor);
  const first = resume ? typeIndex(resume.type) : 0;
  for (const [index, type] of STREAM_ORDER.entries()) {
    if (index < first || !req.types.includes(type)) continue;
    const position = resume && index === first ? resume : START;
    yield* streamType(env, type, position, req.since, ctx);
  }
}

function typeIndex(type: string | undefined): number {
  const index = STREAM_ORDER.indexOf(type as StreamType);
  if (index < 0) {
    throw new BadRequestError('The stream cursor is invalid', { expression: ['cursor'] });
  }
  return index;
}

async function* streamType(
  env: MembershipEnv,
  type: StreamType,
  position: Position,
  since: Date | undefined,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  if (type === 'Organization') yield* streamPayer(env, position, since, ctx);
  else if (type === 'Patient') yield* streamPatients(env, position, since, ctx);
  else yield* streamCoverages(env, position, since, ctx);
}

async function* streamPatients(
  env: MembershipEnv,
  position: Position,
  since: Date | undefined,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  const filter = patientFilter([], ctx.constraints, env.options.memberIdSystem);
  if (!filter) return;
  const source = memberSource(env, filter, ctx.signal, since);
  const toResources = (rows: readonly LegacyMember[]) =>
    rows.map((member) => toPatient(member, env.options.memberIdSystem));
  yield* walk(source, position, 'Patient', env.options.streamPageSize, toResources);
}

async function* streamCoverages(
  env: MembershipEnv,
  position: Position,
  since: Date | undefined,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  const filter = coverageFilter([], ctx.constraints, env.options.memberIdSystem);
  if (!filter) return;
  const context = await coverageContext(env, ctx.signal);
  const source = spanSource(env, filter, ctx.signal, since);
  const toResources = (rows: readonly LegacySpan[]) =>
    rows.map((span) => toCoverage(span, context));
  yield* walk(source, position, 'Coverage', env.options.streamPageSize, toResources);
}

async function* streamPayer(
  env: MembershipEnv,
  position: Position,
  since: Date | undefined,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  if (ctx.constraints.patientIds || position.offset > 0) return;
  const organization = await payerOrganization(env, ctx.signal);
  const lastUpdated = organization.meta?.lastUpdated;
  if (since && lastUpdated && new Date(lastUpdated) < since) return;
  yield { resource: organization, cursor: encodeCursor({ chunk: 0, offset: 1 }, 'Organization') };
}

/** Walks a source page by page from `start`, yielding each mapped row with its cursor. */
async function* walk<T>(
  source: ChunkedSource<T>,
  start: Position,
  type: StreamType,
  pageSize: number,
  toResources: (rows: readonly T[]) => Resource[],
): AsyncGenerator<StreamItem> {
  let { chunk, offset } = start;
  while (chunk < source.chunks) {
    const page = await source.fetch(chunk, { offset, limit: pageSize, total: false });
    const resources = toResources(page.rows);
    for (const [i, resource] of resources.entries()) {
      yield { resource, cursor: encodeCursor({ chunk, offset: offset + i + 1 }, type) };
    }
    if (page.rows.length < pageSize) [chunk, offset] = [chunk + 1, 0];
    else offset += page.rows.length;
  }
}

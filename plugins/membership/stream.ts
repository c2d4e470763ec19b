/**
 * Streaming for bulk export, `$everything` and payer-to-payer pulls: the payer Organization,
 * then Patients, then Coverages, each in backend order, one backend page at a time (constant
 * memory). Every item's cursor resumes just after it. A patient constraint narrows the backend
 * queries to those members and leaves out the payer, which is in no patient's compartment.
 */
import type { RequestContext, StreamItem, StreamRequest } from '../sdk/contract.js';
import { resumeStream, START, encodeCursor, streamItems, type Position } from '../sdk/paging.js';
import { coverageContext, spanOwner, spanSource } from './coverages.js';
import { coverageFilter } from './coverage-query.js';
import type { LegacyMember, LegacySpan } from './legacy-api.js';
import type { MembershipEnv } from './env.js';
import { toCoverage } from './map-coverage.js';
import { toPatient } from './map-patient.js';
import { payerOrganization } from './organizations.js';
import { patientFilter } from './patient-query.js';
import { memberSource } from './patients.js';

/** The order types are streamed in. */
export const STREAM_ORDER = ['Organization', 'Patient', 'Coverage'] as const;
type StreamType = (typeof STREAM_ORDER)[number];

/** The payer's stream cursor: the one Organization is done. */
const PAYER_DONE = 'payer';

/** Streams the requested types, resuming after `req.cursor` when given. */
export async function* streamResources(
  env: MembershipEnv,
  req: StreamRequest,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  const resume = resumeStream(STREAM_ORDER, req.cursor);
  for (const [index, type] of STREAM_ORDER.entries()) {
    if (index < resume.typeIndex || !req.types.includes(type)) continue;
    const position = index === resume.typeIndex ? resume.position : START;
    yield* streamType(env, type, position, req.since, ctx);
  }
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
  const map = (rows: readonly LegacyMember[]) =>
    rows.map((member) => toPatient(member, env.options.memberIdSystem));
  yield* streamItems(source, position, {
    pageSize: env.options.streamPageSize,
    type: 'Patient',
    map,
  });
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
  const owned = spanOwner(filter);
  const map = (rows: readonly LegacySpan[], chunk: number) =>
    rows.map((span) => (owned && !owned(span, chunk) ? undefined : toCoverage(span, context)));
  const options = { pageSize: env.options.streamPageSize, type: 'Coverage', map };
  yield* streamItems(source, position, options);
}

async function* streamPayer(
  env: MembershipEnv,
  position: Position,
  since: Date | undefined,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  if (ctx.constraints.patientIds || position.after !== undefined) return;
  const organization = await payerOrganization(env, ctx.signal);
  const lastUpdated = organization.meta?.lastUpdated;
  if (since && lastUpdated && new Date(lastUpdated) < since) return;
  const cursor = encodeCursor({ chunk: 0, after: PAYER_DONE }, 'Organization');
  yield { resource: organization, cursor };
}

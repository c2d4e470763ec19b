/**
 * Patient read and search over the legacy member records (US Core and C4BB Patient).
 */
import type { Patient } from '@medplum/fhirtypes';
import type { RequestContext, SearchRequest, SearchResult } from '../sdk/contract.js';
import { patientAllowed, type MembershipEnv } from './env.js';
import { MAX_IDS_PER_QUERY, MAX_PAGE, MEMBER_ID, type LegacyMember } from './legacy-api.js';
import { toPatient } from './map-patient.js';
import { patientFilter, type MemberFilter } from './patient-query.js';
import {
  chunkedSource,
  collectPage,
  decodeCursor,
  emptyResult,
  START,
  toSearchResult,
  type ChunkedSource,
} from '../sdk/paging.js';

/** Reads Patient/{member id}; undefined when unknown or outside the request's patients. */
export async function readPatient(
  env: MembershipEnv,
  id: string,
  ctx: RequestContext,
): Promise<Patient | undefined> {
  if (!MEMBER_ID.test(id) || !patientAllowed(ctx, id)) return undefined;
  const member = await env.client.member(id, ctx.signal);
  return member && toPatient(member, env.options.memberIdSystem);
}

/** Searches members, one backend page per result page (plus one row to detect more). */
export async function searchPatients(
  env: MembershipEnv,
  req: SearchRequest,
  ctx: RequestContext,
): Promise<SearchResult> {
  const filter = patientFilter(req.criteria, ctx.constraints, env.options.memberIdSystem);
  if (!filter) return emptyResult(req.wantTotal);
  const start = req.cursor ? decodeCursor(req.cursor) : START;
  const options = { maxPage: MAX_PAGE, wantTotal: req.wantTotal };
  const page = await collectPage(memberSource(env, filter, ctx.signal), start, req.count, options);
  const patients = page.rows.map((member) => toPatient(member, env.options.memberIdSystem));
  return toSearchResult(patients, page);
}

/** Backend member pages for a filter, optionally only rows changed since an instant. */
export function memberSource(
  env: MembershipEnv,
  filter: MemberFilter,
  signal: AbortSignal,
  since?: Date,
): ChunkedSource<LegacyMember> {
  const updatedSince = since?.toISOString();
  return chunkedSource(
    filter.memberIds,
    MAX_IDS_PER_QUERY,
    (ids, page) =>
      env.client.members(
        { ...filter.search, memberId: ids?.join(','), updatedSince },
        page,
        signal,
      ),
    (member) => member.MBR_ID,
  );
}

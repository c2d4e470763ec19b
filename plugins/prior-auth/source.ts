/**
 * The backend query of a prior-authorization search as a keyset-paged source
 * (../sdk/paging.ts): member ids split into sorted chunks of at most
 * {@link MAX_IDS_PER_QUERY}, rows paged by request number. Every query carries the rule's
 * scope: non-drug types and `retainedOn` today (the retention window).
 */
import { chunkedSource, type ChunkedSource } from '../sdk/paging.js';
import type { AuthFilter } from './criteria.js';
import type { PriorAuthEnv } from './env.js';
import { MAX_IDS_PER_QUERY, type AuthSearch, type LegacyAuth } from './legacy-api.js';

/** The backend query for a filter, with the retention window of `today`. */
export function searchOf(filter: AuthFilter, today: string): AuthSearch {
  return {
    ...(filter.authNumbers ? { authNbr: filter.authNumbers.join(',') } : {}),
    ...(filter.statuses ? { status: filter.statuses.join(',') } : {}),
    ...(filter.statusChangedSince ? { statusChangedSince: filter.statusChangedSince } : {}),
    type: filter.types.join(','),
    retainedOn: today,
  };
}

/** A source over the filter's member-id chunks (one unrestricted chunk without ids). */
export function authSource(
  env: PriorAuthEnv,
  filter: AuthFilter,
  signal: AbortSignal,
): ChunkedSource<LegacyAuth> {
  const search = searchOf(filter, env.options.today());
  return chunkedSource(
    filter.memberIds,
    MAX_IDS_PER_QUERY,
    (ids, page) => {
      const query = ids ? { ...search, memberId: ids.join(',') } : search;
      return env.client.auths(query, page, signal);
    },
    (auth) => auth.AUTH_NBR,
  );
}

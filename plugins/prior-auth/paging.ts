/**
 * Paging over the backend's offset pages. A search limited to many member ids is split into
 * chunks of at most {@link MAX_IDS_PER_QUERY} ids; a position is (chunk, offset). Cursors carry
 * that position opaquely (base64url JSON). Every query carries the rule's scope: non-drug
 * types and `retainedOn` today (the retention window).
 */
import type { AuthSearch, LegacyAuth } from './legacy-api.js';
import { BadRequestError } from '../sdk/errors.js';
import type { BackendPage, BackendRows } from './backend.js';
import type { AuthFilter } from './criteria.js';
import type { PriorAuthEnv } from './env.js';
import { MAX_IDS_PER_QUERY } from './legacy-api.js';

/** Where a page or stream resumes. */
export interface Position {
  readonly chunk: number;
  readonly offset: number;
}

/** Request rows split into chunks of member ids. */
export interface AuthSource {
  readonly chunks: number;
  fetch(chunk: number, page: BackendPage): Promise<BackendRows<LegacyAuth>>;
}

/** The first position: chunk 0, offset 0. */
export const START: Position = { chunk: 0, offset: 0 };

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
export function authSource(env: PriorAuthEnv, filter: AuthFilter, signal: AbortSignal): AuthSource {
  const ids = filter.memberIds ? [...filter.memberIds].sort() : undefined;
  const chunks: (string | undefined)[] = ids ? [] : [undefined];
  for (let i = 0; ids && i < ids.length; i += MAX_IDS_PER_QUERY) {
    chunks.push(ids.slice(i, i + MAX_IDS_PER_QUERY).join(','));
  }
  const search = searchOf(filter, env.options.today());
  return {
    chunks: chunks.length,
    fetch: (chunk, page) => {
      const memberId = chunks[chunk];
      return env.client.auths(memberId ? { ...search, memberId } : search, page, signal);
    },
  };
}

/** Encodes a position as an opaque cursor. */
export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify({ v: 1, c: position.chunk, o: position.offset })).toString(
    'base64url',
  );
}

/** Decodes a cursor made by {@link encodeCursor}; a foreign or damaged one is a 400. */
export function decodeCursor(cursor: string): Position {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const { v, c, o } = (payload ?? {}) as Record<string, unknown>;
  if (v !== 1 || !isIndex(c) || !isIndex(o)) throw invalidCursor();
  return { chunk: c, offset: o };
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function invalidCursor(): BadRequestError {
  return new BadRequestError('The page cursor is invalid or has expired', {
    expression: ['cursor'],
  });
}

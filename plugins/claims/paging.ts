/**
 * Paging over the backend's offset pages, with an exact filter applied on the way. A query
 * limited to many member ids is split into chunks of at most {@link MAX_IDS_PER_QUERY} ids
 * (sorted, so chunk order is member order); a position is (chunk, backend offset) of the
 * next row to look at, so rows the filter drops never shift a page. Cursors carry it
 * opaquely (base64url JSON).
 */
import type { Resource, SearchResult } from '../sdk/contract.js';
import { BadRequestError } from '../sdk/errors.js';
import type { BackendPage, BackendRows } from './backend.js';
import { MAX_IDS_PER_QUERY, MAX_PAGE } from './legacy-api.js';

/** Where a page or stream resumes. */
export interface Position {
  readonly chunk: number;
  readonly offset: number;
}

/** Rows from a backend query split into chunks. */
export interface ChunkedSource<T> {
  readonly chunks: number;
  fetch(chunk: number, page: BackendPage): Promise<BackendRows<T>>;
}

/** One page gathered across chunks. */
export interface CollectedPage<T> {
  readonly rows: T[];
  readonly next?: Position;
  readonly total?: number;
}

export const START: Position = { chunk: 0, offset: 0 };

/** A source over `memberIds` chunks (or one unrestricted chunk when ids are undefined). */
export function chunkedSource<T>(
  memberIds: readonly string[] | undefined,
  fetch: (memberIds: string | undefined, page: BackendPage) => Promise<BackendRows<T>>,
): ChunkedSource<T> {
  const chunks: (string | undefined)[] = [];
  if (!memberIds) chunks.push(undefined);
  const sorted = memberIds ? [...memberIds].sort() : [];
  for (let i = 0; i < sorted.length; i += MAX_IDS_PER_QUERY) {
    chunks.push(sorted.slice(i, i + MAX_IDS_PER_QUERY).join(','));
  }
  return { chunks: chunks.length, fetch: (chunk, page) => fetch(chunks[chunk], page) };
}

/**
 * Collects up to `count` rows that pass `keep`, from `start`. The next position is that of
 * the first passing row left over, so a page is never followed by an empty one when the
 * filter is exact. A total is given only when the backend's count is exact (one chunk,
 * no filter) and was asked for.
 */
export async function collectPage<T>(
  source: ChunkedSource<T>,
  start: Position,
  count: number,
  options: { readonly wantTotal: boolean; readonly keep?: (row: T) => boolean },
): Promise<CollectedPage<T>> {
  if (count <= 0) return { rows: [], total: await countOnly(source, options) };
  const keep = options.keep ?? (() => true);
  let total: number | undefined;
  let askTotal = options.wantTotal && source.chunks === 1 && options.keep === undefined;
  const rows: T[] = [];
  let position = start;
  while (position.chunk < source.chunks) {
    const limit = options.keep ? MAX_PAGE : Math.min(count - rows.length + 1, MAX_PAGE);
    const page = await source.fetch(position.chunk, { ...position, limit, total: askTotal });
    if (askTotal) [total, askTotal] = [page.total, false];
    for (const [i, row] of page.rows.entries()) {
      if (!keep(row)) continue;
      if (rows.length === count) return { rows, next: at(position, i), total };
      rows.push(row);
    }
    position =
      page.rows.length === limit
        ? at(position, page.rows.length)
        : { chunk: position.chunk + 1, offset: 0 };
  }
  return { rows, total };
}

async function countOnly<T>(
  source: ChunkedSource<T>,
  options: { readonly wantTotal: boolean; readonly keep?: unknown },
): Promise<number | undefined> {
  if (!options.wantTotal || source.chunks !== 1 || options.keep !== undefined) return undefined;
  return (await source.fetch(0, { offset: 0, limit: 1, total: true })).total;
}

function at(position: Position, rows: number): Position {
  return { chunk: position.chunk, offset: position.offset + rows };
}

/** The contract's search result for a collected page of mapped resources. */
export function toSearchResult(
  resources: readonly Resource[],
  page: CollectedPage<unknown>,
): SearchResult {
  return {
    resources,
    ...(page.total === undefined ? {} : { total: page.total }),
    ...(page.next === undefined ? {} : { nextCursor: encodeCursor(page.next) }),
  };
}

/** An empty result, with a zero total when one was asked for. */
export function emptyResult(wantTotal: boolean): SearchResult {
  return wantTotal ? { resources: [], total: 0 } : { resources: [] };
}

/** Encodes a position as an opaque cursor. */
export function encodeCursor(position: Position): string {
  const payload = { v: 1, c: position.chunk, o: position.offset };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
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

/**
 * Paging over the backend's offset pages. A search limited to many member ids is split into
 * chunks of at most {@link MAX_IDS_PER_QUERY} ids (sorted, so chunk order is member order);
 * a position is (chunk, offset). Cursors carry that position opaquely (base64url JSON).
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
  for (let i = 0; memberIds && i < memberIds.length; i += MAX_IDS_PER_QUERY) {
    chunks.push(memberIds.slice(i, i + MAX_IDS_PER_QUERY).join(','));
  }
  return { chunks: chunks.length, fetch: (chunk, page) => fetch(chunks[chunk], page) };
}

/**
 * Collects up to `count` rows from `start`. Asks one row more than needed to learn whether
 * another page exists. The total is known only for a single chunk, when asked for.
 */
export async function collectPage<T>(
  source: ChunkedSource<T>,
  start: Position,
  count: number,
  wantTotal: boolean,
): Promise<CollectedPage<T>> {
  const totalKnowable = wantTotal && source.chunks === 1;
  if (count <= 0) return { rows: [], total: totalKnowable ? await countOnly(source) : undefined };
  const rows: T[] = [];
  let position = start;
  let total: number | undefined;
  while (position.chunk < source.chunks) {
    const need = count - rows.length;
    const limit = Math.min(need + 1, MAX_PAGE);
    const asked = totalKnowable && total === undefined;
    const page = await source.fetch(position.chunk, {
      offset: position.offset,
      limit,
      total: asked,
    });
    if (asked) total = page.total;
    rows.push(...page.rows.slice(0, need));
    if (page.rows.length > need) return { rows, next: advance(position, need), total };
    position =
      page.rows.length === limit
        ? advance(position, limit)
        : { chunk: position.chunk + 1, offset: 0 };
    if (rows.length === count && position.chunk < source.chunks) {
      return { rows, next: position, total };
    }
  }
  return { rows, total };
}

async function countOnly<T>(source: ChunkedSource<T>): Promise<number | undefined> {
  return (await source.fetch(0, { offset: 0, limit: 1, total: true })).total;
}

/** Every row of a small source (an `_id` search), in order. */
export async function collectAll<T>(source: ChunkedSource<T>): Promise<T[]> {
  const rows: T[] = [];
  for (let chunk = 0; chunk < source.chunks; chunk++) {
    for (let offset = 0; ; offset += MAX_PAGE) {
      const page = await source.fetch(chunk, { offset, limit: MAX_PAGE, total: false });
      rows.push(...page.rows);
      if (page.rows.length < MAX_PAGE) break;
    }
  }
  return rows;
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

function advance(position: Position, rows: number): Position {
  return { chunk: position.chunk, offset: position.offset + rows };
}

/** Encodes a position (and, for streams, the resource type) as an opaque cursor. */
export function encodeCursor(position: Position, type?: string): string {
  const payload = { v: 1, c: position.chunk, o: position.offset, ...(type ? { t: type } : {}) };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; a foreign or damaged one is a 400. */
export function decodeCursor(cursor: string): Position & { type?: string } {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const { v, c, o, t } = (payload ?? {}) as Record<string, unknown>;
  const valid = v === 1 && isIndex(c) && isIndex(o) && (t === undefined || typeof t === 'string');
  if (!valid) throw invalidCursor();
  return { chunk: c, offset: o, ...(t === undefined ? {} : { type: t }) };
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function invalidCursor(): BadRequestError {
  return new BadRequestError('The page cursor is invalid or has expired', {
    expression: ['cursor'],
  });
}

/**
 * Paging over backend queries. A search becomes a list of backend queries ("chunks": one per
 * collection and per alternative of a single-valued filter), walked in order; a position is
 * (chunk, offset) and cursors carry it opaquely (base64url JSON).
 */
import type { Resource, SearchResult } from '../sdk/contract.js';
import { BadRequestError } from '../sdk/errors.js';
import type { BackendPage, BackendRows, Row } from './backend.js';
import { MAX_PAGE } from './options.js';

/** Where a page or stream resumes. */
export interface Position {
  readonly chunk: number;
  readonly offset: number;
}

/** Backend queries walked one after the other. */
export interface ChunkedSource {
  readonly chunks: number;
  fetch(chunk: number, page: BackendPage): Promise<BackendRows>;
  map(chunk: number, row: Row): Resource;
}

/** One page gathered across chunks. */
export interface CollectedPage {
  readonly resources: Resource[];
  readonly next?: Position;
  readonly total?: number;
}

export const START: Position = { chunk: 0, offset: 0 };

/**
 * Collects up to `count` resources from `start`, asking one row more than needed to learn
 * whether another page exists. The total is known only for a single chunk.
 */
export async function collectPage(
  source: ChunkedSource,
  start: Position,
  count: number,
  wantTotal: boolean,
): Promise<CollectedPage> {
  const knowable = wantTotal && source.chunks === 1;
  if (count <= 0) {
    const total = knowable
      ? (await source.fetch(0, { offset: 0, limit: 1, total: true })).total
      : undefined;
    return { resources: [], total };
  }
  const resources: Resource[] = [];
  let position = start;
  let total: number | undefined;
  while (position.chunk < source.chunks) {
    const need = count - resources.length;
    const limit = Math.min(need + 1, MAX_PAGE);
    const asked = knowable && total === undefined;
    const page = await source.fetch(position.chunk, {
      offset: position.offset,
      limit,
      total: asked,
    });
    if (asked) total = page.total;
    const chunk = position.chunk;
    resources.push(...page.rows.slice(0, need).map((row) => source.map(chunk, row)));
    if (page.rows.length > need) {
      return { resources, next: { chunk, offset: position.offset + need }, total };
    }
    position =
      page.rows.length === limit
        ? { chunk, offset: position.offset + limit }
        : { chunk: chunk + 1, offset: 0 };
    if (resources.length === count && position.chunk < source.chunks) {
      return { resources, next: position, total };
    }
  }
  return { resources, total };
}

/** The contract's search result for a collected page. */
export function toSearchResult(page: CollectedPage): SearchResult {
  return {
    resources: page.resources,
    ...(page.total === undefined ? {} : { total: page.total }),
    ...(page.next === undefined ? {} : { nextCursor: encodeCursor(page.next) }),
  };
}

/** An empty result, with a zero total when one was asked for. */
export function emptyResult(wantTotal: boolean): SearchResult {
  return wantTotal ? { resources: [], total: 0 } : { resources: [] };
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

/**
 * Keyset paging over legacy backends, shared by every plugin (FHIR R4 §3.1.1.6 paging:
 * "servers SHOULD ensure that the paged results are consistent"; CMS-0057-F Patient Access
 * asks that paging stay consistent while data changes).
 *
 * Why keyset and not offset: with `offset=n`, a row inserted or deleted before position n
 * between two page requests shifts every later row, so the client sees a row twice or never.
 * Here a backend lists rows ordered by a stable unique key (the row's primary id) ascending,
 * and a page asks for rows `after=<key of the last row delivered>`. An insert or delete
 * anywhere never moves the rows still to come: nothing that exists throughout is skipped or
 * repeated; a row inserted ahead of the cursor is delivered, one inserted behind it is not.
 *
 * A search may need several backend queries ("chunks", e.g. at most N member ids per query),
 * walked in order. A {@link Position} is therefore (chunk, after). Cursors carry it opaquely
 * as base64url JSON; a malformed or foreign cursor is a 400.
 */
import type { Resource, SearchResult, StreamItem } from './contract.js';
import { BadRequestError } from './errors.js';

/** Where a page or stream resumes: the chunk, and the key of the last row delivered in it. */
export interface Position {
  readonly chunk: number;
  /** Key of the last row delivered from `chunk`; absent at the start of the chunk. */
  readonly after?: string;
}

/** The start of every source. */
export const START: Position = { chunk: 0 };

/** One keyset page request to a backend. */
export interface KeysetPage {
  /** Only rows whose key sorts after this one; absent for the first page. */
  readonly after?: string;
  readonly limit: number;
  /** Also count all matches (ignoring `after`). */
  readonly total: boolean;
}

/** Rows of one backend page, ordered by key ascending, with the total when asked for. */
export interface PageRows<T> {
  readonly rows: readonly T[];
  readonly total?: number;
}

/** Backend queries walked one after the other, each paged by key. */
export interface ChunkedSource<T> {
  readonly chunks: number;
  fetch(chunk: number, page: KeysetPage): Promise<PageRows<T>>;
  /** The stable unique key of a row, by which the backend orders the chunk ascending. */
  keyOf(row: T, chunk: number): string;
}

/** The query parameters of a keyset page in the legacy backends' common form. */
export function keysetQuery(page: KeysetPage): Record<string, string | number> {
  const query: Record<string, string | number> = {
    limit: page.limit,
    total: page.total ? 'Y' : 'N',
  };
  if (page.after !== undefined) query.after = page.after;
  return query;
}

/**
 * Splits ids into sorted chunks of at most `size` (backends cap the ids per query); sorting
 * makes chunk order independent of the order ids were given in, so a cursor stays valid.
 * Undefined ids (no restriction) give one unrestricted chunk.
 */
export function chunkIds(
  ids: readonly string[] | undefined,
  size: number,
): (readonly string[] | undefined)[] {
  if (ids === undefined) return [undefined];
  const sorted = [...new Set(ids)].sort();
  const chunks: string[][] = [];
  for (let i = 0; i < sorted.length; i += size) chunks.push(sorted.slice(i, i + size));
  return chunks;
}

/** A source over chunks of `ids` (see {@link chunkIds}), each fetched by `fetch`. */
export function chunkedSource<T>(
  ids: readonly string[] | undefined,
  size: number,
  fetch: (ids: readonly string[] | undefined, page: KeysetPage) => Promise<PageRows<T>>,
  keyOf: (row: T) => string,
): ChunkedSource<T> {
  const chunks = chunkIds(ids, size);
  return {
    chunks: chunks.length,
    fetch: (chunk, page) => fetch(chunks[chunk], page),
    keyOf: (row) => keyOf(row),
  };
}

/** How {@link collectPage} reads the source. */
export interface CollectOptions<T> {
  /** The backend's largest `limit`. */
  readonly maxPage: number;
  readonly wantTotal: boolean;
  /** An exact filter applied on the way (criteria the backend cannot express). */
  readonly keep?: (row: T, chunk: number) => boolean;
}

/** One page gathered across chunks. */
export interface CollectedPage<T> {
  readonly rows: T[];
  /** Where the next page starts; absent on the last page. */
  readonly next?: Position;
  readonly total?: number;
}

/**
 * Collects up to `count` rows (that pass `keep`) from `start`. Without a filter it asks one
 * row more than needed, to learn whether another page exists. The next position is the key
 * of the last row delivered. A total is given only when the backend's count is exact: one
 * chunk, no filter, and asked for.
 */
export async function collectPage<T>(
  source: ChunkedSource<T>,
  start: Position,
  count: number,
  options: CollectOptions<T>,
): Promise<CollectedPage<T>> {
  let askTotal = options.wantTotal && source.chunks === 1 && options.keep === undefined;
  if (count <= 0) return { rows: [], total: askTotal ? await countOnly(source) : undefined };
  const keep = options.keep ?? (() => true);
  const rows: T[] = [];
  let total: number | undefined;
  let position = start;
  while (position.chunk < source.chunks) {
    const { chunk, after } = position;
    const want = options.keep ? options.maxPage : count - rows.length + 1;
    const limit = Math.min(want, options.maxPage);
    const page = await source.fetch(chunk, { after, limit, total: askTotal });
    if (askTotal) [total, askTotal] = [page.total, false];
    for (const row of page.rows) {
      if (!keep(row, chunk)) continue;
      if (rows.length === count) return { rows, next: nextAfter(source, chunk, rows), total };
      rows.push(row);
    }
    position = endOf(source, position, page.rows, limit);
    if (rows.length === count && position.chunk < source.chunks && position.after === undefined) {
      return { rows, next: position, total };
    }
  }
  return { rows, total };
}

/** The position just after the last delivered row (which is from `chunk`). */
function nextAfter<T>(source: ChunkedSource<T>, chunk: number, rows: readonly T[]): Position {
  const last = rows[rows.length - 1] as T;
  return { chunk, after: source.keyOf(last, chunk) };
}

/** Where reading continues after a backend page: later in the chunk, or the next chunk. */
function endOf<T>(
  source: ChunkedSource<T>,
  position: Position,
  rows: readonly T[],
  limit: number,
): Position {
  const last = rows[rows.length - 1];
  if (rows.length < limit || last === undefined) return { chunk: position.chunk + 1 };
  return { chunk: position.chunk, after: source.keyOf(last, position.chunk) };
}

async function countOnly<T>(source: ChunkedSource<T>): Promise<number | undefined> {
  return (await source.fetch(0, { limit: 1, total: true })).total;
}

/** Every row of a small source (an `_id` search), in order. */
export async function collectAll<T>(source: ChunkedSource<T>, maxPage: number): Promise<T[]> {
  const rows: T[] = [];
  let position = START;
  while (position.chunk < source.chunks) {
    const page = await source.fetch(position.chunk, {
      after: position.after,
      limit: maxPage,
      total: false,
    });
    rows.push(...page.rows);
    position = endOf(source, position, page.rows, maxPage);
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

/** How {@link streamItems} reads and maps the source. */
export interface StreamOptions<T> {
  /** Rows per backend page (constant memory). */
  readonly pageSize: number;
  /** The resource type named in each cursor, for streams of several types. */
  readonly type?: string;
  /** Maps a page of rows, index for index; an undefined entry leaves that row out. */
  map(
    rows: readonly T[],
    chunk: number,
  ): readonly (Resource | undefined)[] | Promise<readonly (Resource | undefined)[]>;
}

/**
 * Streams every row of `source` from `start`, one backend page at a time, each item with a
 * cursor that resumes just after it (bulk export resumes an interrupted run from the last
 * cursor it wrote). Keyset positions keep the resume exact while data changes.
 */
export async function* streamItems<T>(
  source: ChunkedSource<T>,
  start: Position,
  options: StreamOptions<T>,
): AsyncGenerator<StreamItem> {
  let position = start;
  while (position.chunk < source.chunks) {
    const { chunk, after } = position;
    const page = await source.fetch(chunk, { after, limit: options.pageSize, total: false });
    const resources = await options.map(page.rows, chunk);
    for (const [i, row] of page.rows.entries()) {
      const resource = resources[i];
      if (resource === undefined) continue;
      const cursor = encodeCursor({ chunk, after: source.keyOf(row, chunk) }, options.type);
      yield { resource, cursor };
    }
    position = endOf(source, position, page.rows, options.pageSize);
  }
}

/** Where a stream of several types, in `order`, resumes. */
export interface StreamResume {
  /** Index in `order` of the type to resume; types before it are done. */
  readonly typeIndex: number;
  /** Position within that type; later types start at {@link START}. */
  readonly position: Position;
}

/** Decodes a stream cursor of a multi-type stream; no cursor starts at the first type. */
export function resumeStream(order: readonly string[], cursor: string | undefined): StreamResume {
  if (cursor === undefined) return { typeIndex: 0, position: START };
  const { type, ...position } = decodeCursor(cursor);
  const typeIndex = order.indexOf(type ?? '');
  if (typeIndex < 0) throw invalidCursor();
  return { typeIndex, position };
}

const CURSOR_VERSION = 2;
const MAX_CURSOR_LENGTH = 2048;

/** Encodes a position (and, for streams, the resource type) as an opaque cursor. */
export function encodeCursor(position: Position, type?: string): string {
  const payload = {
    v: CURSOR_VERSION,
    c: position.chunk,
    ...(position.after === undefined ? {} : { a: position.after }),
    ...(type === undefined ? {} : { t: type }),
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeCursor}. A damaged, foreign or outdated one (e.g. an
 * offset cursor from before keyset paging) is a 400 that tells the client to start over.
 */
export function decodeCursor(cursor: string): Position & { readonly type?: string } {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw invalidCursor();
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const { v, c, a, t } = isRecord(payload) ? payload : {};
  const valid = v === CURSOR_VERSION && isIndex(c) && isOptionalText(a) && isOptionalText(t);
  if (!valid) throw invalidCursor();
  return {
    chunk: c,
    ...(a === undefined ? {} : { after: a }),
    ...(t === undefined ? {} : { type: t }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isOptionalText(value: unknown): value is string | undefined {
  return value === undefined || (typeof value === 'string' && value.length > 0);
}

function invalidCursor(): BadRequestError {
  return new BadRequestError(
    'The page cursor is malformed, from another search, or has expired: start the search again',
    { expression: ['cursor'] },
  );
}

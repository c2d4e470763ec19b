/**
 * The opaque `_cursor` of `$everything` `next` links: which patient, which resource type of
 * the fixed walk order, and where in that type's source to resume (a plugin stream cursor or
 * a search page position). It holds no resources, so paging needs no server-side state and
 * memory stays constant however large the record. A cursor grants nothing: every page is
 * authorized and screened afresh.
 */
import { BadRequestError } from '../../plugins/sdk/errors.js';

/** Where a type's source resumes (see `sources.ts`); undefined is the type's beginning. */
export interface SourcePosition {
  /** Plugin stream cursor, or search cursor of the page to fetch. */
  readonly c?: string;
  /** Search fallback: matches of that page already returned. */
  readonly k?: number;
  /** Search fallback: the page size the position was taken at. */
  readonly n?: number;
}

/** A position in the whole walk. */
export interface WalkPosition {
  readonly type: string;
  readonly at?: SourcePosition;
}

interface CursorBody {
  readonly v: 1;
  readonly p: string;
  readonly t: string;
  readonly a?: SourcePosition;
}

/** Encodes a resume point of `patientId`'s record. */
export function encodeCursor(patientId: string, position: WalkPosition): string {
  const body: CursorBody = { v: 1, p: patientId, t: position.type, a: position.at };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** Decodes a cursor, checking it belongs to this patient and names a type of the walk. */
export function decodeCursor(
  cursor: string,
  patientId: string,
  types: readonly string[],
): WalkPosition {
  const body = parse(cursor);
  if (!body || body.v !== 1 || body.p !== patientId || !types.includes(body.t)) {
    throw new BadRequestError(
      'The _cursor is not valid for this request (repeat the request without it)',
      { expression: ['_cursor'] },
    );
  }
  return { type: body.t, at: body.a };
}

function parse(cursor: string): CursorBody | undefined {
  try {
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return isBody(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

function isBody(value: unknown): value is CursorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  const at = body.a as Record<string, unknown> | undefined;
  return (
    typeof body.p === 'string' &&
    typeof body.t === 'string' &&
    (at === undefined ||
      (typeof at === 'object' &&
        at !== null &&
        (at.c === undefined || typeof at.c === 'string') &&
        isCount(at.k, 0) &&
        isCount(at.n, 1)))
  );
}

function isCount(value: unknown, min: number): boolean {
  return value === undefined || (Number.isInteger(value) && (value as number) >= min);
}

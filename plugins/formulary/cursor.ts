/** Opaque page and stream cursors: an offset, and for streams the type (base64url JSON). */
import { BadRequestError } from '../sdk/errors.js';

/** Encodes an offset (and the stream type) as a cursor. */
export function encodeCursor(offset: number, type?: string): string {
  const payload = { v: 1, o: offset, ...(type ? { t: type } : {}) };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; a foreign or damaged one is a 400. */
export function decodeCursor(cursor: string): { offset: number; type?: string } {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    payload = undefined;
  }
  const { v, o, t } = (payload ?? {}) as Record<string, unknown>;
  const valid = v === 1 && typeof o === 'number' && Number.isSafeInteger(o) && o >= 0;
  if (!valid || (t !== undefined && typeof t !== 'string')) {
    throw new BadRequestError('The cursor is invalid or has expired', { expression: ['cursor'] });
  }
  return { offset: o, ...(typeof t === 'string' ? { type: t } : {}) };
}

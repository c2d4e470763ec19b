/**
 * Reading query parameters that express-openapi-validator has already checked, and the
 * paging convention every legacy mock shares: keyset paging, `after=<key of the last row>`
 * with `limit`, rows ordered by their unique key (consistent while data changes); the older
 * `offset` still works but shifts when rows before it come or go; `total=Y` to count.
 */
import type { Request } from 'express';
import { toLegacyTimestamp } from '../membership/legacy.js';

/** Paging of a list request. */
export interface Paging {
  /** Key of the last row of the previous page: only rows whose key sorts after it. */
  readonly after?: string;
  readonly offset: number;
  readonly limit: number;
  /** Count all matches (a second query). */
  readonly total: boolean;
}

/** A validated query parameter as a string (numbers are coerced by the validator). */
export function param(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? String(value) : undefined;
}

/** A comma-separated parameter as a list. */
export function listParam(req: Request, name: string): string[] | undefined {
  return param(req, name)?.split(',');
}

/** After key, offset, limit and total flag, with a default page size. */
export function paging(req: Request, defaultLimit = 50): Paging {
  return {
    after: param(req, 'after'),
    offset: Number(param(req, 'offset') ?? 0),
    limit: Number(param(req, 'limit') ?? defaultLimit),
    total: param(req, 'total') === 'Y',
  };
}

/** An ISO date-time parameter (any offset) as a legacy UTC timestamp, for comparisons. */
export function sinceParam(req: Request, name: string): string | undefined {
  const value = param(req, name);
  return value === undefined ? undefined : toLegacyTimestamp(new Date(value).toISOString());
}

/** The paged-list envelope: `TOTAL_CNT` (when counted), `OFFSET`, `LIMIT`, then the rows. */
export function envelope<T>(
  key: string,
  rows: readonly T[],
  page: Paging,
  total: number | undefined,
): Record<string, unknown> {
  const counted = total === undefined ? {} : { TOTAL_CNT: total };
  return { ...counted, OFFSET: page.offset, LIMIT: page.limit, [key]: rows };
}

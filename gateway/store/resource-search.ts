/**
 * Listing current resources with keyset paging. Rows are ordered by `seq`, fixed when a
 * resource is created, so a cursor (the last `seq` seen) stays valid while rows are added
 * or updated: new resources appear on later pages, none is skipped or repeated.
 * Search result paging: https://hl7.org/fhir/R4/http.html#paging.
 */
import type { Resource } from '@medplum/fhirtypes';
import { BadRequestError } from '../../plugins/sdk/errors.js';
import { placeholders, toInstant } from './sql-helpers.js';
import type { Queryable, ResourcePage, ResourceQuery, SqlValue } from './types.js';

interface Filter {
  readonly where: string;
  readonly params: readonly SqlValue[];
}

/** One page of current, non-deleted resources matching `query`, with the total count. */
export async function searchResources(db: Queryable, query: ResourceQuery): Promise<ResourcePage> {
  const filter = buildFilter(query);
  const limit = Math.max(0, Math.floor(query.limit));
  const after = query.cursor === undefined ? 0 : decodeCursor(query.cursor);

  const counted = await db.query<{ total: number }>(
    `SELECT COUNT(*) AS total FROM resources r WHERE ${filter.where}`,
    filter.params,
  );
  const total = Number(counted[0]?.total ?? 0);
  if (limit === 0) return { resources: [], total };

  const rows = await db.query<{ seq: number; content: string }>(
    `SELECT r.seq, r.content FROM resources r WHERE ${filter.where} AND r.seq > ?
     ORDER BY r.seq LIMIT ?`,
    [...filter.params, after, limit + 1],
  );
  const page = rows.slice(0, limit);
  const resources = page.map((row) => JSON.parse(row.content) as Resource);
  const cursors = page.map((row) => encodeCursor(Number(row.seq)));
  const last = page.at(-1);
  if (rows.length <= limit || !last) return { resources, total, cursors };
  return { resources, total, cursors, nextCursor: encodeCursor(Number(last.seq)) };
}

function buildFilter(query: ResourceQuery): Filter {
  const clauses = ['r.resource_type = ?', 'r.deleted = 0'];
  const params: SqlValue[] = [query.resourceType];
  const add = (clause: string, ...values: SqlValue[]): void => {
    clauses.push(clause);
    params.push(...values);
  };

  if (query.ids) add(inList('r.id', query.ids.length), ...query.ids);
  if (query.patientIds) add(inCompartments(query.patientIds.length), ...query.patientIds);
  if (query.updatedFrom !== undefined) {
    add('r.last_updated >= ?', toInstant(query.updatedFrom, '_lastUpdated'));
  }
  if (query.updatedTo !== undefined) {
    add('r.last_updated < ?', toInstant(query.updatedTo, '_lastUpdated'));
  }
  return { where: clauses.join(' AND '), params };
}

/** An empty list matches nothing (not everything). */
function inList(column: string, count: number): string {
  return count === 0 ? '1 = 0' : `${column} IN (${placeholders(count)})`;
}

function inCompartments(count: number): string {
  return `EXISTS (SELECT 1 FROM resource_patients p
    WHERE p.resource_type = r.resource_type AND p.id = r.id AND ${inList('p.patient_id', count)})`;
}

/** The cursor is opaque to clients: base64url of the last `seq` on the page. */
export function encodeCursor(seq: number): string {
  return Buffer.from(String(seq), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9]{1,15}$/.test(text)) {
    throw new BadRequestError('Invalid page cursor', { detail: 'cursor is not a keyset seq' });
  }
  return Number(text);
}

/**
 * Plans a search: for each collection of the type, the backend queries that together find
 * exactly the matches (filters of several criteria intersected; alternatives of a
 * single-valued filter fanned out into separate queries), as a {@link ChunkedSource}.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { SearchCriterion } from '../sdk/contract.js';
import { BadRequestError, UnknownSearchParamError } from '../sdk/errors.js';
import type { DirectoryClient, OrganizationIndex, Query } from './backend.js';
import { TRANSLATIONS, type Filter } from './criteria.js';
import type { ChunkedSource } from '../sdk/paging.js';
import { SOURCES, type Source } from './sources.js';

/** The most backend queries one search may fan out to. */
const MAX_CHUNKS = 200;
/** The most values one backend list filter takes (oas/directory-backend.yaml). */
const MAX_LIST = 20;

interface Chunk {
  readonly source: Source;
  readonly query: Query;
}

/** The backend queries of a search of `type` (criteria other than `_id`). */
export function planSearch(
  type: string,
  criteria: readonly SearchCriterion[],
  orgs: OrganizationIndex,
  extra: Query = {},
): Chunk[] {
  return (SOURCES[type] ?? []).flatMap((source) => {
    const filters = filtersOf(source, criteria, orgs);
    return filters
      ? queriesOf(filters).map((query) => ({ source, query: { ...query, ...extra } }))
      : [];
  });
}

/** A row of a collection, mapped, with its paging key (the record id). */
export interface MappedRow {
  readonly key: string;
  readonly resource: Resource;
}

/** A keyset-paged source over planned queries; each row comes mapped by its collection. */
export function chunkedSource(
  client: DirectoryClient,
  chunks: readonly Chunk[],
  orgs: OrganizationIndex,
  signal: AbortSignal,
): ChunkedSource<MappedRow> {
  return {
    chunks: chunks.length,
    fetch: async (index, page) => {
      const chunk = chunks[index];
      if (!chunk) return { rows: [] };
      const { source, query } = chunk;
      const found = await client.search(source.path, source.listKey, query, page, signal);
      const rows = found.rows.map((row) => ({
        key: String(row[source.idColumn]),
        resource: source.map(row, orgs),
      }));
      return { ...found, rows };
    },
    keyOf: (row) => row.key,
  };
}

/** Intersected filters of one collection; null when nothing there can match. */
function filtersOf(
  source: Source,
  criteria: readonly SearchCriterion[],
  orgs: OrganizationIndex,
): Map<string, Filter> | null {
  const table = TRANSLATIONS[source.key] ?? {};
  const merged = new Map<string, Filter>();
  for (const criterion of criteria) {
    const translate = table[criterion.name];
    if (!translate) {
      throw new UnknownSearchParamError(`Search parameter ${criterion.name} is not supported`, {
        expression: [criterion.name],
      });
    }
    const filters = translate(criterion, orgs);
    if (filters === null) return null;
    for (const filter of filters) {
      const previous = merged.get(filter.key);
      const values = previous
        ? filter.values.filter((v) => previous.values.includes(v))
        : filter.values;
      if (values.length === 0) return null;
      merged.set(filter.key, { ...filter, values });
    }
  }
  return merged;
}

/** Cartesian product of the single-valued filters' alternatives. */
function queriesOf(filters: Map<string, Filter>): Query[] {
  let queries: Record<string, string>[] = [{}];
  for (const filter of filters.values()) {
    const alternatives = filter.list ? listChunks(filter.values) : filter.values;
    queries = queries.flatMap((query) =>
      alternatives.map((value) => ({ ...query, [filter.key]: value })),
    );
    if (queries.length > MAX_CHUNKS) {
      throw new BadRequestError('The search names too many alternatives', {
        expression: [filter.key],
      });
    }
  }
  return queries;
}

function listChunks(values: readonly string[]): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < values.length; i += MAX_LIST) {
    chunks.push(values.slice(i, i + MAX_LIST).join(','));
  }
  return chunks;
}

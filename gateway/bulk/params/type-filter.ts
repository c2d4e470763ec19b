/**
 * `_typeFilter` (Bulk Data 2.0 "_typeFilter Experimental Query Parameter"): FHIR search
 * queries such as `Coverage?status=active` that narrow one type; several queries for a type
 * are ORed, the parameters of one query ANDed. The gateway evaluates them itself on every
 * streamed resource with the granular-scope matcher over the owning plugin's declared search
 * parameters, so only token, reference and string parameters without modifiers qualify.
 * Result parameters (`_include`, `_sort`, ...) are refused, as the spec requires.
 */
import type { SearchCriterion } from '../../../plugins/sdk/contract.js';
import { splitValues } from '../../fhir/search/parse.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import type { KickoffNotes } from './notes.js';

/** Parameter types {@link matchesCriteria} can evaluate. */
const MATCHABLE = new Set(['token', 'reference', 'string']);

/** Queries are separated by commas that start a new `Type?` (commas may appear in values). */
const QUERY_SEPARATOR = /,(?=[A-Z][A-Za-z]+\?)/;

type Filters = Record<string, SearchCriterion[][]>;

/**
 * Parses the `_typeFilter` values for the exported `types`. A query this server cannot
 * evaluate is refused (strict) or, under lenient handling, all filters of its type are
 * dropped: dropping only one of several ORed queries would export less than was asked.
 */
export function parseTypeFilters(
  values: readonly string[],
  types: readonly string[],
  registry: PluginRegistry,
  notes: KickoffNotes,
): Filters {
  const filters: Filters = {};
  const dropped = new Set<string>();
  for (const query of values.flatMap((value) => value.split(QUERY_SEPARATOR))) {
    const [type = '', search = ''] = query.split('?', 2);
    const problem = checkQuery(type, search, types, registry);
    if (problem) {
      notes.unsupported(`_typeFilter "${query}": ${problem}`, '_typeFilter');
      dropped.add(type);
      continue;
    }
    (filters[type] ??= []).push(criteriaOf(search));
  }
  for (const type of dropped) delete filters[type];
  return filters;
}

function checkQuery(
  type: string,
  search: string,
  types: readonly string[],
  registry: PluginRegistry,
): string | undefined {
  if (!types.includes(type)) return `${type || '(no type)'} is not among the exported types`;
  const params = registry.forType(type)?.capability.searchParams ?? [];
  const pairs = [...new URLSearchParams(search)];
  if (pairs.length === 0) return 'the query has no search parameters';
  for (const [key] of pairs) {
    const [name = '', modifier] = key.split(':', 2);
    if (name.startsWith('_') && name !== '_id') {
      return `result or control parameter ${name} is not allowed`;
    }
    const param = params.find((candidate) => candidate.name === name);
    if (!param) return `${type} has no search parameter ${name}`;
    if (modifier !== undefined) return `modifier :${modifier} is not supported in _typeFilter`;
    if (!MATCHABLE.has(param.type)) {
      return `${param.type} parameter ${name} is not supported in _typeFilter`;
    }
  }
  return undefined;
}

function criteriaOf(search: string): SearchCriterion[] {
  return [...new URLSearchParams(search)].map(([name, value]) => ({
    name,
    values: splitValues(value),
  }));
}

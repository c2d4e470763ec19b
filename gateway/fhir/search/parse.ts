/**
 * Parses a FHIR search query (R4 §3.1.1 "Search") into the criteria a plugin sees and the
 * result parameters the gateway applies itself. Unknown parameters are ignored unless the
 * client sent `Prefer: handling=strict` (§3.1.1.5.1); an unsupported modifier is always an
 * error, because ignoring it would change the meaning of the search.
 */
import type { ResourceCapability, SearchCriterion } from '../../../plugins/sdk/contract.js';
import { BadRequestError, UnknownSearchParamError } from '../../../plugins/sdk/errors.js';
import type { QueryPairs } from '../types.js';

/** Result parameters and the criteria that survived validation. */
export interface ParsedSearch {
  readonly criteria: readonly SearchCriterion[];
  readonly count: number;
  readonly cursor?: string;
  readonly include: readonly string[];
  readonly revinclude: readonly string[];
  readonly total: 'none' | 'estimate' | 'accurate';
  readonly summaryCount: boolean;
  /** The query as understood, for the Bundle's `self` link (ignored parameters dropped). */
  readonly understood: QueryPairs;
}

export interface PagingLimits {
  readonly defaultCount: number;
  readonly maxCount: number;
}

/** Parameters that apply to every interaction and never reach a plugin. */
const GENERAL = new Set(['_format', '_pretty']);
const RESULT = new Set(['_count', '_cursor', '_include', '_revinclude', '_total', '_summary']);

/** Parses and validates a search query against what the owning plugin declared. */
export function parseSearch(
  query: QueryPairs,
  capability: ResourceCapability,
  limits: PagingLimits,
  strict: boolean,
): ParsedSearch {
  const criteria: SearchCriterion[] = [];
  const understood: Array<readonly [string, string]> = [];
  const result = new Map<string, string[]>();

  for (const [key, value] of query) {
    if (GENERAL.has(key)) continue;
    if (RESULT.has(key)) {
      result.set(key, [...(result.get(key) ?? []), value]);
      if (key !== '_include' && key !== '_revinclude') understood.push([key, value]);
      continue;
    }
    const criterion = parseCriterion(key, value, capability, strict);
    if (!criterion) continue;
    criteria.push(criterion);
    understood.push([key, value]);
  }
  const params = resultParams(result, capability, limits, strict);
  understood.push(...params.include.map((value) => ['_include', value] as const));
  understood.push(...params.revinclude.map((value) => ['_revinclude', value] as const));
  return { criteria, understood, ...params };
}

/**
 * Checks one plain `name[:modifier]=values` parameter against the declaration: undefined
 * when unknown and not strict. Also used for the last hop of a chain (`chain.ts`).
 */
export function parseCriterion(
  key: string,
  value: string,
  capability: ResourceCapability,
  strict: boolean,
): SearchCriterion | undefined {
  const [name = '', modifier] = key.split(':', 2);
  const definition = capability.searchParams.find(
    (param) => param.name === name && !param.includeOnly,
  );
  if (!definition || name.includes('.')) {
    if (!strict) return undefined;
    throw new UnknownSearchParamError(`Unknown search parameter "${key}" for ${capability.type}`, {
      expression: [key],
    });
  }
  if (modifier !== undefined && !(definition.modifiers ?? []).includes(modifier)) {
    throw new UnknownSearchParamError(
      `Modifier ":${modifier}" is not supported on search parameter "${name}" of ${capability.type}`,
      { expression: [key] },
    );
  }
  const values = splitValues(value);
  if (values.length === 0) {
    throw new BadRequestError(`Search parameter "${key}" has an empty value`, {
      expression: [key],
    });
  }
  return modifier === undefined ? { name, values } : { name, modifier, values };
}

/** Splits on commas not escaped with a backslash (§3.1.1.4.7), unescaping `\,`. */
export function splitValues(value: string): string[] {
  return value
    .split(/(?<!\\),/)
    .map((part) => part.replace(/\\,/g, ','))
    .filter((part) => part !== '');
}

function resultParams(
  result: Map<string, string[]>,
  capability: ResourceCapability,
  limits: PagingLimits,
  strict: boolean,
) {
  return {
    count: parseCount(single(result, '_count'), limits),
    cursor: single(result, '_cursor'),
    include: checkIncludes(
      result.get('_include') ?? [],
      capability.searchIncludes,
      '_include',
      strict,
    ),
    revinclude: checkIncludes(
      result.get('_revinclude') ?? [],
      capability.searchRevIncludes,
      '_revinclude',
      strict,
    ),
    total: parseTotal(single(result, '_total')),
    summaryCount: single(result, '_summary') === 'count',
  };
}

function single(result: Map<string, string[]>, key: string): string | undefined {
  const values = result.get(key);
  if (values && values.length > 1) {
    throw new BadRequestError(`Search result parameter "${key}" may appear only once`, {
      expression: [key],
    });
  }
  return values?.[0];
}

function parseCount(raw: string | undefined, limits: PagingLimits): number {
  if (raw === undefined) return limits.defaultCount;
  if (!/^\d+$/.test(raw)) {
    throw new BadRequestError(`_count must be a non-negative whole number, got "${raw}"`, {
      expression: ['_count'],
    });
  }
  return Math.min(Number(raw), limits.maxCount);
}

function parseTotal(raw: string | undefined): ParsedSearch['total'] {
  if (raw === undefined) return 'accurate';
  if (raw === 'none' || raw === 'estimate' || raw === 'accurate') return raw;
  throw new BadRequestError(`_total must be none, estimate or accurate, got "${raw}"`, {
    expression: ['_total'],
  });
}

function checkIncludes(
  values: readonly string[],
  supported: readonly string[] | undefined,
  key: string,
  strict: boolean,
): string[] {
  const known = new Set(supported ?? []);
  const accepted = values.filter(
    (value) => known.has(value) || known.has(value.split(':', 3).slice(0, 2).join(':')),
  );
  const rejected = values.filter((value) => !accepted.includes(value));
  if (strict && rejected.length > 0) {
    throw new UnknownSearchParamError(`Unsupported ${key} value(s): ${rejected.join(', ')}`, {
      expression: [key],
    });
  }
  return accepted;
}

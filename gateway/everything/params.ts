/**
 * The input parameters of Patient `$everything` (R4 OperationDefinition Patient-everything:
 * `start`, `end` (date), `_since` (instant), `_type` (code, 0..*), `_count` (integer)), read
 * from the query of a GET or from the Parameters body of a POST, and validated: a malformed
 * value is a 400 OperationOutcome naming the parameter, never silently ignored.
 */
import type { Parameters, ParametersParameter } from '@medplum/fhirtypes';
import { BadRequestError } from '../../plugins/sdk/errors.js';
import type { PagingLimits } from '../fhir/search/parse.js';
import { splitValues } from '../fhir/search/parse.js';
import type { FhirRequest, QueryPairs } from '../fhir/types.js';
import type { PluginRegistry } from '../plugins/registry.js';
import { dateSpan, type CareRange } from './care-dates.js';

/** The operation's parameters, validated. */
export interface EverythingParams {
  /** Only resources whose `meta.lastUpdated` is at or after this instant (ms since epoch). */
  readonly since?: number;
  /** The types asked for with `_type`; undefined means every type. */
  readonly types?: ReadonlySet<string>;
  /** Page size, bounded by the gateway's `maxCount`. */
  readonly count: number;
  /** The opaque cursor of a `next` link. */
  readonly cursor?: string;
  /** `start` and `end`: the care-date range (care-dates.ts); undefined when neither is given. */
  readonly care?: CareRange;
  /** The parameters as understood, for the Bundle's `self` and `next` links. */
  readonly query: QueryPairs;
}

const KNOWN = new Set(['_since', '_type', '_count', '_cursor', 'start', 'end']);
const GENERAL = new Set(['_format', '_pretty']);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const TYPE_NAME = /^[A-Z][A-Za-z]{1,63}$/;

/** Reads and validates the parameters of a `$everything` request. */
export function everythingParams(
  req: FhirRequest,
  registry: PluginRegistry,
  limits: PagingLimits,
): EverythingParams {
  const pairs = [...req.query, ...bodyPairs(req)].filter(([name]) => !GENERAL.has(name));
  const unknown = pairs.filter(([name]) => !KNOWN.has(name)).map(([name]) => name);
  if (req.strictHandling && unknown.length > 0) {
    throw invalid(`Unknown $everything parameter(s): ${unknown.join(', ')}`, unknown[0] ?? '');
  }
  const query = pairs.filter(([name]) => KNOWN.has(name));
  const care = parseCare(single(query, 'start'), single(query, 'end'));
  return {
    since: parseSince(single(query, '_since')),
    types: parseTypes(valuesOf(query, '_type'), registry),
    count: parseCount(single(query, '_count'), limits),
    cursor: single(query, '_cursor'),
    ...(care ? { care } : {}),
    query,
  };
}

/** POST: the Parameters resource turned into name/value pairs like a query string. */
function bodyPairs(req: FhirRequest): Array<readonly [string, string]> {
  if (req.method !== 'POST' || req.body === undefined) return [];
  const body = req.body;
  if (!isParameters(body)) {
    throw new BadRequestError('The $everything input must be a Parameters resource');
  }
  return (body.parameter ?? []).map((parameter) => [parameter.name ?? '', valueOf(parameter)]);
}

function isParameters(body: unknown): body is Parameters {
  return (
    typeof body === 'object' &&
    body !== null &&
    (body as { resourceType?: unknown }).resourceType === 'Parameters'
  );
}

function valueOf(parameter: ParametersParameter): string {
  const value =
    parameter.valueInstant ??
    parameter.valueDateTime ??
    parameter.valueDate ??
    parameter.valueCode ??
    parameter.valueString ??
    parameter.valueInteger ??
    parameter.valuePositiveInt ??
    parameter.valueUnsignedInt;
  if (value === undefined) {
    throw invalid(`Parameter "${parameter.name ?? ''}" has no supported value[x]`, 'parameter');
  }
  return String(value);
}

function single(query: QueryPairs, name: string): string | undefined {
  const values = valuesOf(query, name);
  if (values.length > 1) throw invalid(`Parameter "${name}" may appear only once`, name);
  return values[0];
}

function valuesOf(query: QueryPairs, name: string): string[] {
  return query.filter(([key]) => key === name).map(([, value]) => value);
}

function parseSince(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const time = Date.parse(raw);
  if (!INSTANT.test(raw) || Number.isNaN(time)) {
    throw invalid(
      `_since must be a FHIR instant with a time zone (e.g. 2024-01-31T00:00:00Z), got "${raw}"`,
      '_since',
    );
  }
  return time;
}

function parseTypes(
  raw: readonly string[],
  registry: PluginRegistry,
): ReadonlySet<string> | undefined {
  if (raw.length === 0) return undefined;
  const types = raw.flatMap(splitValues);
  if (types.length === 0) throw invalid('_type must name at least one resource type', '_type');
  for (const type of types) {
    if (!TYPE_NAME.test(type)) throw invalid(`_type: "${type}" is not a resource type`, '_type');
    if (!registry.forType(type)) {
      throw invalid(`_type: resource type "${type}" is not served by this server`, '_type');
    }
  }
  return new Set(types);
}

function parseCount(raw: string | undefined, limits: PagingLimits): number {
  if (raw === undefined) return limits.defaultCount;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) {
    throw invalid(`_count must be a positive whole number, got "${raw}"`, '_count');
  }
  return Math.min(Number(raw), limits.maxCount);
}

/** `start` from the beginning of its date, `end` to the end of its (R4 `date`: YYYY[-MM[-DD]]). */
function parseCare(start: string | undefined, end: string | undefined): CareRange | undefined {
  if (start === undefined && end === undefined) return undefined;
  const from = start === undefined ? undefined : careDate('start', start)[0];
  const to = end === undefined ? undefined : careDate('end', end)[1];
  if (from !== undefined && to !== undefined && from >= to) {
    throw new BadRequestError(`start (${start}) is after end (${end})`, {
      expression: ['start', 'end'],
    });
  }
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

function careDate(name: string, raw: string): readonly [number, number] {
  const span = DATE.test(raw) ? dateSpan(raw) : undefined;
  if (!span || !isCalendarDate(raw)) {
    throw invalid(`${name} must be a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD), got "${raw}"`, name);
  }
  return span;
}

/** Rejects days a month does not have (2023-02-29). */
function isCalendarDate(raw: string): boolean {
  const [year, month, day] = raw.split('-').map(Number);
  if (day === undefined) return true;
  return new Date(Date.UTC(year as number, (month as number) - 1, day)).getUTCDate() === day;
}

function invalid(message: string, expression: string): BadRequestError {
  return new BadRequestError(message, { expression: [expression] });
}

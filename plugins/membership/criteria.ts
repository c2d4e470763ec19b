/**
 * Reading FHIR search criteria (R4 §3.1.1.4 search parameter types) into what the legacy
 * backend can filter on. Anything the backend cannot express is refused with a 400 naming the
 * parameter, never silently ignored (R4 §3.1.1.4: a server must not ignore a parameter it
 * claims to support).
 */
import type { SearchCriterion } from '../sdk/contract.js';
import { BadRequestError } from '../sdk/errors.js';

/** A parsed token (`code`, `system|code`, `|code` or `system|`). */
export interface Token {
  /** undefined: any system; '': no system; otherwise the system URI. */
  readonly system?: string;
  /** undefined for `system|` (any code in the system). */
  readonly code?: string;
}

/** An inclusive range of legacy dates (`YYYYMMDD`); bounds absent when open. */
export interface DateRange {
  readonly from?: string;
  readonly to?: string;
}

/** Parses a token value. */
export function parseToken(value: string): Token {
  const bar = value.indexOf('|');
  if (bar < 0) return { code: value };
  const code = value.slice(bar + 1);
  return { system: value.slice(0, bar), ...(code === '' ? {} : { code }) };
}

/**
 * The ids a reference value names for `type`: `Type/id`, a bare `id`, or an absolute URL
 * ending in `Type/id`. A reference to another type names nothing.
 */
export function referencedId(value: string, type: string): string | undefined {
  const match = /^(?:.*\/)?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(value);
  if (match) return match[1] === type ? match[2] : undefined;
  return /^[A-Za-z0-9\-.]{1,64}$/.test(value) ? value : undefined;
}

/** Intersects an id restriction with more ids (an AND); undefined means "no restriction". */
export function narrow(current: readonly string[] | undefined, next: readonly string[]): string[] {
  if (current === undefined) return [...new Set(next)];
  const allowed = new Set(next);
  return current.filter((id) => allowed.has(id));
}

/** The single value of a criterion; the backend cannot OR this parameter. */
export function singleValue(criterion: SearchCriterion): string {
  const [value, ...rest] = criterion.values;
  if (value === undefined || rest.length > 0) {
    throw new BadRequestError(`Search parameter ${criterion.name} accepts a single value here`, {
      expression: [criterion.name],
    });
  }
  return value;
}

/** Refuses a modifier the plugin did not declare for the parameter. */
export function checkModifier(criterion: SearchCriterion, allowed: readonly string[]): void {
  if (criterion.modifier === undefined || allowed.includes(criterion.modifier)) return;
  throw new BadRequestError(
    `Modifier :${criterion.modifier} is not supported on ${criterion.name}`,
    {
      expression: [criterion.name],
    },
  );
}

/**
 * Legacy wildcard pattern for a FHIR string search: starts-with by default, `:exact` and
 * `:contains`. Undefined when the value holds characters no name can contain (no match).
 */
export function namePattern(criterion: SearchCriterion): string | undefined {
  const value = singleValue(criterion).trim();
  if (!/^[A-Za-z' .-]{1,48}$/.test(value)) return undefined;
  if (criterion.modifier === 'exact') return value;
  if (criterion.modifier === 'contains') return `*${value}*`;
  return `${value}*`;
}

/**
 * The range a date criterion allows (R4 §3.1.1.4.2): prefixes eq (default), ge, gt, le, lt on
 * a date of year, month or day precision. Other prefixes and date-times are refused.
 */
export function dateCriterionRange(criterion: SearchCriterion): DateRange {
  const raw = singleValue(criterion);
  const prefix = /^[a-z]{2}/.test(raw) ? raw.slice(0, 2) : 'eq';
  const value = /^[a-z]{2}/.test(raw) ? raw.slice(2) : raw;
  const bounds = dateBounds(value, criterion.name);
  switch (prefix) {
    case 'eq':
      return { from: bounds.first, to: bounds.last };
    case 'ge':
      return { from: bounds.first };
    case 'gt':
      return { from: shiftDay(bounds.last, 1) };
    case 'le':
      return { to: bounds.last };
    case 'lt':
      return { to: shiftDay(bounds.first, -1) };
    default:
      throw new BadRequestError(`Prefix ${prefix} is not supported on ${criterion.name}`, {
        expression: [criterion.name],
      });
  }
}

/** Intersects two ranges (an AND of two date criteria). */
export function intersectRanges(a: DateRange, b: DateRange): DateRange {
  const from = a.from === undefined || (b.from !== undefined && b.from > a.from) ? b.from : a.from;
  const to = a.to === undefined || (b.to !== undefined && b.to < a.to) ? b.to : a.to;
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

/** First and last legacy day a FHIR date of any precision covers. */
function dateBounds(value: string, name: string): { first: string; last: string } {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) {
    throw new BadRequestError(`${name} must be a date (YYYY, YYYY-MM or YYYY-MM-DD)`, {
      expression: [name],
    });
  }
  const [, year = '', month, day] = match;
  if (day !== undefined) return { first: `${year}${month}${day}`, last: `${year}${month}${day}` };
  if (month !== undefined) return { first: `${year}${month}01`, last: lastDayOfMonth(year, month) };
  return { first: `${year}0101`, last: `${year}1231` };
}

function lastDayOfMonth(year: string, month: string): string {
  const day = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return `${year}${month}${String(day).padStart(2, '0')}`;
}

function shiftDay(legacy: string, days: number): string {
  const time = Date.UTC(
    Number(legacy.slice(0, 4)),
    Number(legacy.slice(4, 6)) - 1,
    Number(legacy.slice(6, 8)),
  );
  return new Date(time + days * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * FHIR date search values (R4 §3.1.1.4.2: prefixes and implicit ranges of partial dates)
 * as legacy day ranges and instant ranges.
 */
import { BadRequestError } from '../sdk/errors.js';

/** An inclusive range of legacy days (`YYYYMMDD`). */
export interface Range {
  readonly from: string;
  readonly to: string;
}

const PREFIXES = ['eq', 'ge', 'gt', 'le', 'lt'] as const;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

function split(value: string, name: string): { prefix: string; rest: string } {
  const head = value.slice(0, 2);
  if (/^[a-z]{2}$/.test(head)) {
    if (!(PREFIXES as readonly string[]).includes(head)) throw bad(name, value);
    return { prefix: head, rest: value.slice(2) };
  }
  return { prefix: 'eq', rest: value };
}

function bad(name: string, value: string): BadRequestError {
  return new BadRequestError(`Invalid date value ${value}`, { expression: [name] });
}

/** A date value (year, month or day) as a prefix and its day range. */
export function dateRange(value: string, name: string): { prefix: string; range: Range } {
  const { prefix, rest } = split(value, name);
  const match = DATE.exec(rest.slice(0, 10));
  if (!match || (rest.length > 10 && !DATE_TIME.test(rest))) throw bad(name, value);
  const [, year = '', month, day] = match;
  if (day !== undefined) {
    const only = `${year}${month}${day}`;
    return { prefix, range: { from: only, to: only } };
  }
  if (month !== undefined) {
    const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
    return { prefix, range: { from: `${year}${month}01`, to: `${year}${month}${last}` } };
  }
  return { prefix, range: { from: `${year}0101`, to: `${year}1231` } };
}

/** A date or dateTime value as a prefix and its instant range [start, end) in ms. */
export function instantRange(
  value: string,
  name: string,
): { prefix: string; start: number; end: number } {
  const { prefix, rest } = split(value, name);
  if (DATE_TIME.test(rest)) {
    const start = Date.parse(rest);
    const precision = rest.includes('.') ? 1 : rest.length > 16 && rest[16] === ':' ? 1000 : 60000;
    return { prefix, start, end: start + precision };
  }
  const { range } = dateRange(rest, name);
  return { prefix, start: msOf(range.from), end: msOf(addDays(range.to, 1)) };
}

function msOf(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)));
}

/** A legacy day moved by `days`. */
export function addDays(day: string, days: number): string {
  const date = new Date(msOf(day) + days * 86_400_000);
  return date.toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * FHIR date search values (R4 §3.1.1.4.6: prefixes eq, ne, gt, lt, ge, le, sa, eb, ap and
 * year, month, day or instant precision) reduced to what the clinical backend filters on:
 * inclusive `YYYYMMDD` day bounds. A value with a time is taken at day precision (every
 * match of the exact value is kept; at most that day's other rows are added). `_lastUpdated`
 * is checked exactly against the record's update instant.
 */
import { BadRequestError } from '../sdk/errors.js';

/** Inclusive day bounds (`YYYYMMDD`); either may be open. */
export interface DayBounds {
  readonly from?: string;
  readonly to?: string;
}

const DATE_VALUE =
  /^(eq|gt|lt|ge|le)?(\d{4})(?:-(\d{2})(?:-(\d{2})(T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))?)?)?$/;

/** The day bounds of one date search value; a malformed value or prefix is a 400. */
export function dayBounds(value: string, param: string): DayBounds {
  const match = DATE_VALUE.exec(value);
  if (!match) throw badDate(param, value);
  const [, prefix = 'eq', year, month, day] = match;
  const first = `${year}${month ?? '01'}${day ?? '01'}`;
  const last = day ? first : month ? lastDayOf(Number(year), Number(month)) : `${year}1231`;
  if (prefix === 'eq') return { from: first, to: last };
  if (prefix === 'ge') return { from: first };
  if (prefix === 'le') return { to: last };
  if (prefix === 'gt') return { from: shiftDay(last, 1) };
  return { to: shiftDay(first, -1) };
}

/** The intersection of bounds. */
export function narrow(current: DayBounds, next: DayBounds): DayBounds {
  const from = [current.from, next.from].filter(Boolean).sort().pop();
  const to = [current.to, next.to].filter(Boolean).sort()[0];
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** True when bounds can match nothing. */
export function isEmpty(bounds: DayBounds): boolean {
  return bounds.from !== undefined && bounds.to !== undefined && bounds.from > bounds.to;
}

/** True when a `YYYYMMDD` day is inside the bounds. */
export function inBounds(day: string, bounds: DayBounds): boolean {
  return (
    (bounds.from === undefined || day >= bounds.from) &&
    (bounds.to === undefined || day <= bounds.to)
  );
}

/** An `_lastUpdated` value as a predicate on an instant (ms), plus the lower bound if any. */
export function instantTest(value: string): { since?: string; test: (ms: number) => boolean } {
  const match =
    /^(eq|gt|lt|ge|le)?(\d{4}(?:-\d{2}(?:-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))?)?)?)$/.exec(
      value,
    );
  if (!match) throw badDate('_lastUpdated', value);
  const [, prefix = 'eq', text = ''] = match;
  const { start, end } = instantRange(text);
  const tests: Record<string, (ms: number) => boolean> = {
    eq: (ms) => ms >= start && ms < end,
    ge: (ms) => ms >= start,
    gt: (ms) => ms >= end,
    le: (ms) => ms < end,
    lt: (ms) => ms < start,
  };
  const since = prefix === 'eq' || prefix === 'ge' ? start : prefix === 'gt' ? end : undefined;
  return {
    ...(since === undefined ? {} : { since: new Date(since).toISOString() }),
    test: tests[prefix] as (ms: number) => boolean,
  };
}

/** The instants a value of some precision covers: [start, end). */
function instantRange(text: string): { start: number; end: number } {
  if (text.includes('T')) {
    const start = Date.parse(text);
    if (Number.isNaN(start)) throw badDate('_lastUpdated', text);
    return { start, end: start + 1000 };
  }
  const [year, month, day] = text.split('-').map(Number) as [number, number?, number?];
  const start = Date.UTC(year, (month ?? 1) - 1, day ?? 1);
  const end =
    day !== undefined
      ? Date.UTC(year, (month ?? 1) - 1, day + 1)
      : month !== undefined
        ? Date.UTC(year, month, 1)
        : Date.UTC(year + 1, 0, 1);
  return { start, end };
}

function lastDayOf(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

function shiftDay(day: string, delta: number): string {
  const date = new Date(
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))),
  );
  date.setUTCDate(date.getUTCDate() + delta);
  return date.toISOString().slice(0, 10).replaceAll('-', '');
}

function badDate(param: string, value: string): BadRequestError {
  return new BadRequestError(`Invalid date value for ${param}: ${value}`, { expression: [param] });
}

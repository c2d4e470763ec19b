/**
 * Date search (FHIR R4 §3.1.1.4.4 `date`): a value with an optional prefix (`eq`, `ne`,
 * `gt`, `lt`, `ge`, `le`) and the implicit range of its precision (`2026` is the whole
 * year). A target is a range too (a Period, or an instant of one millisecond). `eq` asks
 * the target to lie within the value's range; `gt`/`lt` that it reach past its upper /
 * before its lower bound; `ge`/`le` that it overlap the range from its lower / up to its
 * upper bound. Used by `_lastUpdated` and `period` on every formulary type.
 */
import type { SearchCriterion } from '../sdk/contract.js';
import { BadRequestError } from '../sdk/errors.js';

/** A parsed date criterion value: prefix and range [low, high) in epoch milliseconds. */
export interface DateBound {
  readonly prefix: 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le';
  readonly low: number;
  readonly high: number;
}

const PREFIXES = ['eq', 'ne', 'gt', 'lt', 'ge', 'le'] as const;
const VALUE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/** Parses one value, e.g. `ge2026-01-01`; anything else is a 400 naming the parameter. */
export function parseDate(name: string, raw: string): DateBound {
  const prefix = PREFIXES.find((p) => raw.startsWith(p)) ?? 'eq';
  const text = raw.startsWith(prefix) ? raw.slice(2) : raw;
  const match = VALUE.exec(text);
  if (!match) throw new BadRequestError(`${name}: invalid date ${raw}`, { expression: [name] });
  const [, y, mo, d, h, mi, s, zone] = match;
  const parts = [y, mo, d, h, mi, s].map((part) => (part === undefined ? undefined : +part));
  const [year = 0, month, day, hour, minute, second] = parts;
  const offset = zone === undefined || zone === 'Z' ? 0 : zoneMs(zone);
  const at = (...f: number[]) =>
    Date.UTC(year, f[0] ?? 0, f[1] ?? 1, f[2] ?? 0, f[3] ?? 0, f[4] ?? 0);
  if (month === undefined) return { prefix, low: at(0), high: at(12) };
  if (day === undefined) return { prefix, low: at(month - 1), high: at(month) };
  if (hour === undefined) return { prefix, low: at(month - 1, day), high: at(month - 1, day + 1) };
  const low = at(month - 1, day, hour, minute ?? 0, second ?? 0) - offset;
  return { prefix, low, high: low + (second === undefined ? 60_000 : 1000) };
}

function zoneMs(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
}

/** Whether a target range [from, to) matches the bound. */
export function matchesDate(bound: DateBound, from: number, to: number): boolean {
  const inside = from >= bound.low && to <= bound.high;
  switch (bound.prefix) {
    case 'eq':
      return inside;
    case 'ne':
      return !inside;
    case 'gt':
      return to > bound.high;
    case 'lt':
      return from < bound.low;
    case 'ge':
      return to > bound.low;
    case 'le':
      return from < bound.high;
  }
}

/** The bounds of a criterion: OR of its values (a repeated parameter is another criterion). */
export function dateBounds(criterion: SearchCriterion): DateBound[] {
  if (criterion.modifier !== undefined) {
    throw new BadRequestError(
      `Modifier :${criterion.modifier} is not supported on ${criterion.name}`,
      {
        expression: [criterion.name],
      },
    );
  }
  return criterion.values.map((value) => parseDate(criterion.name, value));
}

/** The range of a Period (open ends unbounded; a date end covers its whole day). */
export function periodRange(
  period: { start?: string; end?: string } | undefined,
): [number, number] {
  const start = period?.start ? parseDate('period', period.start).low : -Infinity;
  const end = period?.end ? parseDate('period', period.end).high : Infinity;
  return [start, end];
}

/** The range of an instant (one millisecond). */
export function instantRange(instant: string | undefined): [number, number] {
  const at = instant ? Date.parse(instant) : NaN;
  return Number.isNaN(at) ? [NaN, NaN] : [at, at + 1];
}

/**
 * Backend bounds for an instant target (`_lastUpdated`): `since` (inclusive) and `before`
 * (exclusive) as ISO instants; undefined when the bound cannot be one range (`ne`).
 */
export function instantWindow(bound: DateBound): { since?: string; before?: string } | undefined {
  const iso = (ms: number) => new Date(ms).toISOString();
  switch (bound.prefix) {
    case 'eq':
      return { since: iso(bound.low), before: iso(bound.high) };
    case 'gt':
      return { since: iso(bound.high) };
    case 'ge':
      return { since: iso(bound.low) };
    case 'lt':
      return { before: iso(bound.low) };
    case 'le':
      return { before: iso(bound.high) };
    case 'ne':
      return undefined;
  }
}

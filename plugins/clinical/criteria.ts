/**
 * Reading FHIR search criteria (R4 §3.1.1.4) into a draft of backend queries. Each type
 * declares a handler per parameter (types.ts), built from the factories here; the draft
 * collects member ids, record ids, day bounds, codes, categories, statuses, an encounter and
 * the legacy classes still in play, plus exact row checks for what the backend cannot say.
 * Values that can name nothing (a foreign system, another patient's id) narrow to no match.
 */
import type { SearchCriterion } from '../sdk/contract.js';
import { BadRequestError } from '../sdk/errors.js';
import { dayBounds, inBounds, instantTest, isEmpty, narrow, type DayBounds } from './dates.js';
import { fhirInstant, text, type Row } from './legacy-api.js';
import { legacyIdOf, type ClinicalType } from './map-common.js';

/** One date column's bounds; `dateOf` names a column other than the class's own date. */
export interface DateFilter {
  readonly column: string;
  readonly dateOf?: string;
  bounds: DayBounds;
}

/** What a search asks for, in the backend's terms, while the criteria are read. */
export interface Draft {
  memberIds?: string[];
  /** Legacy record ids (`_id`, `identifier`): checked per row, their members queried. */
  recordIds?: string[];
  /** Source keys (types.ts) still in play; undefined: all of the type's sources. */
  sources?: string[];
  codes?: string[];
  categories?: string[];
  statuses?: string[];
  encounterIds?: string[];
  updatedSince?: string;
  readonly dates: DateFilter[];
  readonly checks: Array<(row: Row) => boolean>;
  /** Set when a criterion can match nothing. */
  none: boolean;
}

/** A parameter handler: narrows the draft by one criterion's values (OR). */
export type Handler = (draft: Draft, values: readonly string[]) => void;

/** A fresh draft. */
export function newDraft(): Draft {
  return { dates: [], checks: [], none: false };
}

/** Applies every criterion with the type's handlers; unknown names and modifiers are 400s. */
export function readCriteria(
  draft: Draft,
  criteria: readonly SearchCriterion[],
  handlers: Readonly<Record<string, Handler>>,
): Draft {
  for (const criterion of criteria) {
    const handler = handlers[criterion.name];
    if (!handler) {
      throw new BadRequestError(`Unsupported search parameter ${criterion.name}`, {
        expression: [criterion.name],
      });
    }
    if (criterion.modifier !== undefined) {
      throw new BadRequestError(`Modifier :${criterion.modifier} is not supported`, {
        expression: [criterion.name],
      });
    }
    handler(draft, criterion.values);
  }
  return draft;
}

/** Keeps the values both lists have (undefined: no restriction yet). */
export function intersect(current: string[] | undefined, values: readonly string[]): string[] {
  const unique = [...new Set(values)];
  return current === undefined ? unique : unique.filter((value) => current.includes(value));
}

/** `Type/id`, a bare id, or an absolute URL ending in `Type/id`: the id if of that type. */
export function referenceId(value: string, type: string): string | undefined {
  const match = /^(?:.*\/)?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(value);
  if (match) return match[1] === type ? match[2] : undefined;
  return /^[A-Za-z0-9\-.]{1,64}$/.test(value) ? value : undefined;
}

/** Member ids as the backend writes them; anything else names no member. */
export function isMemberId(value: string | undefined): value is string {
  return value !== undefined && /^MBR\d{8}$/.test(value);
}

/** The codes of token values whose system is one of `systems` (or given without one). */
export function tokenCodes(values: readonly string[], systems: readonly string[]): string[] {
  return values.flatMap((value) => {
    const bar = value.indexOf('|');
    if (bar < 0) return [value];
    const system = value.slice(0, bar);
    return system === '' || systems.includes(system) ? [value.slice(bar + 1)] : [];
  });
}

/** The `patient` (or `subject`) parameter: narrows to those members. */
export const patientHandler: Handler = (draft, values) => {
  const ids = values.map((v) => referenceId(v, 'Patient')).filter(isMemberId);
  draft.memberIds = intersect(draft.memberIds, ids);
};

/** `_id` of a type: the legacy ids inside our FHIR ids. */
export function idHandler(type: ClinicalType, idLetters: readonly string[]): Handler {
  return (draft, values) => {
    const ids = values
      .map((value) => legacyIdOf(type, value))
      .filter((id): id is string => id !== undefined && idLetters.some((l) => id.startsWith(l)));
    draft.recordIds = intersect(draft.recordIds, ids);
  };
}

/** A token parameter whose codes map through `table` (FHIR code to legacy code). */
export function mappedToken(
  field: 'categories' | 'statuses',
  table: Readonly<Record<string, string>>,
  systems: readonly string[],
): Handler {
  const reverse = Object.fromEntries(Object.entries(table).map(([legacy, fhir]) => [fhir, legacy]));
  return (draft, values) => {
    const codes = tokenCodes(values, systems).flatMap((code) => reverse[code] ?? []);
    draft[field] = intersect(draft[field], codes);
  };
}

/** A code parameter matched by the backend's `code` filter. */
export function codeHandler(systems: readonly string[]): Handler {
  return (draft, values) => {
    const codes = tokenCodes(values, systems).filter((code) => /^[A-Za-z0-9.-]{1,20}$/.test(code));
    draft.codes = intersect(draft.codes, codes);
  };
}

/** A token whose only value the data holds is `code` (e.g. intent `order`). */
export function fixedToken(code: string, systems: readonly string[]): Handler {
  return (draft, values) => {
    if (!tokenCodes(values, systems).includes(code)) draft.none = true;
  };
}

/** A reference to an Encounter of this plugin. */
export const encounterHandler: Handler = (draft, values) => {
  const ids = values
    .map((value) => legacyIdOf('Encounter', referenceId(value, 'Encounter') ?? ''))
    .filter((id): id is string => id !== undefined && /^ENC\d{13}$/.test(id));
  draft.encounterIds = intersect(draft.encounterIds, ids);
};

/**
 * A date parameter on `column`: one value becomes backend day bounds (bounded by the backend
 * when the column is the class's date or its `dateOf`), several values (OR) an exact check.
 */
export function dateHandler(column: string, dateOf?: string): Handler {
  return (draft, values) => {
    if (values.length > 1) {
      const all = values.map((value) => dayBounds(value, column));
      draft.checks.push((row) => all.some((bounds) => inBounds(dayOf(row, column), bounds)));
      return;
    }
    let filter = draft.dates.find((d) => d.column === column);
    if (!filter) {
      filter = { column, ...(dateOf ? { dateOf } : {}), bounds: {} };
      draft.dates.push(filter);
    }
    filter.bounds = narrow(filter.bounds, dayBounds(values[0] ?? '', column));
    if (isEmpty(filter.bounds)) draft.none = true;
  };
}

/** `_lastUpdated`: the backend's `updatedSince` for lower bounds, an exact check for all. */
export const lastUpdatedHandler: Handler = (draft, values) => {
  const tests = values.map(instantTest);
  const sinces = tests.map((t) => t.since);
  if (sinces.every((since) => since !== undefined)) {
    const earliest = [...sinces].sort()[0] as string;
    if (draft.updatedSince === undefined || earliest > draft.updatedSince) {
      draft.updatedSince = earliest;
    }
  }
  draft.checks.push((row) => {
    const ms = Date.parse(fhirInstant(text(row, 'LAST_UPD_TS')));
    return tests.some((t) => t.test(ms));
  });
};

/**
 * The clinical date columns of the sources of Observation and DiagnosticReport (`*` in a date
 * filter): lab collection, vital sign measurement, social history observation, note time.
 */
const OWN_DATES = ['COLL_TS', 'MEAS_TS', 'OBS_TS', 'NOTE_TS'];

/** A row's date column as `YYYYMMDD` (dates are stored so; timestamps begin with the day). */
export function dayOf(row: Row, column: string): string {
  const own = column === '*' ? OWN_DATES.find((c) => typeof row[c] === 'string') : column;
  const value = row[own ?? ''];
  if (typeof value !== 'string') return '';
  return value.length === 8 ? value : value.slice(0, 10).replaceAll('-', '');
}

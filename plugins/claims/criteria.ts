/**
 * Reading FHIR search criteria (R4 §3.1.1.4) into a backend query plus an exact filter.
 * The backend narrows (member ids, claim ids, types, day-of-service range, last update);
 * what it cannot express exactly (a lower bound on the first day of service, upper bounds
 * on the last update, provider and care-team references) is checked on each claim by the
 * returned predicate. Dates of service before 2016-01-01 are always left out (CMS-0057-F).
 */
import type { AccessConstraints, SearchCriterion } from '../sdk/contract.js';
import { BadRequestError } from '../sdk/errors.js';
import { addDays, dateRange, instantRange, type Range } from './dates.js';
import { instantOf, WINDOW_START, type LegacyClaim } from './legacy-api.js';
import { claimIdOf, LEGACY_TYPES } from './map-eob.js';
import { SYSTEMS } from './profiles.js';

/** A backend query and the exact filter over what it returns. */
export interface ClaimFilter {
  /** undefined: any member. */
  memberIds?: string[];
  claimIds?: string[];
  types?: string[];
  serviceFrom: string;
  serviceTo?: string;
  updatedSince?: string;
  readonly checks: Array<(claim: LegacyClaim) => boolean>;
}

/** Context needed to read references. */
export interface CriteriaContext {
  readonly payerId: string;
  readonly claimIdSystem: string;
}

/** The filter of a search, or undefined when nothing can match. */
export function claimFilter(
  criteria: readonly SearchCriterion[],
  constraints: AccessConstraints,
  ctx: CriteriaContext,
): ClaimFilter | undefined {
  const filter: ClaimFilter = { serviceFrom: WINDOW_START, checks: [] };
  if (constraints.patientIds) filter.memberIds = constraints.patientIds.filter(isMemberId);
  for (const criterion of criteria) apply(filter, criterion, ctx);
  const empty = [filter.memberIds, filter.claimIds, filter.types].some((l) => l?.length === 0);
  if (empty || (filter.serviceTo !== undefined && filter.serviceTo < filter.serviceFrom)) {
    return undefined;
  }
  return filter;
}

function apply(filter: ClaimFilter, criterion: SearchCriterion, ctx: CriteriaContext): void {
  if (criterion.modifier !== undefined) {
    throw new BadRequestError(`Modifier :${criterion.modifier} is not supported`, {
      expression: [criterion.name],
    });
  }
  const handler = HANDLERS[criterion.name];
  if (!handler) {
    throw new BadRequestError(`Unsupported search parameter ${criterion.name}`, {
      expression: [criterion.name],
    });
  }
  handler(filter, criterion.values, ctx);
}

type Handler = (filter: ClaimFilter, values: readonly string[], ctx: CriteriaContext) => void;

const HANDLERS: Readonly<Record<string, Handler>> = {
  _id: (f, values) => {
    f.claimIds = intersect(f.claimIds, values.map(claimIdOf).filter(isString));
  },
  identifier: (f, values, ctx) => {
    f.claimIds = intersect(f.claimIds, values.map((v) => claimOfToken(v, ctx)).filter(isString));
  },
  patient: (f, values) => {
    const ids = values.map((v) => idOf(v, 'Patient')).filter(isMemberId);
    f.memberIds = intersect(f.memberIds, ids);
  },
  type: (f, values) => {
    f.types = intersect(f.types, values.flatMap(legacyTypes));
  },
  'service-date': (f, values) => {
    for (const value of values) serviceDate(f, value);
  },
  'service-start-date': (f, values) => firstDay(f, values),
  'billable-period-start': (f, values) => firstDay(f, values),
  _lastUpdated: (f, values) => lastUpdated(f, values),
  provider: (f, values) => {
    const npis = values.map((v) => npiOf(v, ['Organization'])).filter(isString);
    f.checks.push((claim) => npis.includes(claim.BILL_PRV_NPI));
  },
  'care-team': (f, values) => {
    const npis = values.map((v) => npiOf(v, ['Practitioner'])).filter(isString);
    f.checks.push((claim) => teamNpis(claim).some((npi) => npis.includes(npi)));
  },
  payee: (f, values) => {
    const npis = values.map((v) => npiOf(v, ['Organization'])).filter(isString);
    f.checks.push((c) => c.PAYEE_TYP_CD === 'PRV' && npis.includes(c.PAYEE_ID ?? ''));
  },
  insurer: (f, values, ctx) => {
    const matches = values.some((v) => idOf(v, 'Organization') === ctx.payerId);
    if (!matches) f.claimIds = [];
  },
  coverage: (f, values) => {
    const ids = values.map((v) => idOf(v, 'Coverage')).filter(isString);
    const members = ids.map((id) => id.replace(/-\d+$/, '')).filter(isMemberId);
    f.memberIds = intersect(f.memberIds, members);
    f.checks.push((claim) => ids.includes(`${claim.MBR_ID}-${claim.ELIG_SPAN_SEQ}`));
  },
};

function isString(value: string | undefined): value is string {
  return value !== undefined;
}

/** Member ids as the backend writes them; anything else names no member. */
function isMemberId(value: string | undefined): value is string {
  return value !== undefined && /^MBR\d{8}$/.test(value);
}

function intersect(current: string[] | undefined, values: readonly string[]): string[] {
  const unique = [...new Set(values)];
  return current === undefined ? unique : unique.filter((value) => current.includes(value));
}

/** `Type/id`, a bare id, or an absolute URL ending in `Type/id`. */
function idOf(value: string, type: string): string | undefined {
  const match = /^(?:.*\/)?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(value);
  if (match) return match[1] === type ? match[2] : undefined;
  return /^[A-Za-z0-9\-.]{1,64}$/.test(value) ? value : undefined;
}

function npiOf(value: string, types: readonly string[]): string | undefined {
  for (const type of types) {
    const npi = /^npi-(\d{10})$/.exec(idOf(value, type) ?? '')?.[1];
    if (npi) return npi;
  }
  return undefined;
}

function teamNpis(claim: LegacyClaim): string[] {
  const columns = [claim.RNDR_PRV_NPI, claim.ATTND_PRV_NPI, claim.OPER_PRV_NPI];
  return [...columns, claim.REFR_PRV_NPI, claim.PRSCRB_PRV_NPI].filter((n) => n !== null);
}

function claimOfToken(value: string, ctx: CriteriaContext): string | undefined {
  const bar = value.indexOf('|');
  if (bar < 0) return value;
  return value.slice(0, bar) === ctx.claimIdSystem ? value.slice(bar + 1) : undefined;
}

function legacyTypes(value: string): readonly string[] {
  const bar = value.indexOf('|');
  if (bar >= 0 && value.slice(0, bar) !== SYSTEMS.claimType) return [];
  return LEGACY_TYPES[value.slice(bar + 1)] ?? [];
}

function raiseFrom(f: ClaimFilter, day: string): void {
  if (day > f.serviceFrom) f.serviceFrom = day;
}

function lowerTo(f: ClaimFilter, day: string): void {
  if (f.serviceTo === undefined || day < f.serviceTo) f.serviceTo = day;
}

/** Any day of service in the range: all expressible in the backend's overlap filter. */
function serviceDate(f: ClaimFilter, value: string): void {
  const { prefix, range } = dateRange(value, 'service-date');
  if (prefix === 'eq' || prefix === 'ge') raiseFrom(f, range.from);
  if (prefix === 'eq' || prefix === 'le') lowerTo(f, range.to);
  if (prefix === 'gt') raiseFrom(f, addDays(range.to, 1));
  if (prefix === 'lt') lowerTo(f, addDays(range.from, -1));
}

/** The first day of service: its upper bound is the backend's; its lower bound is checked. */
function firstDay(f: ClaimFilter, values: readonly string[]): void {
  for (const value of values) {
    const { prefix, range } = dateRange(value, 'service-start-date');
    const low = lowBound(prefix, range);
    const high = highBound(prefix, range);
    if (high !== undefined) lowerTo(f, high);
    if (low === undefined) continue;
    raiseFrom(f, low);
    f.checks.push((claim) => claim.SVC_FROM_DT >= low);
  }
}

function lowBound(prefix: string, range: Range): string | undefined {
  if (prefix === 'eq' || prefix === 'ge') return range.from;
  return prefix === 'gt' ? addDays(range.to, 1) : undefined;
}

function highBound(prefix: string, range: Range): string | undefined {
  if (prefix === 'eq' || prefix === 'le') return range.to;
  return prefix === 'lt' ? addDays(range.from, -1) : undefined;
}

function lastUpdated(f: ClaimFilter, values: readonly string[]): void {
  for (const value of values) {
    const { prefix, start, end } = instantRange(value, '_lastUpdated');
    if (prefix === 'eq' || prefix === 'ge' || prefix === 'gt') {
      f.updatedSince = new Date(start).toISOString();
    }
    const test = (ms: number): boolean => {
      if (prefix === 'eq') return ms >= start && ms < end;
      if (prefix === 'ge') return ms >= start;
      if (prefix === 'gt') return ms >= end;
      if (prefix === 'le') return ms < end;
      return ms < start;
    };
    f.checks.push((claim) => test(Date.parse(instantOf(claim.LAST_UPD_TS))));
  }
}

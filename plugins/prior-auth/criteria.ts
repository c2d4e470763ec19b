/**
 * FHIR search criteria (R4 §3.1.1.4) -> a backend filter on prior authorization requests.
 * Anything the backend cannot express is refused with a 400 naming the parameter, never
 * silently ignored (R4 §3.1.1.4). The rule's scope (non-drug requests, the retention window)
 * and the caller's patient constraint are always part of the filter.
 */
import type { AccessConstraints, SearchCriterion } from '../sdk/contract.js';
import { BadRequestError, UnknownSearchParamError } from '../sdk/errors.js';
import { AUTH_NUMBER, MAX_IDS_PER_QUERY, MEMBER_ID, NON_DRUG_TYPES } from './legacy-api.js';
import { authNumberOf } from './map-eob.js';
import type { PriorAuthOptions } from './options.js';

/** A backend filter; `memberIds` and `authNumbers` undefined mean "no restriction". */
export interface AuthFilter {
  readonly memberIds?: readonly string[];
  readonly authNumbers?: readonly string[];
  readonly types: readonly string[];
  readonly statuses?: readonly string[];
  /** ISO instant (UTC, seconds): status changed at or after. */
  readonly statusChangedSince?: string;
}

const CLAIM_TYPES: Readonly<Record<string, readonly string[]>> = {
  institutional: ['INP'],
  professional: ['OUTP', 'IMG', 'DME', 'THER'],
};
const STATUSES: Readonly<Record<string, readonly string[]>> = {
  active: ['APPR', 'PART', 'DENY', 'PEND', 'EXPD'],
  cancelled: ['CANC'],
};

type Mutable = { -readonly [K in keyof AuthFilter]: AuthFilter[K] };
type Apply = (filter: Mutable, criterion: SearchCriterion, options: PriorAuthOptions) => void;

const APPLY: Readonly<Record<string, Apply>> = {
  _id: (filter, criterion) => {
    const numbers = criterion.values.map(authNumberOf).filter(isString);
    filter.authNumbers = narrow(filter.authNumbers, numbers);
  },
  identifier: (filter, criterion, options) => {
    const numbers = criterion.values.map((value) => identifierValue(value, options));
    filter.authNumbers = narrow(filter.authNumbers, numbers.filter(isString));
  },
  patient: (filter, criterion) => {
    const ids = criterion.values.map((value) => referencedId(value, 'Patient'));
    filter.memberIds = narrow(
      filter.memberIds,
      ids.filter(isString).filter((id) => MEMBER_ID.test(id)),
    );
  },
  type: (filter, criterion) => {
    const types = criterion.values.flatMap((value) => CLAIM_TYPES[tokenCode(value)] ?? []);
    filter.types = narrow(filter.types, types);
  },
  status: (filter, criterion) => {
    const statuses = criterion.values.flatMap((value) => STATUSES[tokenCode(value)] ?? []);
    filter.statuses = narrow(filter.statuses, statuses);
  },
  use: (filter, criterion) => {
    if (!criterion.values.some((value) => tokenCode(value) === 'preauthorization')) {
      filter.types = [];
    }
  },
  insurer: (filter, criterion, options) => {
    const ids = criterion.values.map((value) => referencedId(value, 'Organization'));
    if (!ids.includes(options.payerId)) filter.types = [];
  },
  provider: includeOnly,
  'care-team': includeOnly,
  coverage: includeOnly,
  _lastUpdated: (filter, criterion) => {
    filter.statusChangedSince = laterOf(filter.statusChangedSince, sinceOf(criterion));
  },
};

function includeOnly(_filter: Mutable, criterion: SearchCriterion): void {
  throw new BadRequestError(
    `Search parameter ${criterion.name} serves _include only: the prior authorization ` +
      'system cannot filter on it',
    { expression: [criterion.name] },
  );
}

/** Builds the filter; undefined when nothing can match. */
export function authFilter(
  criteria: readonly SearchCriterion[],
  constraints: AccessConstraints,
  options: PriorAuthOptions,
): AuthFilter | undefined {
  const filter: Mutable = { types: [...NON_DRUG_TYPES] };
  for (const criterion of criteria) {
    const apply = APPLY[criterion.name];
    if (!apply) throw new UnknownSearchParamError(`Unsupported search parameter ${criterion.name}`);
    checkModifier(criterion);
    apply(filter, criterion, options);
  }
  if (constraints.patientIds) filter.memberIds = narrow(filter.memberIds, constraints.patientIds);
  if ((filter.authNumbers?.length ?? 0) > MAX_IDS_PER_QUERY) {
    throw new BadRequestError(`At most ${MAX_IDS_PER_QUERY} ids per search`, {
      expression: ['_id'],
    });
  }
  return isEmpty(filter) ? undefined : filter;
}

function isEmpty(filter: AuthFilter): boolean {
  return [filter.memberIds, filter.authNumbers, filter.types, filter.statuses].some(
    (list) => list !== undefined && list.length === 0,
  );
}

function checkModifier(criterion: SearchCriterion): void {
  if (criterion.modifier === undefined) return;
  throw new BadRequestError(
    `Modifier :${criterion.modifier} is not supported on ${criterion.name}`,
    { expression: [criterion.name] },
  );
}

/** Intersects a restriction with more values (an AND); undefined means "no restriction". */
function narrow(current: readonly string[] | undefined, next: readonly string[]): string[] {
  if (current === undefined) return [...new Set(next)];
  const allowed = new Set(next);
  return current.filter((value) => allowed.has(value));
}

function tokenCode(value: string): string {
  return value.slice(value.indexOf('|') + 1);
}

function identifierValue(value: string, options: PriorAuthOptions): string | undefined {
  const bar = value.indexOf('|');
  const system = bar < 0 ? undefined : value.slice(0, bar);
  const code = value.slice(bar + 1);
  if (system !== undefined && system !== options.authNumberSystem) return undefined;
  return AUTH_NUMBER.test(code) ? code : undefined;
}

/** The id a reference value names for `type` (`Type/id`, bare `id`, or an absolute URL). */
export function referencedId(value: string, type: string): string | undefined {
  const match = /^(?:.*\/)?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(value);
  if (match) return match[1] === type ? match[2] : undefined;
  return /^[A-Za-z0-9\-.]{1,64}$/.test(value) ? value : undefined;
}

/**
 * `_lastUpdated` as a lower bound on the last status change: prefixes ge and gt, on a date
 * or an instant (the backend filters "at or after"). Other prefixes are refused.
 */
function sinceOf(criterion: SearchCriterion): string {
  const [raw, ...rest] = criterion.values;
  const match =
    /^(ge|gt)(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?$/.exec(
      raw ?? '',
    );
  if (!match || rest.length > 0 || !match[2]) {
    throw new BadRequestError('_lastUpdated accepts one value with prefix ge or gt', {
      expression: ['_lastUpdated'],
    });
  }
  const start = new Date(`${match[2]}${match[3] ?? 'T00:00:00Z'}`);
  if (Number.isNaN(start.getTime())) {
    throw new BadRequestError('_lastUpdated is not a valid date', { expression: ['_lastUpdated'] });
  }
  const step = match[1] === 'ge' ? 0 : match[3] ? 1000 : 86_400_000;
  return instantOfDate(new Date(Math.ceil((start.getTime() + step) / 1000) * 1000));
}

/** A Date as an ISO instant in whole seconds, the backend's `statusChangedSince` format. */
export function instantOfDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}

function laterOf(a: string | undefined, b: string): string {
  return a !== undefined && a > b ? a : b;
}

/**
 * FormularyItem (Basic) read, search and stream over the legacy formulary items, paged by
 * key (`FRM_ID/RXCUI`) so pages stay consistent while items change. Search parameters (USDF
 * 2.0.1 CapabilityStatement, all SHALL): `_id`, `_lastUpdated`, `code`, `subject`, `status`,
 * `period`, `formulary`, `pharmacy-benefit-type`, `drug-tier`; each becomes a backend
 * filter, so totals are exact.
 */
import type { Basic } from '@medplum/fhirtypes';
import type {
  RequestContext,
  SearchCriterion,
  SearchRequest,
  SearchResult,
  StreamItem,
  StreamRequest,
} from '../sdk/contract.js';
import { BadRequestError, UnknownSearchParamError } from '../sdk/errors.js';
import {
  chunkedSource,
  collectPage,
  decodeCursor,
  emptyResult,
  START,
  streamItems as streamRows,
  toSearchResult,
  type Position,
} from '../sdk/paging.js';
import { itemKey, type FormularyClient, type ItemQuery } from './backend.js';
import { dateBounds, instantWindow, type DateBound } from './dates.js';
import { ITEM_ID, toFormularyItem } from './map-item.js';
import { MAX_PAGE } from './options.js';
import { channelsOf, lobTiersOf, SYSTEMS } from './usdf.js';

type Filters = Record<string, string[]>;

/** Reads Basic/fi-<formulary>-<rxcui>. */
export async function readItem(
  client: FormularyClient,
  id: string,
  ctx: RequestContext,
): Promise<Basic | undefined> {
  const match = ITEM_ID.exec(id);
  if (!match) return undefined;
  const query = { formularyId: match[1], rxcui: match[2] };
  const page = await client.items(query, { limit: 1, total: false }, ctx.signal);
  return page.rows[0] ? toFormularyItem(page.rows[0]) : undefined;
}

/** Searches items; a patient limit finds nothing (the formulary holds no patient data). */
export async function searchItems(
  client: FormularyClient,
  req: SearchRequest,
  ctx: RequestContext,
): Promise<SearchResult> {
  const query = queryOf(req.criteria);
  if (ctx.constraints.patientIds || query === null) return emptyResult(req.wantTotal);
  const source = itemSource(client, query, ctx.signal);
  const start = req.cursor === undefined ? START : decodeCursor(req.cursor);
  const page = await collectPage(source, start, req.count, {
    maxPage: MAX_PAGE,
    wantTotal: req.wantTotal,
  });
  return toSearchResult(page.rows.map(toFormularyItem), page);
}

/** Streams every item in key order; each cursor resumes after its item. */
export function streamItems(
  client: FormularyClient,
  pageSize: number,
  req: StreamRequest,
  start: Position,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  const query = req.since ? { updatedSince: req.since.toISOString() } : {};
  return streamRows(itemSource(client, query, ctx.signal), start, {
    pageSize,
    type: 'Basic',
    map: async (rows) => rows.map(toFormularyItem),
  });
}

function itemSource(client: FormularyClient, query: ItemQuery, signal: AbortSignal) {
  return chunkedSource(undefined, 1, (_ids, page) => client.items(query, page, signal), itemKey);
}

/** Filters merged by intersection (lists) or by the tighter bound (dates). */
const LISTS = ['formularyId', 'rxcui', 'lobTier', 'channel', 'status'];
const LOWER = ['effFrom', 'termFrom', 'updatedSince'];

/** Backend filters for the criteria (AND of criteria, OR within one); null when none match. */
function queryOf(criteria: readonly SearchCriterion[]): ItemQuery | null {
  const filters: Filters = {};
  for (const criterion of criteria) {
    for (const [key, values] of filterOf(criterion)) {
      const previous = filters[key];
      if (previous === undefined) filters[key] = values;
      else if (LISTS.includes(key)) filters[key] = values.filter((v) => previous.includes(v));
      else filters[key] = [tighter(key, previous[0] ?? '', values[0] ?? '')];
      if (filters[key]?.length === 0) return null;
    }
  }
  const { status, ...rest } = filters;
  const query: Record<string, string> = {};
  for (const [key, values] of Object.entries(rest)) query[key] = values.join(',');
  return status && status.length === 1 ? { ...query, status: status[0] } : query;
}

function tighter(key: string, a: string, b: string): string {
  return LOWER.includes(key) === a > b ? a : b;
}

function filterOf(criterion: SearchCriterion): [string, string[]][] {
  const { name, values } = criterion;
  if (name === '_lastUpdated') return updatedFilter(oneDate(criterion));
  if (name === 'period') return periodFilter(oneDate(criterion));
  if (criterion.modifier !== undefined) {
    throw new BadRequestError(`Modifier :${criterion.modifier} is not supported on ${name}`, {
      expression: [name],
    });
  }
  const codes = values.map((v) => tokenCode(v));
  switch (name) {
    case '_id':
      return idFilter(values);
    case 'code':
      return codesIn(codes, SYSTEMS.insuranceItemType).includes('formulary-item')
        ? []
        : [['rxcui', []]];
    case 'subject':
      return [['rxcui', refIds(values, 'MedicationKnowledge', 'rx-', /^\d{1,8}$/)]];
    case 'formulary':
      return [['formularyId', refIds(values, 'InsurancePlan', 'frm-', /^F-[A-Z0-9-]+$/)]];
    case 'status':
      return [['status', codes.flatMap(({ code }) => STATUS[code] ?? [])]];
    case 'drug-tier':
      return [['lobTier', lobTiersOf(codesIn(codes, SYSTEMS.drugTier))]];
    case 'pharmacy-benefit-type':
      return [['channel', channelsOf(codesIn(codes, SYSTEMS.pharmacyBenefitType))]];
    default:
      throw new UnknownSearchParamError(`Search parameter ${name} is not supported`, {
        expression: [name],
      });
  }
}

const STATUS: Readonly<Record<string, string[]>> = { active: ['A'], retired: ['R'] };

/** `system|code`, `|code` (no system) or `code` (any system). */
function tokenCode(value: string): { system?: string; code: string } {
  const bar = value.indexOf('|');
  if (bar < 0) return { code: value };
  return { system: value.slice(0, bar), code: value.slice(bar + 1) };
}

function codesIn(codes: { system?: string; code: string }[], system: string): string[] {
  return codes.filter((c) => c.system === undefined || c.system === system).map((c) => c.code);
}

/** Several ids must share one formulary (the backend filters formulary and code apart). */
function idFilter(values: readonly string[]): [string, string[]][] {
  const ids = values.map((v) => ITEM_ID.exec(v)).filter((m) => m !== null);
  if (new Set(ids.map((m) => m[1])).size > 1) {
    throw new BadRequestError('_id: several FormularyItem ids must be of one formulary', {
      expression: ['_id'],
    });
  }
  return [
    ['formularyId', ids.map((m) => m[1] ?? '')],
    ['rxcui', ids.map((m) => m[2] ?? '')],
  ];
}

/** Logical ids with `prefix` from references (`Type/id`, `id` or an absolute URL). */
function refIds(values: readonly string[], type: string, prefix: string, valid: RegExp): string[] {
  return values.flatMap((value) => {
    const parts = value.split('/');
    const id = parts[parts.length - 1] ?? '';
    const typeOk = parts.length < 2 || parts[parts.length - 2] === type;
    const legacy = id.startsWith(prefix) ? id.slice(prefix.length) : '';
    return typeOk && valid.test(legacy) ? [legacy] : [];
  });
}

function updatedFilter(bound: DateBound): [string, string[]][] {
  const window = instantWindow(bound);
  if (!window) throw unsupportedNe('_lastUpdated');
  return [
    ...(window.since ? ([['updatedSince', [window.since]]] as [string, string[]][]) : []),
    ...(window.before ? ([['updatedBefore', [window.before]]] as [string, string[]][]) : []),
  ];
}

/** A date bound on the availability period as backend `YYYYMMDD` bounds (day precision). */
function periodFilter(bound: DateBound): [string, string[]][] {
  const day = (ms: number, up: boolean) => {
    const d = new Date(ms);
    const whole = d.getUTCHours() + d.getUTCMinutes() + d.getUTCSeconds() === 0;
    const at = up && !whole ? new Date(ms + 86_400_000) : d;
    return at.toISOString().slice(0, 10).replaceAll('-', '');
  };
  const [low, high] = [day(bound.low, false), day(bound.high, true)];
  switch (bound.prefix) {
    case 'eq':
      return [
        ['effFrom', [low]],
        ['termBefore', [high]],
      ];
    case 'gt':
      return [['termFrom', [high]]];
    case 'ge':
      return [['termFrom', [low]]];
    case 'lt':
      return [['effBefore', [low]]];
    case 'le':
      return [['effBefore', [high]]];
    case 'ne':
      throw unsupportedNe('period');
  }
}

/** The backend takes date bounds (AND): one value per date criterion. */
function oneDate(criterion: SearchCriterion): DateBound {
  const [bound, ...more] = dateBounds(criterion);
  if (bound === undefined || more.length > 0) {
    throw new BadRequestError(`${criterion.name} takes one value (repeat it for a range)`, {
      expression: [criterion.name],
    });
  }
  return bound;
}

function unsupportedNe(name: string): BadRequestError {
  return new BadRequestError(`${name}: the ne prefix is not supported`, { expression: [name] });
}

/**
 * MedicationKnowledge (FormularyDrug) read, search and stream over the drug catalog, paged
 * by RXCUI so pages stay consistent while the catalog changes. Search parameters (USDF 2.0.1
 * CapabilityStatement): `_id`, `_lastUpdated`, `status`, `code` (RxNorm, OR of up to 100),
 * `drug-name` (string: starts-with, `:exact`, `:contains`) and `doseform` (the catalog has
 * dose form names, not codes: a value, or `:text`, matches the name case-insensitively).
 */
import type { MedicationKnowledge } from '@medplum/fhirtypes';
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
  streamItems,
  toSearchResult,
  type Position,
} from '../sdk/paging.js';
import type { DrugQuery, FormularyClient, LegacyDrug } from './backend.js';
import { dateBounds, instantWindow } from './dates.js';
import { RXNORM, toFormularyDrug } from './map-drug.js';
import { MAX_PAGE } from './options.js';

const RXCUI = /^\d{1,8}$/;
type Query = Record<string, string>;

/** Reads MedicationKnowledge/rx-<rxcui>. */
export async function readDrug(
  client: FormularyClient,
  id: string,
  ctx: RequestContext,
): Promise<MedicationKnowledge | undefined> {
  const rxcui = id.startsWith('rx-') ? id.slice(3) : '';
  if (!RXCUI.test(rxcui)) return undefined;
  const drug = await client.drug(rxcui, ctx.signal);
  return drug ? toFormularyDrug(drug) : undefined;
}

/** Searches the catalog. The formulary holds no patient data: a patient limit finds nothing. */
export async function searchDrugs(
  client: FormularyClient,
  req: SearchRequest,
  ctx: RequestContext,
): Promise<SearchResult> {
  const query = queryOf(req.criteria);
  if (ctx.constraints.patientIds || query === null) return emptyResult(req.wantTotal);
  const start = req.cursor === undefined ? START : decodeCursor(req.cursor);
  const page = await collectPage(drugSource(client, query, ctx.signal), start, req.count, {
    maxPage: MAX_PAGE,
    wantTotal: req.wantTotal,
  });
  return toSearchResult(page.rows.map(toFormularyDrug), page);
}

/** Streams every drug in key order; each cursor resumes after its drug. */
export function streamDrugs(
  client: FormularyClient,
  pageSize: number,
  req: StreamRequest,
  start: Position,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  const query = req.since ? { updatedSince: req.since.toISOString() } : {};
  return streamItems(drugSource(client, query, ctx.signal), start, {
    pageSize,
    type: 'MedicationKnowledge',
    map: async (rows) => rows.map(toFormularyDrug),
  });
}

function drugSource(client: FormularyClient, query: DrugQuery, signal: AbortSignal) {
  const fetch = (_ids: unknown, page: Parameters<FormularyClient['drugs']>[1]) =>
    client.drugs(query, page, signal);
  return chunkedSource(undefined, 1, fetch, (row: LegacyDrug) => row.RXCUI);
}

/** Backend filters of the criteria; null when nothing can match. */
function queryOf(criteria: readonly SearchCriterion[]): DrugQuery | null {
  let rxcuis: string[] | undefined;
  const query: Query = {};
  for (const criterion of criteria) {
    const { name } = criterion;
    if (name === '_id' || name === 'code') {
      const codes = codesOf(criterion);
      rxcuis = rxcuis === undefined ? codes : rxcuis.filter((code) => codes.includes(code));
      if (rxcuis.length === 0) return null;
    } else if (name === 'status') {
      if (!plainValues(criterion).some((v) => v === 'active')) return null;
    } else if (!otherFilter(criterion, query)) {
      return null;
    }
  }
  if (rxcuis && rxcuis.length > 100) {
    throw new BadRequestError('At most 100 codes per search', { expression: ['code'] });
  }
  return { ...query, ...(rxcuis ? { rxcui: rxcuis.join(',') } : {}) };
}

/** Adds a name, dose form or update-time filter; false when it can match nothing. */
function otherFilter(criterion: SearchCriterion, query: Query): boolean {
  const { name } = criterion;
  if (name === 'drug-name') return merge(query, 'name', namePattern(criterion));
  if (name === 'doseform') return merge(query, 'doseForm', doseForm(criterion));
  if (name !== '_lastUpdated') {
    throw new UnknownSearchParamError(`Search parameter ${name} is not supported`, {
      expression: [name],
    });
  }
  for (const bound of dateBounds(criterion)) {
    const window = instantWindow(bound);
    if (!window || criterion.values.length > 1) throw oneRange('_lastUpdated');
    if (window.since && !merge(query, 'updatedSince', window.since, 'max')) return false;
    if (window.before && !merge(query, 'updatedBefore', window.before, 'min')) return false;
  }
  return true;
}

/** Sets a filter; a second, different value means nothing matches (or keeps the tighter bound). */
function merge(query: Query, key: string, value: string, bound?: 'min' | 'max'): boolean {
  const previous = query[key];
  if (previous === undefined || previous === value) {
    query[key] = value;
    return true;
  }
  if (!bound) return false;
  query[key] = (bound === 'max') === value > previous ? value : previous;
  return true;
}

function plainValues(criterion: SearchCriterion): string[] {
  if (criterion.modifier !== undefined) {
    throw new BadRequestError(`Modifier :${criterion.modifier} is not supported`, {
      expression: [criterion.name],
    });
  }
  return criterion.values.map((v) => v.split('|').pop() ?? '');
}

function codesOf(criterion: SearchCriterion): string[] {
  const byId = criterion.name === '_id';
  return criterion.values.flatMap((value) => {
    if (byId) return value.startsWith('rx-') && RXCUI.test(value.slice(3)) ? [value.slice(3)] : [];
    const bar = value.indexOf('|');
    const [system, code] = bar < 0 ? [RXNORM, value] : [value.slice(0, bar), value.slice(bar + 1)];
    return (system === RXNORM || system === '') && RXCUI.test(code) ? [code] : [];
  });
}

function namePattern(criterion: SearchCriterion): string {
  const [value, ...rest] = criterion.values;
  if (value === undefined || rest.length > 0 || !/^[A-Za-z0-9 .,/%-]{1,78}$/.test(value)) {
    throw new BadRequestError('drug-name takes one plain name', { expression: ['drug-name'] });
  }
  if (criterion.modifier === 'exact') return value;
  return criterion.modifier === 'contains' ? `*${value}*` : `${value}*`;
}

function doseForm(criterion: SearchCriterion): string {
  const [value, ...rest] = criterion.values;
  const plain = criterion.modifier === undefined || criterion.modifier === 'text';
  const text = value?.split('|').pop() ?? '';
  if (!plain || rest.length > 0 || !/^[A-Za-z -]{1,60}$/.test(text)) {
    throw new BadRequestError('doseform takes one dose form name (e.g. Oral Tablet)', {
      expression: ['doseform'],
    });
  }
  return text;
}

function oneRange(name: string): BadRequestError {
  return new BadRequestError(`${name} takes one value without ne (repeat it for a range)`, {
    expression: [name],
  });
}

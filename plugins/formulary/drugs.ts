/**
 * MedicationKnowledge (FormularyDrug) read, search and stream over the drug catalog.
 * Search parameters: `_id`, `code` (RxNorm, OR of up to 100) and `drug-name` (string:
 * starts-with, `:exact`, `:contains`). Cursors are backend offsets (base64url JSON).
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
import type { DrugQuery, FormularyClient } from './backend.js';
import { RXNORM, toFormularyDrug } from './map-drug.js';
import { MAX_PAGE } from './options.js';
import { decodeCursor, encodeCursor } from './cursor.js';

const RXCUI = /^\d{1,8}$/;

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
  if (ctx.constraints.patientIds || query === null) {
    return req.wantTotal ? { resources: [], total: 0 } : { resources: [] };
  }
  const offset = req.cursor === undefined ? 0 : decodeCursor(req.cursor).offset;
  const limit = Math.min(req.count + 1, MAX_PAGE);
  const page = await client.drugs(query, { offset, limit, total: req.wantTotal }, ctx.signal);
  const resources = page.rows.slice(0, req.count).map(toFormularyDrug);
  const more = page.rows.length > req.count && req.count > 0;
  return {
    resources,
    ...(page.total === undefined ? {} : { total: page.total }),
    ...(more ? { nextCursor: encodeCursor(offset + req.count) } : {}),
  };
}

/** Streams every drug in catalog order; each cursor resumes after its drug. */
export async function* streamDrugs(
  client: FormularyClient,
  pageSize: number,
  req: StreamRequest,
  start: number,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  let offset = start;
  for (;;) {
    const page = await client.drugs({}, { offset, limit: pageSize, total: false }, ctx.signal);
    for (const [i, drug] of page.rows.entries()) {
      const resource = toFormularyDrug(drug);
      const changed = !req.since || new Date(resource.meta?.lastUpdated ?? 0) >= req.since;
      if (changed) yield { resource, cursor: encodeCursor(offset + i + 1, 'MedicationKnowledge') };
    }
    if (page.rows.length < pageSize) return;
    offset += page.rows.length;
  }
}

/** Backend filters of the criteria; null when nothing can match. */
function queryOf(criteria: readonly SearchCriterion[]): DrugQuery | null {
  let rxcuis: string[] | undefined;
  let name: string | undefined;
  for (const criterion of criteria) {
    if (criterion.name === '_id' || criterion.name === 'code') {
      const codes = codesOf(criterion);
      rxcuis = rxcuis === undefined ? codes : rxcuis.filter((code) => codes.includes(code));
      if (rxcuis.length === 0) return null;
    } else if (criterion.name === 'drug-name') {
      name = namePattern(criterion);
    } else {
      throw new UnknownSearchParamError(`Search parameter ${criterion.name} is not supported`, {
        expression: [criterion.name],
      });
    }
  }
  if (rxcuis && rxcuis.length > 100) {
    throw new BadRequestError('At most 100 codes per search', { expression: ['code'] });
  }
  return { ...(rxcuis ? { rxcui: rxcuis.join(',') } : {}), ...(name ? { name } : {}) };
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

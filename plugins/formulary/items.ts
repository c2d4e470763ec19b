/**
 * Formulary items as US Drug Formulary 2.0.1 FormularyItem (Basic, USDF IG
 * §usdf-FormularyItem, id `fi-<formulary>-<rxcui>`): formulary reference, availability status
 * and period, pharmacy benefit types, drug tier, PA/step therapy/quantity limit flags, and
 * the drug as subject. Search: `_id`, `subject`, `formulary`, `status`, `drug-tier`.
 */
import type { Basic, Extension } from '@medplum/fhirtypes';
import type {
  RequestContext,
  SearchCriterion,
  SearchRequest,
  SearchResult,
  StreamItem,
  StreamRequest,
} from '../sdk/contract.js';
import { BadRequestError, UnknownSearchParamError } from '../sdk/errors.js';
import type { FormularyClient, ItemQuery, LegacyItem } from './backend.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { instantOf } from './map-drug.js';
import { MAX_PAGE } from './options.js';

const USDF = 'http://hl7.org/fhir/us/davinci-drug-formulary';
/** USDF FormularyItem profile. */
export const USDF_FORMULARY_ITEM = `${USDF}/StructureDefinition/usdf-FormularyItem`;
const TIER_CS = `${USDF}/CodeSystem/usdf-DrugTierCS-TEMPORARY-TRIAL-USE`;
const BENEFIT_CS = `${USDF}/CodeSystem/usdf-PharmacyBenefitTypeCS-TEMPORARY-TRIAL-USE`;
/** Legacy tier -> USDF DrugTierCS code. */
export const TIERS: Readonly<Record<string, string>> = {
  PV: 'zero-cost-share-preventative',
  T1: 'generic',
  PF: 'preferred-generic',
  T2: 'preferred-brand',
  T3: 'non-preferred-brand',
  NP: 'non-preferred-brand',
  T4: 'specialty',
  T5: 'specialty',
};
const ITEM_ID = /^fi-(F-[A-Z0-9-]+)-(\d{1,8})$/;

function ext(name: string, value: Omit<Extension, 'url'>): Extension {
  return { url: `${USDF}/StructureDefinition/${name}`, ...value };
}

function dateOf(legacy: string): string {
  return `${legacy.slice(0, 4)}-${legacy.slice(4, 6)}-${legacy.slice(6, 8)}`;
}

function benefit(code: string): Extension {
  const coding = [{ system: BENEFIT_CS, code }];
  return ext('usdf-PharmacyBenefitType-extension', { valueCodeableConcept: { coding } });
}

/** An item as a FormularyItem. */
export function toFormularyItem(row: LegacyItem): Basic {
  const mail = row.MAIL_IND === 'Y' ? ['1-month-in-mail', '3-month-in-mail'] : [];
  const tier = { coding: [{ system: TIER_CS, code: TIERS[row.TIER_CD] ?? 'generic' }] };
  return {
    resourceType: 'Basic',
    id: `fi-${row.FRM_ID}-${row.RXCUI}`,
    meta: { profile: [USDF_FORMULARY_ITEM], lastUpdated: instantOf(row.LAST_UPD_TS) },
    extension: [
      ext('usdf-FormularyReference-extension', {
        valueReference: { reference: `InsurancePlan/frm-${row.FRM_ID}` },
      }),
      ext('usdf-AvailabilityStatus-extension', {
        valueCode: row.ITEM_STAT_CD === 'A' ? 'active' : 'inactive',
      }),
      ext('usdf-AvailabilityPeriod-extension', {
        valuePeriod: { start: dateOf(row.EFF_DT), end: dateOf(row.TERM_DT) },
      }),
      ...['1-month-in-retail', '3-month-in-retail', ...mail].map(benefit),
      ext('usdf-DrugTierID-extension', { valueCodeableConcept: tier }),
      ext('usdf-PriorAuthorization-extension', { valueBoolean: row.PA_IND === 'Y' }),
      ext('usdf-StepTherapyLimit-extension', { valueBoolean: row.ST_IND === 'Y' }),
      ext('usdf-QuantityLimit-extension', { valueBoolean: row.QL_IND === 'Y' }),
    ],
    code: {
      coding: [{ system: `${USDF}/CodeSystem/usdf-InsuranceItemTypeCS`, code: 'formulary-item' }],
    },
    subject: { reference: `MedicationKnowledge/rx-${row.RXCUI}` },
  };
}

/** Reads Basic/fi-<formulary>-<rxcui>. */
export async function readItem(
  client: FormularyClient,
  id: string,
  ctx: RequestContext,
): Promise<Basic | undefined> {
  const match = ITEM_ID.exec(id);
  if (!match) return undefined;
  const query = { formularyId: match[1], rxcui: match[2] };
  const page = await client.items(query, { offset: 0, limit: 1, total: false }, ctx.signal);
  return page.rows[0] ? toFormularyItem(page.rows[0]) : undefined;
}

/** Searches items; a patient limit finds nothing (no patient data). */
export async function searchItems(
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
  const page = await client.items(query, { offset, limit, total: req.wantTotal }, ctx.signal);
  const more = req.count > 0 && page.rows.length > req.count;
  return {
    resources: page.rows.slice(0, req.count).map(toFormularyItem),
    ...(page.total === undefined ? {} : { total: page.total }),
    ...(more ? { nextCursor: encodeCursor(offset + req.count) } : {}),
  };
}

/** Streams every item in backend order; each cursor resumes after its item. */
export async function* streamItems(
  client: FormularyClient,
  pageSize: number,
  req: StreamRequest,
  start: number,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  const since = req.since ? { updatedSince: req.since.toISOString() } : {};
  for (let offset = start; ;) {
    const page = await client.items(since, { offset, limit: pageSize, total: false }, ctx.signal);
    for (const [i, row] of page.rows.entries()) {
      yield { resource: toFormularyItem(row), cursor: encodeCursor(offset + i + 1, 'Basic') };
    }
    if (page.rows.length < pageSize) return;
    offset += page.rows.length;
  }
}

/** Backend filters for the criteria; null when nothing can match. */
function queryOf(criteria: readonly SearchCriterion[]): ItemQuery | null {
  const query: Record<string, string> = {};
  for (const [key, values] of criteria.flatMap(filterOf)) {
    if (values.length === 0) return null;
    if (values.length > 1 && key !== 'tier') {
      throw new BadRequestError(`Search parameter ${key} accepts a single value here`, {
        expression: [key],
      });
    }
    if (query[key] !== undefined && query[key] !== values.join(',')) return null;
    query[key] = values.join(',');
  }
  return query;
}

function filterOf(criterion: SearchCriterion): [string, string[]][] {
  const { name, values } = criterion;
  if (criterion.modifier !== undefined) {
    throw new BadRequestError(`Modifier :${criterion.modifier} is not supported on ${name}`, {
      expression: [name],
    });
  }
  const last = (v: string) => v.split('|').pop() ?? '';
  const ref = () => (v: string) => /([A-Za-z0-9\-.]+)$/.exec(v)?.[1] ?? '';
  const strip = (prefix: string, v: string) => (v.startsWith(prefix) ? v.slice(prefix.length) : '');
  switch (name) {
    case '_id': {
      const ids = values.map((v) => ITEM_ID.exec(v)).filter((m) => m !== null);
      if (ids.length > 1) return [['_id', ['', '']]];
      return [
        ['formularyId', ids.map((m) => m[1] ?? '')],
        ['rxcui', ids.map((m) => m[2] ?? '')],
      ];
    }
    case 'subject':
      return [
        [
          'rxcui',
          values
            .map(ref())
            .map((v) => strip('rx-', v))
            .filter((v) => /^\d{1,8}$/.test(v)),
        ],
      ];
    case 'formulary':
      return [
        [
          'formularyId',
          values
            .map(ref())
            .map((v) => strip('frm-', v))
            .filter((v) => /^F-[A-Z0-9-]+$/.test(v)),
        ],
      ];
    case 'status':
      return [
        [
          'status',
          values.map(last).flatMap((v) => (v === 'active' ? ['A'] : v === 'inactive' ? ['R'] : [])),
        ],
      ];
    case 'drug-tier':
      return [
        [
          'tier',
          values.map(last).flatMap((code) => Object.keys(TIERS).filter((k) => TIERS[k] === code)),
        ],
      ];
    default:
      throw new UnknownSearchParamError(`Search parameter ${name} is not supported`, {
        expression: [name],
      });
  }
}

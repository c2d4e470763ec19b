/**
 * Typed calls to the legacy formulary system (oas/formulary-backend.yaml) through the
 * gateway's HTTP client. Unexpected answers become 502s.
 */
import { z } from 'zod';
import { BadGatewayError } from '../sdk/errors.js';
import type { HttpClient } from '../sdk/http-client.js';

/** A drug row (`GET /drugs`, `GET /drugs/{rxcui}`). */
export const drugSchema = z.object({
  RXCUI: z.string(),
  DRUG_NM: z.string(),
  GNRC_NM: z.string(),
  DOSE_FORM_TXT: z.string(),
  ROUTE_DESC: z.string(),
  ROUTE_SCT_CD: z.string(),
  BRAND_NM: z.string().nullable().optional(),
  TTY_CD: z.string(),
  DRUG_TYP_CD: z.string(),
  LAST_UPD_TS: z.string().regex(/^\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2}$/),
});
export type LegacyDrug = z.infer<typeof drugSchema>;

const drugPageSchema = z.object({
  TOTAL_CNT: z.number().int().optional(),
  DRUGS: z.array(drugSchema),
});

/** A formulary (`GET /formularies`); tiers are not read yet. */
export const formularySchema = z.object({
  FRM_ID: z.string(),
  PLAN_ID: z.string(),
  FRM_NM: z.string(),
  PLAN_YR: z.number().int(),
  EFF_DT: z.string().regex(/^\d{8}$/),
  TERM_DT: z.string().regex(/^\d{8}$/),
  FRM_STAT_CD: z.string(),
  LAST_UPD_TS: z.string().regex(/^\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2}$/),
});
export type LegacyFormulary = z.infer<typeof formularySchema>;

const formularyListSchema = z.object({ FORMULARIES: z.array(formularySchema) });

/** A formulary item (`GET /formulary-items`). */
export const itemSchema = z.object({
  FRM_ID: z.string(),
  RXCUI: z.string(),
  TIER_CD: z.string(),
  PA_IND: z.enum(['Y', 'N']),
  ST_IND: z.enum(['Y', 'N']),
  QL_IND: z.enum(['Y', 'N']),
  MAIL_IND: z.enum(['Y', 'N']),
  ITEM_STAT_CD: z.string(),
  EFF_DT: z.string().regex(/^\d{8}$/),
  TERM_DT: z.string().regex(/^\d{8}$/),
  LAST_UPD_TS: z.string().regex(/^\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2}$/),
});
export type LegacyItem = z.infer<typeof itemSchema>;

const itemPageSchema = z.object({
  TOTAL_CNT: z.number().int().optional(),
  ITEMS: z.array(itemSchema),
});

/** Formulary item filters the backend understands. */
export interface ItemQuery {
  readonly formularyId?: string;
  readonly rxcui?: string;
  readonly tier?: string;
  readonly status?: string;
  readonly updatedSince?: string;
}

/** Drug search filters the backend understands. */
export interface DrugQuery {
  readonly rxcui?: string;
  readonly name?: string;
}

/** Offset paging as the backend does it. */
export interface BackendPage {
  readonly offset: number;
  readonly limit: number;
  readonly total: boolean;
}

/** Client for one formulary backend. */
export class FormularyClient {
  constructor(
    private readonly http: HttpClient,
    private readonly baseUrl: string,
  ) {}

  /** One drug, or undefined when unknown. */
  async drug(rxcui: string, signal: AbortSignal): Promise<LegacyDrug | undefined> {
    const body = await this.get(`/drugs/${encodeURIComponent(rxcui)}`, {}, signal);
    return body === undefined ? undefined : parse(drugSchema, body, '/drugs/{rxcui}');
  }

  /** A page of drugs in catalog order. */
  async drugs(query: DrugQuery, page: BackendPage, signal: AbortSignal) {
    const paging = { offset: page.offset, limit: page.limit, total: page.total ? 'Y' : 'N' };
    const body = await this.get('/drugs', { ...query, ...paging }, signal);
    if (body === undefined) throw unexpected('/drugs', 404);
    const parsed = parse(drugPageSchema, body, '/drugs');
    return { rows: parsed.DRUGS, total: parsed.TOTAL_CNT };
  }

  /** A page of formulary items in backend order. */
  async items(query: ItemQuery, page: BackendPage, signal: AbortSignal) {
    const paging = { offset: page.offset, limit: page.limit, total: page.total ? 'Y' : 'N' };
    const body = await this.get('/formulary-items', { ...query, ...paging }, signal);
    if (body === undefined) throw unexpected('/formulary-items', 404);
    const parsed = parse(itemPageSchema, body, '/formulary-items');
    return { rows: parsed.ITEMS, total: parsed.TOTAL_CNT };
  }

  /** Every formulary (a short list), in backend order. */
  async formularies(signal: AbortSignal): Promise<LegacyFormulary[]> {
    const body = await this.get('/formularies', {}, signal);
    if (body === undefined) throw unexpected('/formularies', 404);
    return parse(formularyListSchema, body, '/formularies').FORMULARIES;
  }

  /** The backend's own status. */
  async health(signal: AbortSignal): Promise<string> {
    const body = (await this.get('/health', {}, signal)) as { STATUS?: unknown } | undefined;
    return typeof body?.STATUS === 'string' ? body.STATUS : 'UNKNOWN';
  }

  private async get(
    path: string,
    query: Record<string, string | number | undefined>,
    signal: AbortSignal,
  ): Promise<unknown> {
    const res = await this.http.json({ url: `${this.baseUrl}${path}`, query, signal });
    if (res.status === 404) return undefined;
    if (res.status >= 400) throw unexpected(path, res.status);
    return res.body;
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, path: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new BadGatewayError('The formulary system sent an unexpected answer', {
    detail: `GET ${path}: ${parsed.error.issues[0]?.message ?? ''}`,
  });
}

function unexpected(path: string, status: number): BadGatewayError {
  return new BadGatewayError('The formulary system rejected the request', {
    detail: `GET ${path} -> ${status}`,
  });
}

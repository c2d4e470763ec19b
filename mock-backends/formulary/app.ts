/**
 * The formulary backend's HTTP surface (see oas/formulary-backend.yaml): request validation
 * by express-openapi-validator, fault injection, read-only routes over the store. Errors
 * use the legacy `{ERR_CD, ERR_MSG, ERR_DTL}` shape shared with the membership system.
 */
import { fileURLToPath } from 'node:url';
import express, { type Express, type Request } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { errorBody, handleError } from '../membership/errors.js';
import type { FaultInjector } from '../membership/faults.js';
import { toLegacyTimestamp } from '../membership/legacy.js';
import { INSURANCE_PLANS, PAYER, PLANS, type Plan } from '../synthetic/index.js';
import { LINE_CODES } from './legacy.js';
import type { FormularyStore, ItemQuery } from './store.js';

/** Path of the OpenAPI document the backend validates requests against. */
export const FORMULARY_OAS_PATH = fileURLToPath(
  new URL('../../oas/formulary-backend.yaml', import.meta.url),
);

/** Options for {@link createFormularyApp}. */
export interface FormularyAppOptions {
  /** Also validate responses against the OpenAPI document (for tests). */
  readonly validateResponses?: boolean;
}

const DEFAULT_LIMIT = 50;

/** Builds the Express app over an open store. */
export function createFormularyApp(
  store: FormularyStore,
  faults: FaultInjector,
  options: FormularyAppOptions = {},
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '16kb' }));
  app.use(faults.middleware);
  app.use(
    OpenApiValidator.middleware({
      apiSpec: FORMULARY_OAS_PATH,
      validateRequests: { allowUnknownQueryParameters: false },
      validateResponses: options.validateResponses ?? false,
    }),
  );
  app.use(faults.router());
  app.get('/health', (_req, res) => {
    const { drugs, formularies, items } = store.counts;
    res.json({ STATUS: 'UP', DRUG_CNT: drugs, FRM_CNT: formularies, ITEM_CNT: items });
  });
  mountPlanRoutes(app, store);
  mountFormularyRoutes(app, store);
  mountDrugRoutes(app, store);
  app.use(handleError);
  return app;
}

function mountPlanRoutes(app: Express, store: FormularyStore): void {
  app.get('/plans', (_req, res) => {
    const plans = PLANS.map((plan) => ({
      ...planRow(plan),
      FORMULARIES: store.searchFormularies({ planId: plan.id }).map((row) => ({
        FRM_ID: row.FRM_ID,
        PLAN_YR: row.PLAN_YR,
        FRM_STAT_CD: row.FRM_STAT_CD,
      })),
    }));
    res.json({ PLANS: plans });
  });
  app.get('/plans/:planId/formularies', (req, res) => {
    const planId = req.params.planId;
    if (!PLANS.some((plan) => plan.id === planId)) {
      return void res.status(404).json(errorBody(404, 'Plan not found'));
    }
    res.json({ PLAN_ID: planId, FORMULARIES: store.searchFormularies({ planId }) });
  });
}

/** A plan's header: line of business, product type, contact points and service area. */
function planRow(plan: Plan) {
  const product = INSURANCE_PLANS.find((candidate) => candidate.planId === plan.id);
  return {
    PLAN_ID: plan.id,
    PLAN_NM: plan.name,
    LOB_CD: LINE_CODES[plan.line] ?? 'COM',
    PROD_TYP_CD: plan.productType,
    CUST_SVC_PHONE: PAYER.phone,
    PLAN_URL: `${PAYER.website}/plans/${plan.id.toLowerCase()}`,
    SVC_AREA_ST_CDS: [...(product?.states ?? [])],
    LAST_UPD_TS: toLegacyTimestamp(product?.updatedAt ?? PAYER.updatedAt),
  };
}

function mountFormularyRoutes(app: Express, store: FormularyStore): void {
  app.get('/formularies', (req, res) => {
    const year = param(req, 'year');
    const query = {
      planId: param(req, 'planId'),
      year: year === undefined ? undefined : Number(year),
      status: param(req, 'status'),
    };
    res.json({ FORMULARIES: store.searchFormularies(query) });
  });
  app.get('/formularies/:formularyId', (req, res) => {
    const row = store.findFormulary(req.params.formularyId);
    if (!row) return void res.status(404).json(errorBody(404, 'Formulary not found'));
    res.json(row);
  });
  app.get('/formularies/:formularyId/items', (req, res) => {
    const formularyId = req.params.formularyId;
    if (!store.findFormulary(formularyId)) {
      return void res.status(404).json(errorBody(404, 'Formulary not found'));
    }
    sendItems(res, store, { ...itemQuery(req), formularyIds: [formularyId] });
  });
  app.get('/formulary-items', (req, res) => {
    sendItems(res, store, itemQuery(req));
  });
}

function sendItems(res: express.Response, store: FormularyStore, query: ItemQuery): void {
  const page = store.searchItems(query);
  res.json({ ...totalOf(page.total), OFFSET: query.offset, LIMIT: query.limit, ITEMS: page.rows });
}

function mountDrugRoutes(app: Express, store: FormularyStore): void {
  app.get('/drugs', (req, res) => {
    const query = {
      rxcuis: list(req, 'rxcui'),
      name: param(req, 'name'),
      ndc: param(req, 'ndc')?.replaceAll('-', ''),
      drugType: param(req, 'drugType'),
      drugClass: param(req, 'drugClass'),
      doseForm: param(req, 'doseForm'),
      ...updated(req),
      ...paging(req),
    };
    const page = store.searchDrugs(query);
    res.json({
      ...totalOf(page.total),
      OFFSET: query.offset,
      LIMIT: query.limit,
      DRUGS: page.rows,
    });
  });
  app.get('/drugs/:rxcui', (req, res) => {
    const row = store.findDrug(req.params.rxcui);
    if (!row) return void res.status(404).json(errorBody(404, 'Drug not found'));
    res.json(row);
  });
}

function itemQuery(req: Request): ItemQuery {
  const year = param(req, 'year');
  return {
    formularyIds: list(req, 'formularyId'),
    planId: param(req, 'planId'),
    year: year === undefined ? undefined : Number(year),
    rxcuis: list(req, 'rxcui'),
    drugName: param(req, 'drugName'),
    tiers: list(req, 'tier'),
    lobTiers: list(req, 'lobTier'),
    channels: list(req, 'channel'),
    effFrom: param(req, 'effFrom'),
    effBefore: param(req, 'effBefore'),
    termFrom: param(req, 'termFrom'),
    termBefore: param(req, 'termBefore'),
    priorAuth: param(req, 'pa'),
    stepTherapy: param(req, 'st'),
    quantityLimit: param(req, 'ql'),
    status: param(req, 'status'),
    ...updated(req),
    ...paging(req),
  };
}

/** `updatedSince` / `updatedBefore` (ISO instants) as legacy timestamps. */
function updated(req: Request): { updatedSince?: string; updatedBefore?: string } {
  const legacy = (name: string) => {
    const value = param(req, name);
    return value === undefined ? undefined : toLegacyTimestamp(new Date(value).toISOString());
  };
  return { updatedSince: legacy('updatedSince'), updatedBefore: legacy('updatedBefore') };
}

function totalOf(total: number | undefined): { TOTAL_CNT?: number } {
  return total === undefined ? {} : { TOTAL_CNT: total };
}

/** Reads a query parameter the validator has already checked (so it is a plain string). */
function param(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? String(value) : undefined;
}

function list(req: Request, name: string): string[] | undefined {
  return param(req, name)?.split(',');
}

function paging(req: Request): { offset: number; limit: number; total: boolean; after?: string } {
  return {
    after: param(req, 'after'),
    offset: Number(param(req, 'offset') ?? 0),
    limit: Number(param(req, 'limit') ?? DEFAULT_LIMIT),
    total: param(req, 'total') === 'Y',
  };
}

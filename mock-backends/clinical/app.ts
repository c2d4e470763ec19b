/**
 * The clinical backend's HTTP surface (see oas/clinical-backend.yaml): for every class,
 * `GET /members/{memberId}/{class}`, `GET /{class}` (across members) and `GET /{class}/{id}`,
 * validated by express-openapi-validator, with fault injection and the legacy
 * `{ERR_CD, ERR_MSG, ERR_DTL}` error shape of the other mock systems.
 */
import { fileURLToPath } from 'node:url';
import express, { type Express, type Request, type Response } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { errorBody, handleError } from '../membership/errors.js';
import type { FaultInjector } from '../membership/faults.js';
import { toLegacyTimestamp } from '../membership/legacy.js';
import { indexOfMemberId } from '../synthetic/index.js';
import { CLASSES, type ClassDef } from './classes.js';
import type { ClassQuery, ClinicalStore } from './store.js';

/** Path of the OpenAPI document the backend validates requests against. */
export const CLINICAL_OAS_PATH = fileURLToPath(
  new URL('../../oas/clinical-backend.yaml', import.meta.url),
);

/** Options for {@link createClinicalApp}. */
export interface ClinicalAppOptions {
  /** Also validate responses against the OpenAPI document (for tests). */
  readonly validateResponses?: boolean;
}

const DEFAULT_LIMIT = 50;

/** Builds the Express app over an open store. */
export function createClinicalApp(
  store: ClinicalStore,
  faults: FaultInjector,
  options: ClinicalAppOptions = {},
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '16kb' }));
  app.use(faults.middleware);
  app.use(
    OpenApiValidator.middleware({
      apiSpec: CLINICAL_OAS_PATH,
      validateRequests: { allowUnknownQueryParameters: false },
      validateResponses: options.validateResponses ?? false,
    }),
  );
  app.use(faults.router());
  app.get('/health', (_req, res) => {
    res.json({ STATUS: 'UP', MBR_CNT: store.population.count });
  });
  for (const def of CLASSES) mountClass(app, store, def);
  app.use(handleError);
  return app;
}

function mountClass(app: Express, store: ClinicalStore, def: ClassDef): void {
  app.get(`/members/:memberId/${def.path}`, (req, res) => {
    const memberId = req.params.memberId;
    const index = indexOfMemberId(memberId);
    if (index === undefined || index >= store.population.count) {
      return void res.status(404).json(errorBody(404, 'Member not found'));
    }
    sendPage(res, store, def, { ...classQuery(req), memberSeqs: [index + 1] });
  });
  app.get(`/${def.path}`, (req, res) => {
    const members = param(req, 'memberId')
      ?.split(',')
      .map((id) => (indexOfMemberId(id) ?? -1) + 1);
    sendPage(res, store, def, { ...classQuery(req), memberSeqs: members });
  });
  app.get(`/${def.path}/:id`, (req, res) => {
    const row = store.find(def, req.params.id);
    if (!row) return void res.status(404).json(errorBody(404, 'Record not found'));
    res.json(row);
  });
}

function sendPage(res: Response, store: ClinicalStore, def: ClassDef, query: ClassQuery): void {
  const page = store.search(def, query);
  const total = page.total === undefined ? {} : { TOTAL_CNT: page.total };
  res.json({ ...total, OFFSET: query.offset, LIMIT: query.limit, [def.listKey]: page.rows });
}

function classQuery(req: Request): ClassQuery {
  const since = param(req, 'updatedSince');
  return {
    dateFrom: param(req, 'dateFrom'),
    dateTo: param(req, 'dateTo'),
    codes: list(req, 'code'),
    categories: list(req, 'category'),
    statuses: list(req, 'status'),
    encounterId: param(req, 'encounterId'),
    groupIds: list(req, 'groupId'),
    dateOf: param(req, 'dateOf'),
    after: param(req, 'after'),
    updatedSince:
      since === undefined ? undefined : toLegacyTimestamp(new Date(since).toISOString()),
    offset: Number(param(req, 'offset') ?? 0),
    limit: Number(param(req, 'limit') ?? DEFAULT_LIMIT),
    total: param(req, 'total') === 'Y',
  };
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

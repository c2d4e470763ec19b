/**
 * The membership backend's HTTP surface (see oas/membership-backend.yaml): request
 * validation by express-openapi-validator, fault injection, and read-only routes over the
 * store. Errors always use the legacy `{ERR_CD, ERR_MSG, ERR_DTL}` shape.
 */
import { fileURLToPath } from 'node:url';
import express, { type Express, type Request } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { errorBody, handleError } from './errors.js';
import type { FaultInjector } from './faults.js';
import { toLegacyTimestamp } from './legacy.js';
import { payerRow, planRows } from './reference.js';
import type { EligibilityQuery, MemberQuery, MembershipStore } from './store.js';

/** Path of the OpenAPI document the backend validates requests against. */
export const MEMBERSHIP_OAS_PATH = fileURLToPath(
  new URL('../../oas/membership-backend.yaml', import.meta.url),
);

/** Options for {@link createMembershipApp}. */
export interface MembershipAppOptions {
  /** Also validate responses against the OpenAPI document (for tests). */
  readonly validateResponses?: boolean;
}

const DEFAULT_LIMIT = 50;

/** Builds the Express app over an open store. */
export function createMembershipApp(
  store: MembershipStore,
  faults: FaultInjector,
  options: MembershipAppOptions = {},
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '16kb' }));
  app.use(faults.middleware);
  app.use(
    OpenApiValidator.middleware({
      apiSpec: MEMBERSHIP_OAS_PATH,
      validateRequests: { allowUnknownQueryParameters: false },
      validateResponses: options.validateResponses ?? false,
    }),
  );
  app.use(faults.router());
  app.get('/health', (_req, res) => {
    res.json({ STATUS: 'UP', MBR_CNT: store.population.count });
  });
  app.get('/payer', (_req, res) => {
    res.json(payerRow());
  });
  mountPlanRoutes(app);
  mountMemberRoutes(app, store);
  app.use(handleError);
  return app;
}

function mountPlanRoutes(app: Express): void {
  app.get('/plans', (_req, res) => {
    res.json({ PLANS: planRows() });
  });
  app.get('/plans/:planId', (req, res) => {
    const plan = planRows().find((row) => row.PLAN_ID === req.params.planId);
    if (!plan) return void res.status(404).json(errorBody(404, 'Plan not found'));
    res.json(plan);
  });
}

function mountMemberRoutes(app: Express, store: MembershipStore): void {
  app.get('/members', (req, res) => {
    const query = memberQuery(req);
    const page = store.searchMembers(query);
    res.json({
      ...totalOf(page.total),
      OFFSET: query.offset,
      LIMIT: query.limit,
      MEMBERS: page.rows,
    });
  });
  app.get('/members/:memberId', (req, res) => {
    const member = store.findMember(req.params.memberId);
    if (!member) return void res.status(404).json(errorBody(404, 'Member not found'));
    res.json({ ...member, ELIG_SPANS: spansOf(store, member.MBR_ID) });
  });
  app.get('/members/:memberId/eligibility', (req, res) => {
    const memberId = req.params.memberId;
    if (!store.findMember(memberId)) {
      return void res.status(404).json(errorBody(404, 'Member not found'));
    }
    res.json({ MBR_ID: memberId, ELIG_SPANS: spansOf(store, memberId) });
  });
  app.get('/eligibility', (req, res) => {
    const query = eligibilityQuery(req);
    const page = store.searchEligibility(query);
    res.json({
      ...totalOf(page.total),
      OFFSET: query.offset,
      LIMIT: query.limit,
      ELIG_SPANS: page.rows,
    });
  });
}

function spansOf(store: MembershipStore, memberId: string) {
  return store.searchEligibility({ memberIds: [memberId], offset: 0, limit: 100, total: false })
    .rows;
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

function paging(req: Request): { after?: string; offset: number; limit: number; total: boolean } {
  return {
    after: param(req, 'after'),
    offset: Number(param(req, 'offset') ?? 0),
    limit: Number(param(req, 'limit') ?? DEFAULT_LIMIT),
    total: param(req, 'total') === 'Y',
  };
}

function memberQuery(req: Request): MemberQuery {
  return {
    lastName: param(req, 'lastName'),
    firstName: param(req, 'firstName'),
    name: param(req, 'name'),
    birthDate: param(req, 'birthDate'),
    birthDateFrom: param(req, 'birthDateFrom'),
    birthDateTo: param(req, 'birthDateTo'),
    sex: param(req, 'sex')?.split(','),
    memberIds: param(req, 'memberId')?.split(','),
    subscriberId: param(req, 'subscriberId'),
    updatedSince: legacySince(param(req, 'updatedSince')),
    ...paging(req),
  };
}

function eligibilityQuery(req: Request): EligibilityQuery {
  const spanSeq = param(req, 'spanSeq');
  return {
    memberIds: param(req, 'memberId')?.split(','),
    subscriberId: param(req, 'subscriberId'),
    subscriberMemberId: param(req, 'subscriberMemberId'),
    memberOrSubscriberIds: param(req, 'memberOrSubscriberId')?.split(','),
    spanSeq: spanSeq === undefined ? undefined : Number(spanSeq),
    status: param(req, 'status'),
    planId: param(req, 'planId'),
    updatedSince: legacySince(param(req, 'updatedSince')),
    ...paging(req),
  };
}

/** An ISO date-time (any offset) as a legacy UTC timestamp for comparison. */
function legacySince(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return toLegacyTimestamp(new Date(value).toISOString());
}

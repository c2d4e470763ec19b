/**
 * The utilization-management backend's HTTP surface (oas/utilization-backend.yaml):
 * request search, requests of a member, a request by number, its denial reason codes,
 * health and fault injection. Errors use the legacy `{ERR_CD, ERR_MSG, ERR_DTL}` shape.
 */
import { fileURLToPath } from 'node:url';
import type { Express, Request } from 'express';
import { errorBody } from '../membership/errors.js';
import type { FaultInjector } from '../membership/faults.js';
import { legacyApp } from '../legacy-kit/app.js';
import { envelope, listParam, paging, param, sinceParam } from '../legacy-kit/query.js';
import { DENIAL_REASONS } from './legacy.js';
import type { AuthQuery, AuthStore } from './store.js';

/** Path of the OpenAPI document the backend validates requests against. */
export const UTILIZATION_OAS_PATH = fileURLToPath(
  new URL('../../oas/utilization-backend.yaml', import.meta.url),
);

/** Builds the Express app over an open store. */
export function createUtilizationApp(
  store: AuthStore,
  faults: FaultInjector,
  options: { readonly validateResponses?: boolean } = {},
): Express {
  return legacyApp({ apiSpec: UTILIZATION_OAS_PATH, faults, ...options }, (app) => {
    app.get('/health', (_req, res) => {
      const { members, auths } = store.population;
      res.json({ STATUS: 'UP', MBR_CNT: members, AUTH_CNT: auths });
    });
    app.get('/reference/denial-reasons', (_req, res) => {
      const reasons = Object.entries(DENIAL_REASONS).map(([code, text]) => ({
        RSN_CD: code,
        RSN_DESC: text,
      }));
      res.json({ REASONS: reasons });
    });
    mountAuthRoutes(app, store);
  });
}

function mountAuthRoutes(app: Express, store: AuthStore): void {
  app.get('/auths', (req, res) => {
    const query = authQuery(req, { memberIds: listParam(req, 'memberId') });
    const page = store.search(query);
    res.json(envelope('AUTHS', page.rows, query, page.total));
  });
  app.get('/auths/:authNbr', (req, res) => {
    const auth = store.find(String(req.params.authNbr));
    if (!auth) return void res.status(404).json(errorBody(404, 'Authorization not found'));
    res.json(auth);
  });
  app.get('/members/:memberId/auths', (req, res) => {
    const memberId = String(req.params.memberId);
    if (!store.hasMember(memberId)) {
      return void res.status(404).json(errorBody(404, 'Member not found'));
    }
    const query = authQuery(req, { memberIds: [memberId] });
    const page = store.search(query);
    res.json({ MBR_ID: memberId, ...envelope('AUTHS', page.rows, query, page.total) });
  });
}

function authQuery(req: Request, fixed: Pick<AuthQuery, 'memberIds'>): AuthQuery {
  return {
    ...fixed,
    authNumbers: listParam(req, 'authNbr'),
    statuses: listParam(req, 'status'),
    types: listParam(req, 'type'),
    urgency: param(req, 'urgency'),
    updatedSince: sinceParam(req, 'updatedSince'),
    statusChangedSince: sinceParam(req, 'statusChangedSince'),
    retainedOn: param(req, 'retainedOn'),
    ...paging(req),
  };
}

/**
 * The claims backend's HTTP surface (oas/claims-backend.yaml): claim search, claims of a
 * member, a claim by id, the adjustment reason codes it uses, health and fault injection.
 * Errors always use the legacy `{ERR_CD, ERR_MSG, ERR_DTL}` shape.
 */
import { fileURLToPath } from 'node:url';
import type { Express, Request } from 'express';
import { CARC, RARC } from '../synthetic/index.js';
import { errorBody } from '../membership/errors.js';
import type { FaultInjector } from '../membership/faults.js';
import { legacyApp } from '../legacy-kit/app.js';
import { envelope, listParam, paging, param, sinceParam } from '../legacy-kit/query.js';
import type { ClaimQuery, ClaimsStore } from './store.js';

/** Path of the OpenAPI document the backend validates requests against. */
export const CLAIMS_OAS_PATH = fileURLToPath(
  new URL('../../oas/claims-backend.yaml', import.meta.url),
);

/** Builds the Express app over an open store. */
export function createClaimsApp(
  store: ClaimsStore,
  faults: FaultInjector,
  options: { readonly validateResponses?: boolean } = {},
): Express {
  return legacyApp({ apiSpec: CLAIMS_OAS_PATH, faults, ...options }, (app) => {
    app.get('/health', (_req, res) => {
      const { members, claims } = store.population;
      res.json({ STATUS: 'UP', MBR_CNT: members, CLM_CNT: claims });
    });
    app.get('/reference/adjustment-reasons', (_req, res) => {
      res.json({
        CARCS: Object.entries(CARC).map(([code, text]) => ({ CARC_CD: code, CARC_DESC: text })),
        RARCS: Object.entries(RARC).map(([code, text]) => ({ RARC_CD: code, RARC_DESC: text })),
      });
    });
    mountClaimRoutes(app, store);
  });
}

function mountClaimRoutes(app: Express, store: ClaimsStore): void {
  app.get('/claims', (req, res) => {
    const query = claimQuery(req, { memberIds: listParam(req, 'memberId') });
    const page = store.search(query);
    res.json(envelope('CLAIMS', page.rows, query, page.total));
  });
  app.get('/claims/:claimId', (req, res) => {
    const claim = store.find(String(req.params.claimId));
    if (!claim) return void res.status(404).json(errorBody(404, 'Claim not found'));
    res.json(claim);
  });
  app.get('/members/:memberId/claims', (req, res) => {
    const memberId = String(req.params.memberId);
    if (!store.hasMember(memberId)) {
      return void res.status(404).json(errorBody(404, 'Member not found'));
    }
    const query = claimQuery(req, { memberIds: [memberId] });
    const page = store.search(query);
    res.json({ MBR_ID: memberId, ...envelope('CLAIMS', page.rows, query, page.total) });
  });
}

function claimQuery(req: Request, fixed: Pick<ClaimQuery, 'memberIds'>): ClaimQuery {
  return {
    ...fixed,
    claimIds: listParam(req, 'claimId'),
    types: listParam(req, 'type'),
    statuses: listParam(req, 'status'),
    serviceFrom: param(req, 'serviceFrom'),
    serviceTo: param(req, 'serviceTo'),
    updatedSince: sinceParam(req, 'updatedSince'),
    network: param(req, 'network'),
    ...paging(req),
  };
}

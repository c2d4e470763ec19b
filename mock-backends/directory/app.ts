/**
 * The directory backend's HTTP surface (oas/directory-backend.yaml): for each entity kind a
 * search (`GET /practitioners?...`) and a read (`GET /practitioners/{id}`), the taxonomy
 * reference list, health and fault injection. Public data: no authentication, as the rule's
 * Provider Directory API is public.
 */
import { fileURLToPath } from 'node:url';
import type { Express, Request } from 'express';
import { TAXONOMY_CODES } from '../synthetic/index.js';
import { errorBody } from '../membership/errors.js';
import type { FaultInjector } from '../membership/faults.js';
import { legacyApp } from '../legacy-kit/app.js';
import { envelope, paging, param, sinceParam } from '../legacy-kit/query.js';
import { ENTITY_KINDS, type EntityKind } from './entities.js';
import type { DirectoryQuery, DirectoryStore, Near } from './store.js';

/** Path of the OpenAPI document the backend validates requests against. */
export const DIRECTORY_OAS_PATH = fileURLToPath(
  new URL('../../oas/directory-backend.yaml', import.meta.url),
);

/** Default search radius for `near`, in kilometres. */
const DEFAULT_RADIUS_KM = 25;

/** Builds the Express app over an open store. */
export function createDirectoryApp(
  store: DirectoryStore,
  faults: FaultInjector,
  options: { readonly validateResponses?: boolean } = {},
): Express {
  return legacyApp({ apiSpec: DIRECTORY_OAS_PATH, faults, ...options }, (app) => {
    app.get('/health', (_req, res) => {
      res.json({ STATUS: 'UP', PRAC_CNT: store.size.practitioners, ENTITY_CNTS: store.counts() });
    });
    app.get('/reference/taxonomies', (_req, res) => {
      const rows = TAXONOMY_CODES.map((entry) => ({
        TAXONOMY_CD: entry.code,
        TAXONOMY_DESC: entry.display,
        GROUPING_DESC: entry.grouping,
      }));
      res.json({ TAXONOMIES: rows });
    });
    for (const kind of ENTITY_KINDS) mountEntity(app, store, kind);
  });
}

function mountEntity(app: Express, store: DirectoryStore, kind: EntityKind): void {
  app.get(kind.path, (req, res) => {
    const query = searchOf(req, kind);
    const page = store.search(query);
    res.json(envelope(kind.listKey, page.rows, query, page.total));
  });
  app.get(`${kind.path}/:id`, (req, res) => {
    const row = store.find(kind.kind, String(req.params.id));
    if (!row) return void res.status(404).json(errorBody(404, `${kind.label} not found`));
    res.json(row);
  });
}

function searchOf(req: Request, kind: EntityKind): DirectoryQuery {
  const filters = Object.entries(kind.filters).flatMap(([name, [attribute, match]]) => {
    const value = param(req, name);
    return value === undefined ? [] : [{ attribute, match, value }];
  });
  return {
    kind: kind.kind,
    filters,
    updatedSince: sinceParam(req, 'updatedSince'),
    near: nearOf(req),
    ...paging(req),
  };
}

function nearOf(req: Request): Near | undefined {
  const near = param(req, 'near');
  if (near === undefined) return undefined;
  const [latitude = 0, longitude = 0] = near.split(',').map(Number);
  const radiusKm = Number(param(req, 'radiusKm') ?? DEFAULT_RADIUS_KM);
  return { latitude, longitude, radiusKm };
}

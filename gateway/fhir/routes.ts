/**
 * The FHIR REST surface as one table. Each route names its handler and the access it needs:
 * `public`, or a SMART scope action on the URL's resource type. The wiring below authenticates
 * and authorizes before any handler runs, so a route added here cannot skip either.
 */
import { pipeline } from 'node:stream/promises';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { AccessConstraints } from '../../plugins/sdk/contract.js';
import {
  BadRequestError,
  GatewayError,
  UnsupportedResourceTypeError,
} from '../../plugins/sdk/errors.js';
import { authenticate } from '../auth/authenticate.js';
import type { TokenVerifier } from '../auth/jwt-verifier.js';
import type { Principal } from '../auth/principal.js';
import type { ScopeAction } from '../auth/scopes.js';
import { FHIR_JSON, negotiate, requireJsonBody } from '../http/content.js';
import { anonymousRateLimit, type RateLimitOptions } from '../http/rate-limit.js';
import { capabilities } from './interactions/capabilities.js';
import { historyInstance } from './interactions/history.js';
import { invokeOperation, operationFor, operationScopeType } from './interactions/operation.js';
import { readResource, vreadResource } from './interactions/read.js';
import { searchType } from './interactions/search.js';
import { createResource, updateResource } from './interactions/write.js';
import type { FhirServices } from './services.js';
import type { FhirRequest, FhirResponse, QueryPairs } from './types.js';

type Handler = (services: FhirServices, req: FhirRequest) => FhirResponse | Promise<FhirResponse>;

/**
 * Access to several resource types at once (bulk export and its status and file endpoints).
 * `types` resolves, before authorization, which types the request touches: every `named`
 * type must be allowed (a refusal is 403, or is skipped when `lenient` and the client sent
 * `Prefer: handling=lenient`); `implied` types are kept only where the token allows them.
 * A token is always required. The handler gets the result in `typeConstraints`.
 */
export interface TypesAccess {
  readonly action: ScopeAction;
  readonly types: (
    services: FhirServices,
    req: FhirRequest,
  ) => Promise<RequestedTypes> | RequestedTypes;
}

export interface RequestedTypes {
  readonly named: readonly string[];
  readonly implied?: readonly string[];
  readonly lenient?: boolean;
}

/**
 * One FHIR endpoint: method, path under the base, required access, handler. Access is
 * `public`, a scope action on the URL's type, `operation` (the scope of the operation's
 * declared type, read for operations that change nothing and create for the others), or a
 * {@link TypesAccess}. `negotiate: false` leaves the response format to the handler.
 */
export interface FhirRoute {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  readonly path: string | RegExp;
  readonly access: 'public' | 'operation' | { readonly action: ScopeAction } | TypesAccess;
  readonly handler: Handler;
  readonly negotiate?: false;
}

const TYPE = '(?<type>[A-Z][A-Za-z]+)';
const ID = '(?<id>[A-Za-z0-9\\-.]{1,64})';
const OP = '\\$(?<operation>[a-z][A-Za-z0-9-]*)';
const SYSTEM_OP = new RegExp(`^/${OP}$`);
const TYPE_OP = new RegExp(`^/${TYPE}/${OP}$`);
const INSTANCE_OP = new RegExp(`^/${TYPE}/${ID}/${OP}$`);

export const FHIR_ROUTES: readonly FhirRoute[] = [
  { method: 'get', path: '/metadata', access: 'public', handler: capabilities },
  ...[SYSTEM_OP, TYPE_OP, INSTANCE_OP].flatMap((path) =>
    (['get', 'post'] as const).map((method) => ({
      method,
      path,
      access: 'operation' as const,
      handler: invokeOperation,
    })),
  ),
  { method: 'get', path: '/:type', access: { action: 's' }, handler: searchType },
  { method: 'post', path: '/:type/_search', access: { action: 's' }, handler: searchType },
  { method: 'post', path: '/:type', access: { action: 'c' }, handler: createResource },
  { method: 'get', path: '/:type/:id', access: { action: 'r' }, handler: readResource },
  { method: 'put', path: '/:type/:id', access: { action: 'u' }, handler: updateResource },
  { method: 'get', path: '/:type/:id/_history', access: { action: 'r' }, handler: historyInstance },
  {
    method: 'get',
    path: '/:type/:id/_history/:vid',
    access: { action: 'r' },
    handler: vreadResource,
  },
];

export interface FhirRouterOptions {
  readonly services: FhirServices;
  readonly verifier: TokenVerifier;
  readonly publicBaseUrl: string;
  readonly bodyLimitBytes: number;
  readonly anonymousRateLimit: RateLimitOptions;
  /** More routes (bulk export), wired before {@link FHIR_ROUTES} with the same checks. */
  readonly routes?: readonly FhirRoute[];
}

/** The Express router for the FHIR base, wired from {@link FHIR_ROUTES}. */
export function fhirRouter(options: FhirRouterOptions): Router {
  const router = express.Router();
  router.use(anonymousRateLimit(options.anonymousRateLimit));
  const routes = [...(options.routes ?? []), ...FHIR_ROUTES];
  router.use(negotiateUnless(routes.filter((route) => route.negotiate === false)));
  router.use(['/', '/:type'], bodyParsers(options.bodyLimitBytes));
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      const fhirReq = await toFhirRequest(req, res, route, options);
      await send(res, await route.handler(options.services, fhirReq));
    });
  }
  return router;
}

/** Content negotiation for every path except those of routes that negotiate themselves. */
function negotiateUnless(own: readonly FhirRoute[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const matches = own.some((route) => route.path instanceof RegExp && route.path.test(req.path));
    if (matches) return next();
    negotiate(req, res, next);
  };
}

function bodyParsers(limit: number) {
  const json = express.json({
    type: ['application/fhir+json', 'application/json', 'application/json+fhir'],
    limit,
    strict: true,
  });
  const form = express.urlencoded({ extended: false, limit });
  return [
    (req: Request, res: Response, next: (err?: unknown) => void) => {
      if (req.method !== 'POST' && req.method !== 'PUT') return next();
      requireJsonBody(req, res, next);
    },
    json,
    form,
  ];
}

async function toFhirRequest(
  req: Request,
  res: Response,
  route: FhirRoute,
  options: FhirRouterOptions,
): Promise<FhirRequest> {
  const params = req.params as Record<string, string | undefined>;
  const prefer = req.get('prefer') ?? '';
  const base = {
    method: req.method as FhirRequest['method'],
    resourceType: checkType(params.type),
    id: checkId(params.id, 'id'),
    operation: params.operation,
    versionId: checkId(params.vid, 'version id'),
    query: queryPairs(req),
    body: route.method === 'get' || isFormSearch(req) ? undefined : (req.body as unknown),
    baseUrl: options.publicBaseUrl,
    requestId: req.requestId,
    logger: req.log,
    signal: abortSignal(res),
    strictHandling: /handling\s*=\s*strict/.test(prefer),
    preferReturn: /return\s*=\s*(minimal|representation|OperationOutcome)/.exec(
      prefer,
    )?.[1] as FhirRequest['preferReturn'],
    ifMatch: req.get('if-match'),
    ifNoneExist: req.get('if-none-exist'),
    pathParams: params,
    accept: req.get('accept'),
    prefer,
    lenientHandling: /handling\s*=\s*lenient/.test(prefer),
  };
  if (route.access === 'public') return { ...base, constraints: {} };
  if (typeof route.access === 'object' && 'types' in route.access) {
    const principal = await authenticate(req, options.verifier);
    return authorizeTypes(route.access, options.services, { ...base, principal, constraints: {} });
  }
  const [action, scopeType] = requiredAccess(route, options.services, base);
  const anonymous =
    !req.get('authorization') && options.services.access.isPublic(scopeType, action);
  const principal = anonymous ? undefined : await authenticate(req, options.verifier);
  return {
    ...base,
    principal,
    constraints: options.services.access.authorize(principal, action, scopeType),
  };
}

/** Authorizes each type a {@link TypesAccess} route touches (see there). */
async function authorizeTypes(
  access: TypesAccess,
  services: FhirServices,
  req: FhirRequest,
): Promise<FhirRequest> {
  const requested = await access.types(services, req);
  const typeConstraints = new Map<string, AccessConstraints>();
  const skippedTypes: Array<{ type: string; reason: string }> = [];
  const principal = req.principal as Principal;
  for (const type of requested.named) {
    try {
      typeConstraints.set(type, services.access.authorize(principal, access.action, type));
    } catch (error) {
      if (!(error instanceof GatewayError) || error.status !== 403) throw error;
      if (!(requested.lenient && req.lenientHandling)) throw error;
      skippedTypes.push({ type, reason: error.message });
    }
  }
  for (const type of requested.implied ?? []) {
    if (typeConstraints.has(type)) continue;
    try {
      typeConstraints.set(type, services.access.authorize(principal, access.action, type));
    } catch (error) {
      if (!(error instanceof GatewayError) || error.status !== 403) throw error;
    }
  }
  return { ...req, typeConstraints, skippedTypes };
}

/** The scope action and type a route needs; operations take theirs from the declaration. */
function requiredAccess(
  route: FhirRoute,
  services: FhirServices,
  req: Omit<FhirRequest, 'constraints'>,
): [ScopeAction, string] {
  if (route.access !== 'operation') {
    return [(route.access as { action: ScopeAction }).action, req.resourceType ?? ''];
  }
  const operation = operationFor(services, req as FhirRequest, req.operation ?? '');
  return [operation.operation.affectsState ? 'c' : 'r', operationScopeType(operation)];
}

function checkType(type: string | undefined): string | undefined {
  if (type === undefined) return undefined;
  if (!/^[A-Z][A-Za-z]{1,63}$/.test(type)) {
    throw new UnsupportedResourceTypeError(`"${type}" is not a FHIR resource type`);
  }
  return type;
}

function checkId(id: string | undefined, label: string): string | undefined {
  if (id === undefined) return undefined;
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) {
    throw new BadRequestError(`"${id}" is not a valid FHIR ${label} (1-64 of A-Z a-z 0-9 - .)`);
  }
  return id;
}

/** Query pairs in order, plus form fields of a POST `_search` (R4 §3.1.1.1). */
function queryPairs(req: Request): QueryPairs {
  const pairs: Array<readonly [string, string]> = [
    ...new URL(req.originalUrl, 'http://x').searchParams,
  ];
  if (isFormSearch(req)) {
    for (const [key, value] of Object.entries(req.body as Record<string, string | string[]>)) {
      for (const item of [value].flat()) pairs.push([key, item]);
    }
  }
  return pairs;
}

function isFormSearch(req: Request): boolean {
  return (
    req.method === 'POST' &&
    req.path.endsWith('/_search') &&
    typeof req.body === 'object' &&
    req.body !== null &&
    !req.is(['json', 'application/fhir+json'])
  );
}

/** Aborted when the client disconnects before the answer is sent. */
function abortSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

async function send(res: Response, response: FhirResponse): Promise<void> {
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  res.status(response.status);
  if (response.body) {
    res.type(response.body.contentType);
    if (typeof response.body.content === 'string') res.send(response.body.content);
    else {
      await pipeline(response.body.content, res).catch((error: unknown) =>
        streamFailed(res, error),
      );
    }
    return;
  }
  if (!response.resource) {
    res.end();
    return;
  }
  res.type(FHIR_JSON).send(JSON.stringify(response.resource));
}

/** A streamed body broke off (client gone, store failure): the response is already partial. */
function streamFailed(res: Response, error: unknown): void {
  res.req.log.warn('response stream ended early', {
    reason: error instanceof Error ? error.message : String(error),
  });
  res.destroy();
}

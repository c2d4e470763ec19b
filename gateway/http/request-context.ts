/**
 * Per-request identity for logs and errors: a request id (a valid incoming `X-Request-Id` is
 * kept, else a new UUID), the W3C `traceparent` trace id, a child logger carrying both, and one
 * completion line per request with method, route template, status and duration. 5xx complete
 * at error level, 4xx at warn, the rest at info. No query strings or bodies are logged (PHI).
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'winston';

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
    traceId?: string;
    log: Logger;
    /** Set by authentication, for the completion line. */
    clientId?: string;
  }
}

const REQUEST_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-[\da-f]{2}$/;

/** Middleware attaching `requestId`, `traceId` and `log` to the request. */
export function requestContext(root: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.get('x-request-id');
    req.requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.traceId = TRACEPARENT.exec(req.get('traceparent') ?? '')?.[1];
    req.log = root.child({ requestId: req.requestId, traceId: req.traceId });
    res.setHeader('X-Request-Id', req.requestId);

    const started = process.hrtime.bigint();
    res.on('finish', () => logCompletion(req, res, started));
    next();
  };
}

function logCompletion(req: Request, res: Response, started: bigint): void {
  const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
  const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
  req.log.log(level, 'request completed', {
    method: req.method,
    route: routeTemplate(req),
    status: res.statusCode,
    durationMs: Math.round(durationMs * 10) / 10,
    clientId: req.clientId,
  });
}

/** The matched route pattern (`/fhir/r4/:type/:id`), never the concrete path with ids. */
function routeTemplate(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (route instanceof RegExp) {
    return `${req.baseUrl}${operationTemplate(req.params as Record<string, string | undefined>)}`;
  }
  return typeof route === 'string' ? `${req.baseUrl}${route}` : 'unmatched';
}

/** `/:type/:id/$export`-style template for the operation routes (regex paths). */
function operationTemplate(params: Record<string, string | undefined>): string {
  const type = params.type ? '/:type' : '';
  const id = params.id ? '/:id' : '';
  return `${type}${id}/$${params.operation ?? 'operation'}`;
}

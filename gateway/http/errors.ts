/**
 * The last stop of every request that failed: maps the error to its status and an
 * OperationOutcome carrying the request id. 5xx are logged at error level with the private
 * detail; 4xx at info with the public message and the stable code.
 */
import type { NextFunction, Request, Response } from 'express';
import {
  BadRequestError,
  GatewayError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../../plugins/sdk/errors.js';
import { errorOutcome, normalizeError } from '../fhir/outcome.js';
import { FHIR_JSON } from './content.js';

/** Answers any route nobody matched with a 404 OperationOutcome. */
export function unknownRoute(req: Request, _res: Response, next: NextFunction): void {
  next(new NotFoundError(`No endpoint serves ${req.method} ${req.path}`));
}

/** Express error handler: status, headers and an OperationOutcome. */
export function errorHandler(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  const error = normalizeError(fromBodyParser(err));
  const log = req.log;
  if (error.status >= 500) {
    log.error('request failed', { code: error.code, status: error.status, detail: error.detail });
  } else {
    log.info('request rejected', { code: error.code, status: error.status, reason: error.message });
  }
  for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
  res
    .status(error.status)
    .type(FHIR_JSON)
    .send(JSON.stringify(errorOutcome(error, req.requestId)));
}

/** body-parser signals problems with `type`; turn them into gateway errors. */
function fromBodyParser(err: unknown): unknown {
  if (err instanceof GatewayError) return err;
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') {
    return new BadRequestError(`The request body is not valid JSON: ${(err as Error).message}`);
  }
  if (type === 'entity.too.large') {
    const limit = (err as { limit?: number }).limit;
    return new PayloadTooLargeError(`The request body is larger than the limit of ${limit} bytes`);
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new UnsupportedMediaTypeError((err as Error).message);
  }
  if (type === 'request.aborted') {
    return new BadRequestError('The request was aborted by the client');
  }
  return err;
}

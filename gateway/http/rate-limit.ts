/**
 * Rate limit for anonymous callers of the public APIs (Provider Directory, formulary), per
 * client IP (behind a load balancer set `server.trustProxy`). Requests with a bearer token are
 * not counted here. Over the limit: 429 OperationOutcome with `Retry-After`.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { TooManyRequestsError } from '../../plugins/sdk/errors.js';

export interface RateLimitOptions {
  readonly windowSeconds: number;
  readonly max: number;
}

/** Middleware limiting requests that carry no Authorization header. */
export function anonymousRateLimit(options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowSeconds * 1000,
    limit: options.max,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => req.get('authorization') !== undefined,
    handler: (_req: Request, _res: Response, next: NextFunction) => {
      next(
        new TooManyRequestsError(
          `Too many requests without a token: at most ${options.max} per ${options.windowSeconds} s`,
          { headers: { 'Retry-After': String(options.windowSeconds) } },
        ),
      );
    },
  });
}

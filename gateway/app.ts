/**
 * The app factory: an Express 5 application serving the FHIR base and the gateway's own
 * endpoints, with every dependency passed in. Tests build it with in-process plugins and
 * tokens they mint; `server.ts` builds it from configuration.
 */
import cors from 'cors';
import express, { type Express } from 'express';
import type { Logger } from 'winston';
import type { TokenVerifier } from './auth/jwt-verifier.js';
import { fhirRouter, type FhirRoute } from './fhir/routes.js';
import type { FhirServices } from './fhir/services.js';
import { errorHandler, unknownRoute } from './http/errors.js';
import { healthHandler } from './http/health.js';
import type { RateLimitOptions } from './http/rate-limit.js';
import { requestContext } from './http/request-context.js';
import { smartConfigurationHandler, type AuthorizationServerInfo } from './smart/configuration.js';
import type { Store } from './store/types.js';

export interface AppOptions {
  readonly services: FhirServices;
  readonly verifier: TokenVerifier;
  readonly logger: Logger;
  readonly store?: Store;
  /** Public origin, e.g. `https://api.payer.example`. */
  readonly publicUrl: string;
  /** FHIR base path under the origin, e.g. `/fhir/r4`. */
  readonly fhirBasePath: string;
  readonly bodyLimitBytes: number;
  readonly anonymousRateLimit?: RateLimitOptions;
  readonly trustProxy?: boolean | number | string;
  /** The authorization server, for SMART discovery. */
  readonly authServer: AuthorizationServerInfo;
  /** More FHIR routes (bulk export), wired with the same authentication and authorization. */
  readonly fhirRoutes?: readonly FhirRoute[];
}

/** Browser apps call the API from other origins (SMART App Launch: CORS). */
const CORS = cors({
  origin: true,
  allowedHeaders: [
    'Authorization',
    'Content-Type',
    'Accept',
    'Prefer',
    'If-Match',
    'If-None-Exist',
    'X-Request-Id',
    'traceparent',
  ],
  exposedHeaders: [
    'Location',
    'Content-Location',
    'ETag',
    'Last-Modified',
    'X-Request-Id',
    'X-Progress',
    'Retry-After',
    'Expires',
    'WWW-Authenticate',
  ],
  maxAge: 600,
});

/** Builds the gateway application. */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.set('query parser', 'simple');
  app.use(requestContext(options.logger));
  app.use(CORS);

  app.get('/health', healthHandler(options.services.registry, options.store));
  app.get(
    `${options.fhirBasePath}/.well-known/smart-configuration`,
    smartConfigurationHandler(options.authServer),
  );
  app.use(
    options.fhirBasePath,
    fhirRouter({
      services: options.services,
      verifier: options.verifier,
      publicBaseUrl: publicBaseUrl(options),
      bodyLimitBytes: options.bodyLimitBytes,
      anonymousRateLimit: options.anonymousRateLimit ?? { windowSeconds: 60, max: 600 },
      routes: options.fhirRoutes,
    }),
  );

  app.use(unknownRoute);
  app.use(errorHandler);
  return app;
}

/** The absolute FHIR base URL clients see. */
export function publicBaseUrl(options: Pick<AppOptions, 'publicUrl' | 'fhirBasePath'>): string {
  return `${options.publicUrl.replace(/\/$/, '')}${options.fhirBasePath}`;
}

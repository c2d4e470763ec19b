/**
 * The common shell of a legacy mock's Express app: JSON bodies, fault injection first (so
 * faults hit even invalid requests), request validation against the backend's OpenAPI
 * document (unknown query parameters rejected), the `/__faults` admin routes, the backend's
 * own routes, then the legacy error handler (`{ERR_CD, ERR_MSG, ERR_DTL}`).
 */
import express, { type Express } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { handleError } from '../membership/errors.js';
import type { FaultInjector } from '../membership/faults.js';

/** How to build the shell. */
export interface ShellOptions {
  /** Path of the OpenAPI document. */
  readonly apiSpec: string;
  readonly faults: FaultInjector;
  /** Also validate responses (tests). */
  readonly validateResponses?: boolean;
}

/** Builds the app; `mount` adds the backend's routes. */
export function legacyApp(options: ShellOptions, mount: (app: Express) => void): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '16kb' }));
  app.use(options.faults.middleware);
  app.use(
    OpenApiValidator.middleware({
      apiSpec: options.apiSpec,
      validateRequests: { allowUnknownQueryParameters: false },
      validateResponses: options.validateResponses ?? false,
    }),
  );
  app.use(options.faults.router());
  mount(app);
  app.use(handleError);
  return app;
}

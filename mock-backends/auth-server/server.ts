/**
 * The bundled SMART on FHIR authorization server for demos and tests, built on oidc-provider 8.
 * One Express app: the interaction pages, POST /launch (EHR launch ids) and oidc-provider for
 * everything OAuth (/authorize, /token, /introspect, /revoke, /jwks,
 * /.well-known/openid-configuration). All state is in memory and dies with the server.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import type { Logger } from 'winston';
import { authServerConfigSchema } from './config.js';
import type { AuthServerConfig, AuthServerConfigInput } from './config.js';
import { interactionRouter } from './interactions.js';
import { launchRouter } from './launch-route.js';
import { LaunchContextStore } from './launch-context.js';
import type { LaunchContext } from './launch-context.js';
import { MemoryStore } from './memory-store.js';
import { createProvider } from './provider.js';
import { installSmartMiddleware } from './smart-middleware.js';
import { errorPage } from './views.js';
import { logProviderEvents } from './logging.js';

/** Host services handed to the server. */
export interface AuthServerOptions {
  readonly logger: Logger;
}

/** A configured, not yet listening, authorization server. */
export interface AuthServer {
  /** Node HTTP request handler (Express app). */
  readonly app: Express;
  readonly provider: Provider;
  /** The validated configuration, defaults filled in. */
  readonly config: AuthServerConfig;
  /** Mints an EHR launch id (SMART `launch` parameter) valid for `launchTtlSeconds`. */
  createLaunch(context: LaunchContext): string;
  /** Releases timers and in-memory state. */
  close(): Promise<void>;
}

/** A listening authorization server. */
export interface RunningAuthServer {
  /** The issuer URL (no trailing slash), with the bound port when `port` was 0. */
  readonly url: string;
  readonly provider: Provider;
  createLaunch(context: LaunchContext): string;
  close(): Promise<void>;
}

/** Builds the server from its configuration (validated here; throws a ZodError when invalid). */
export async function createAuthServer(
  input: AuthServerConfigInput,
  options: AuthServerOptions,
): Promise<AuthServer> {
  const config = authServerConfigSchema.parse(input);
  const store = new MemoryStore();
  const contexts = new LaunchContextStore(store, config.launchTtlSeconds);
  const signingKey = await resolveSigningKey(config.signingKey);
  const cookieKeys = [randomBytes(32).toString('base64url')];
  const provider = createProvider({ config, store, contexts, signingKey, cookieKeys });
  installSmartMiddleware(provider, store);
  logProviderEvents(provider, options.logger);

  const app = express();
  app.disable('x-powered-by');
  app.use(interactionRouter({ provider, config, contexts }));
  app.use(launchRouter(contexts));
  app.use(provider.callback());
  app.use(errorHandler(options.logger));

  const createLaunch = (context: LaunchContext) => contexts.createLaunch(context);
  const close = () => Promise.resolve(store.close());
  return { app, provider, config, createLaunch, close };
}

/** Builds the server and listens on `host:port` (port 0 picks a free port). */
export async function startAuthServer(
  input: AuthServerConfigInput,
  options: AuthServerOptions,
): Promise<RunningAuthServer> {
  const parsed = authServerConfigSchema.parse(input);
  const http = createServer();
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(parsed.port, parsed.host, resolve);
  });
  const issuer = new URL(parsed.issuer);
  if (parsed.port === 0) issuer.port = String((http.address() as AddressInfo).port);
  const server = await createAuthServer({ ...parsed, issuer: issuer.origin }, options);
  http.on('request', server.app);
  const close = async () => {
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    await server.close();
  };
  return {
    url: issuer.origin,
    provider: server.provider,
    createLaunch: (context: LaunchContext) => server.createLaunch(context),
    close,
  };
}

/** The configured key, or a fresh RSA key generated at start (tokens die with the server). */
async function resolveSigningKey(configured: JWK | undefined): Promise<JWK> {
  const jwk = configured ?? (await generatedKey());
  if (typeof jwk.d !== 'string') throw new Error('auth server signingKey must be a private JWK');
  const kid = jwk.kid ?? (await calculateJwkThumbprint(jwk));
  return { ...jwk, kid, alg: 'RS256', use: 'sig' };
}

async function generatedKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  return exportJWK(privateKey);
}

/** Last resort for the interaction and launch routes; oidc-provider handles its own errors. */
function errorHandler(logger: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof errors.SessionNotFound) {
      res.status(400).type('html').send(errorPage('invalid_request', 'The sign-in expired.'));
      return;
    }
    logger.error('auth server request failed', { error: (err as Error).message });
    res.status(500).type('html').send(errorPage('server_error'));
  };
}

/**
 * Helpers for testing plugins outside the gateway: a request context and a plugin context
 * with a silent logger, so plugin tests exercise real code without log noise.
 */
import { randomUUID } from 'node:crypto';
import winston, { type Logger } from 'winston';
import type { PluginContext, RequestContext } from './contract.js';
import { createHttpClient, type HttpClientOptions } from './http-client.js';

/** A winston logger that writes nothing. */
export function silentLogger(): Logger {
  return winston.createLogger({
    silent: true,
    transports: [new winston.transports.Console({ silent: true })],
  });
}

/**
 * A request context as the gateway would build it: fresh request id, silent logger, no
 * constraints and a live AbortSignal. Override any field (e.g. `constraints`).
 */
export function testRequestContext(overrides: Partial<RequestContext> = {}): RequestContext {
  return {
    requestId: randomUUID(),
    logger: silentLogger(),
    constraints: {},
    signal: new AbortController().signal,
    ...overrides,
  };
}

/**
 * A plugin (factory) context with a real HTTP client. Defaults suit tests: a short timeout,
 * no retries, so failures surface fast.
 */
export function testPluginContext(
  http: Partial<HttpClientOptions> = {},
  overrides: Partial<PluginContext> = {},
): PluginContext {
  return {
    logger: silentLogger(),
    http: createHttpClient({ timeoutMs: 2000, retries: 0, retryDelayMs: 10, ...http }),
    fhirBaseUrl: 'http://127.0.0.1/fhir',
    ...overrides,
  };
}

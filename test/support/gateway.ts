/**
 * Builds the real gateway app for tests: the app factory with the given plugins, a test token
 * issuer whose JWKS is served on loopback, and an optional store.
 */
import type { Express } from 'express';
import type { Plugin } from '../../plugins/sdk/contract.js';
import type { FhirRoute } from '../../gateway/fhir/routes.js';
import { createApp, publicBaseUrl } from '../../gateway/app.js';
import { AccessPolicy } from '../../gateway/auth/access.js';
import { createIntrospectionVerifier } from '../../gateway/auth/introspection.js';
import { createJwtVerifier } from '../../gateway/auth/jwt-verifier.js';
import { createTokenVerifier } from '../../gateway/auth/verifier.js';
import { silentLogger } from '../../gateway/logging/logger.js';
import { PluginRegistry } from '../../gateway/plugins/registry.js';
import {
  capabilitySecurity,
  type AuthorizationServerInfo,
} from '../../gateway/smart/configuration.js';
import type { Store } from '../../gateway/store/types.js';
import { startTestIssuer, type TestIssuer } from './issuer.js';

export interface TestGateway {
  readonly app: Express;
  readonly issuer: TestIssuer;
  /** Absolute FHIR base, e.g. `http://localhost:8080/fhir/r4`. */
  readonly baseUrl: string;
  /** Path of the FHIR base for supertest, e.g. `/fhir/r4`. */
  readonly base: string;
  /** The registry and access policy the app was built over (for built-ins bound late). */
  readonly registry: PluginRegistry;
  readonly access: AccessPolicy;
  /** A valid token for `patient` with `patient/*.rs` unless claims say otherwise. */
  patientToken(patient: string, claims?: Record<string, unknown>): Promise<string>;
  systemToken(scope?: string): Promise<string>;
  close(): Promise<void>;
}

export const TEST_ORIGIN = 'http://localhost:8080';
export const TEST_BASE = '/fhir/r4';

/** Creates the gateway over `plugins`. */
export async function buildTestGateway(
  plugins: Plugin[],
  store?: Store,
  options: {
    anonymousPerMinute?: number;
    /** Extra FHIR routes (e.g. bulk export), built over the gateway's registry and policy. */
    fhirRoutes?: (services: {
      registry: PluginRegistry;
      access: AccessPolicy;
    }) => readonly FhirRoute[];
  } = {},
): Promise<TestGateway> {
  const baseUrl = publicBaseUrl({ publicUrl: TEST_ORIGIN, fhirBasePath: TEST_BASE });
  const issuer = await startTestIssuer(baseUrl);
  const jwt = createJwtVerifier({
    issuer: issuer.issuer,
    audience: baseUrl,
    jwksUri: issuer.jwksUri,
    algorithms: ['RS256', 'ES384', 'RS384'],
    clockToleranceSeconds: 5,
    jwksCacheSeconds: 600,
    jwksCooldownMs: 0,
  });
  const verifier = createTokenVerifier(
    jwt,
    createIntrospectionVerifier({
      endpoint: `${issuer.issuer}/introspect`,
      clientId: 'gateway',
      clientSecret: 'test-only-secret',
      issuer: issuer.issuer,
      audience: baseUrl,
      maxCacheSeconds: 60,
    }),
  );
  const authServer = testAuthServer(issuer);
  const registry = new PluginRegistry(plugins);
  const access = new AccessPolicy(registry);
  const app = createApp({
    authServer,
    services: {
      security: capabilitySecurity(authServer),
      registry,
      access,
      limits: { defaultCount: 20, maxCount: 100 },
      audit: store?.audit,
      software: { name: 'test gateway', version: '0.0.0', publisher: 'tests' },
    },
    verifier,
    logger: silentLogger(),
    store,
    publicUrl: TEST_ORIGIN,
    fhirBasePath: TEST_BASE,
    bodyLimitBytes: 64 * 1024,
    anonymousRateLimit: { windowSeconds: 60, max: options.anonymousPerMinute ?? 1000 },
    fhirRoutes: options.fhirRoutes?.({ registry, access }),
  });
  return {
    app,
    issuer,
    baseUrl,
    base: TEST_BASE,
    registry,
    access,
    patientToken: (patient, claims = {}) =>
      issuer.mint({
        patient,
        scope: 'launch/patient patient/*.rs',
        fhirUser: `Patient/${patient}`,
        ...claims,
      }),
    systemToken: (scope = 'system/*.rs') => issuer.mint({ scope, client_id: 'backend-client' }),
    close: () => issuer.close(),
  };
}

/** Metadata as a real IdP would publish it, pointing at the test issuer. */
function testAuthServer(issuer: TestIssuer): AuthorizationServerInfo {
  return {
    issuer: issuer.issuer,
    capabilities: ['launch-standalone', 'permission-v2'],
    metadata: {
      issuer: issuer.issuer,
      jwks_uri: issuer.jwksUri,
      authorization_endpoint: `${issuer.issuer}/auth`,
      token_endpoint: `${issuer.issuer}/token`,
      introspection_endpoint: `${issuer.issuer}/introspect`,
      revocation_endpoint: `${issuer.issuer}/revoke`,
      token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'none'],
      scopes_supported: ['openid', 'fhirUser', 'launch/patient', 'patient/*.rs'],
    },
  };
}

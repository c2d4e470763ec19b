/**
 * The one configuration schema: every key, its type, unit and default. Loaded from a JSON
 * file and the environment by `load.ts`, validated at start, then frozen. No secrets have
 * defaults here; the demo file `config/default.json` only names clearly marked demo values.
 */
import { z } from 'zod';

const port = z.number().int().min(0).max(65535);
const url = z.url();

const pluginSchema = z.object({
  /** Unique name, used in logs and `/health`. */
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  /** Module path (relative to the project root) or package name; default export is a factory. */
  module: z.string().min(1),
  enabled: z.boolean().default(true),
  /** Plugin-specific options, validated by the plugin's factory. */
  options: z.record(z.string(), z.unknown()).default({}),
});

const serverSchema = z.object({
  /** Port the gateway listens on (env `GATEWAY_PORT`). 0 picks a free port. */
  port: port.default(8080),
  host: z.string().default('0.0.0.0'),
  /** Public origin clients use to reach the gateway, for absolute URLs (env `PUBLIC_URL`). */
  publicUrl: url.default('http://localhost:8080'),
  /** Path of the FHIR R4 base under the public origin. */
  fhirBasePath: z
    .string()
    .regex(/^\/[A-Za-z0-9/_-]*[A-Za-z0-9_-]$/, 'an absolute path without a trailing slash')
    .default('/fhir/r4'),
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: z.number().int().positive().default(5 * 1024 * 1024),
  /** Requests without a token (public directory and formulary) allowed per client IP. */
  anonymousRateLimit: z
    .object({
      windowSeconds: z.number().int().positive().default(60),
      max: z.number().int().positive().default(600),
    })
    .prefault({}),
  /** Express `trust proxy` setting, when behind a load balancer. */
  trustProxy: z.union([z.boolean(), z.number(), z.string()]).default(false),
});

const fhirSchema = z.object({
  /** Page size when the client sends no `_count`. */
  defaultCount: z.number().int().positive().default(20),
  /** Upper bound on `_count`; larger requests are reduced to it. */
  maxCount: z.number().int().positive().default(200),
  /** Name of the software in the CapabilityStatement. */
  softwareName: z.string().default('CMS-0057-F Payer Gateway'),
  publisher: z.string().default('Demo Payer'),
  /** Resource types the gateway keeps in its own store (received in FHIR form). */
  storedTypes: z
    .array(z.string().regex(/^[A-Z][A-Za-z]+$/, 'a FHIR resource type'))
    .default(['Consent', 'QuestionnaireResponse']),
});

const storeSchema = z.object({
  /** SQLite file for the embedded store (env `SQLITE_PATH`); `:memory:` for throwaway runs. */
  sqlitePath: z.string().min(1).default('var/gateway.db'),
  /** PostgreSQL connection URL (env `DATABASE_URL`). When set, SQLite is not used. */
  postgresUrl: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional(),
  /** Connections per gateway instance in the PostgreSQL pool. */
  poolMax: z.number().int().positive().default(10),
});

const authSchema = z.object({
  /** Expected `iss` of access tokens (env `AUTH_ISSUER`). */
  issuer: url,
  /** Expected `aud`; defaults to the public FHIR base URL. */
  audience: z.string().optional(),
  /** Where the issuer's signing keys are; defaults to the issuer's discovered `jwks_uri`. */
  jwksUri: url.optional(),
  /** Accepted JWS algorithms for access tokens. `none` and HMAC are never accepted. */
  algorithms: z
    .array(z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384']))
    .default(['RS256', 'RS384', 'ES256', 'ES384']),
  /** Allowed clock skew when checking `exp` and `nbf`, in seconds. */
  clockToleranceSeconds: z.number().int().min(0).max(300).default(30),
  /** SMART capabilities advertised in `.well-known/smart-configuration` (SMART 2.2 §8.1.2). */
  smartCapabilities: z
    .array(z.string())
    .default([
      'launch-ehr',
      'launch-standalone',
      'authorize-post',
      'client-public',
      'client-confidential-symmetric',
      'client-confidential-asymmetric',
      'context-ehr-patient',
      'context-ehr-encounter',
      'context-standalone-patient',
      'permission-offline',
      'permission-online',
      'permission-patient',
      'permission-user',
      'permission-v1',
      'permission-v2',
      'sso-openid-connect',
    ]),
  /** How long the issuer's signing keys are cached before a refetch, in seconds. */
  jwksCacheSeconds: z.number().int().positive().default(600),
  /**
   * RFC 7662 introspection for opaque tokens: the gateway's own client credentials at the IdP.
   * The endpoint defaults to the discovered `introspection_endpoint`.
   */
  introspection: z
    .object({
      endpoint: url.optional(),
      clientId: z.string().min(1),
      clientSecret: z.string().min(1),
      /** Upper bound on caching an introspection answer, in seconds. */
      maxCacheSeconds: z.number().int().positive().default(300),
    })
    .optional(),
});

const backendsSchema = z.object({
  /** Per-attempt timeout for legacy backend calls, in milliseconds. */
  timeoutMs: z.number().int().positive().default(10_000),
  /** Extra attempts for idempotent backend calls. */
  retries: z.number().int().min(0).max(5).default(2),
  /** First retry delay in milliseconds; doubles each retry. */
  retryDelayMs: z.number().int().min(0).default(100),
});

const loggingSchema = z.object({
  /** winston level (env `LOG_LEVEL`). */
  level: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silent']).default('info'),
});

const demoSchema = z.object({
  /** Start the mock legacy backends and the demo authorization server with the gateway. */
  enabled: z.boolean().default(true),
  /** Number of synthetic members the mock membership system serves. */
  members: z.number().int().positive().max(1_000_000).default(50),
  /** Seed of the synthetic-data generator; the same seed gives the same members everywhere. */
  seed: z.number().int().default(20270101),
  /** Ports of the mock services (env `AUTH_PORT`, `MEMBERSHIP_PORT`). */
  authPort: port.default(4100),
  membershipPort: port.default(4101),
  /** A pre-generated membership SQLite file (from `npm run generate`), instead of `members`. */
  membershipDbPath: z.string().optional(),
});

/** The whole configuration. */
export const configSchema = z.object({
  server: serverSchema.prefault({}),
  fhir: fhirSchema.prefault({}),
  store: storeSchema.prefault({}),
  auth: authSchema,
  backends: backendsSchema.prefault({}),
  logging: loggingSchema.prefault({}),
  demo: demoSchema.prefault({}),
  plugins: z.array(pluginSchema).default([]),
});

export type GatewayConfig = z.infer<typeof configSchema>;
export type PluginConfig = z.infer<typeof pluginSchema>;

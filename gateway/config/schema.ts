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
  bodyLimitBytes: z
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
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
  /**
   * The built-in Provenance plugin (derived on demand from every other plugin's resources, for
   * `_revinclude=Provenance:target`). Absent: no Provenance is served.
   */
  provenance: z
    .object({
      /** Logical id of the payer's Organization, the transmitter of every Provenance. */
      payerOrganization: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'a FHIR id'),
      /** Plugin name -> PDex source format code (e.g. `claims`: `x12-837`). */
      sourceFormats: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
});

const storeSchema = z.object({
  /** SQLite file for the embedded store (env `SQLITE_PATH`); `:memory:` for throwaway runs. */
  sqlitePath: z.string().min(1).default('var/gateway.db'),
  /** PostgreSQL connection URL (env `DATABASE_URL`). When set, SQLite is not used. */
  postgresUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .optional(),
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
  /** Ports of the other mock legacy systems (env `CLAIMS_PORT`, `UTILIZATION_PORT`, ...). */
  claimsPort: port.default(4102),
  utilizationPort: port.default(4103),
  directoryPort: port.default(4104),
  formularyPort: port.default(4105),
  clinicalPort: port.default(4106),
  /** A pre-generated membership SQLite file (from `npm run generate`), instead of `members`. */
  membershipDbPath: z.string().optional(),
});

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

const bulkS3Schema = z.object({
  /** Bucket holding the export files. */
  bucket: z.string().min(1),
  /** Key prefix for export files (one folder per job below it). */
  prefix: z.string().default('bulk/'),
  region: z.string().default('us-east-1'),
  /** Endpoint of an S3-compatible service (MinIO, Ceph...); omit for AWS S3. */
  endpoint: url.optional(),
  /** Path-style addressing (`endpoint/bucket/key`), which most S3-compatible services need. */
  forcePathStyle: z.boolean().default(false),
  /**
   * Static credentials, normally from the environment (`"${BULK_S3_ACCESS_KEY_ID}"`); when
   * omitted the AWS SDK's default provider chain is used (env, profile, instance role).
   */
  accessKeyId: z.string().min(1).optional(),
  secretAccessKey: z.string().min(1).optional(),
  /** Bytes buffered per file before they are uploaded as one part (S3 minimum: 5 MiB). */
  partSizeBytes: z
    .number()
    .int()
    .min(5 * 1024 * 1024)
    .default(8 * 1024 * 1024),
});

const bulkGroupSchema = z.object({
  /** The Group's FHIR id, as in `Group/[id]/$export`. */
  id: z.string().regex(FHIR_ID, 'a FHIR id'),
  name: z.string().min(1),
  /** Patient ids (not references) of the members. */
  patients: z.array(z.string().regex(FHIR_ID, 'a FHIR id')).default([]),
});

/** Bulk Data 2.0 export (`$export`): workers, output files, limits and expiry. */
const bulkSchema = z
  .object({
    /** Serve `$export` and run export jobs in this instance. */
    enabled: z.boolean().default(true),
    /** Where export files go: a local directory (one instance) or an S3-compatible bucket. */
    storage: z.enum(['local', 's3']).default('local'),
    /** Directory of the local file store (env `BULK_DIR` in the demo config). */
    directory: z.string().min(1).default('var/bulk'),
    /** Required when `storage` is `s3`. */
    s3: bulkS3Schema.optional(),
    /** Output files are split before they pass this size, in bytes. */
    maxFileBytes: z
      .number()
      .int()
      .min(1024)
      .default(100 * 1024 * 1024),
    /** Export jobs one instance runs at the same time. */
    workers: z.number().int().positive().default(2),
    /** Queued plus running jobs one client may have; the next kick-off gets 429. */
    perClientJobs: z.number().int().positive().default(2),
    /** Hours a finished job's files remain downloadable; then they are deleted. */
    expiryHours: z.number().positive().default(24),
    /** `Retry-After` for status polls and refused kick-offs, in seconds. */
    retryAfterSeconds: z.number().int().positive().default(5),
    /** A checkpoint (cursor + committed file lengths) at least every this many resources... */
    checkpointEvery: z.number().int().positive().default(5000),
    /** ...and at least this often, in milliseconds. */
    checkpointIntervalMs: z.number().int().positive().default(2000),
    /** A worker's claim on a job; after a crash another instance resumes it once this lapses. */
    leaseSeconds: z.number().int().positive().default(60),
    /** How often idle workers look for queued jobs, in milliseconds. */
    pollIntervalMs: z.number().int().positive().default(1000),
    /** How often expired and cancelled jobs are deleted, in seconds. */
    sweepIntervalSeconds: z.number().int().positive().default(300),
    /** Attempts at a resource type when its backend fails, each resuming from the last checkpoint. */
    maxAttempts: z.number().int().positive().default(3),
    /** Groups for `Group/[id]/$export`, also served as Group resources. */
    groups: z.array(bulkGroupSchema).default([]),
  })
  .refine((bulk) => bulk.storage !== 's3' || bulk.s3 !== undefined, {
    message: 'required when storage is "s3"',
    path: ['s3'],
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
  bulk: bulkSchema.prefault({}),
  plugins: z.array(pluginSchema).default([]),
});

export type GatewayConfig = z.infer<typeof configSchema>;
export type PluginConfig = z.infer<typeof pluginSchema>;
export type BulkConfig = z.infer<typeof bulkSchema>;

/**
 * Configuration of the bundled SMART on FHIR authorization server (demos and tests only).
 * Declared once with zod: types, defaults and units live here. The defaults describe the demo:
 * three clients (public patient app, confidential provider app, backend services client) and a
 * few synthetic users. The demo secret and keys are published on purpose: never reuse them.
 */
import { z } from 'zod';
import { demoBackendPublicJwks } from './demo-keys.js';

const scopeValue = z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'a single scope token');
const httpUrl = z.url({ protocol: /^https?$/ });
const jwk = z.looseObject({ kty: z.string(), kid: z.string().optional() });
const clientId = z.string().regex(/^[A-Za-z0-9._~-]{1,128}$/);

const baseClient = {
  clientId,
  /** Shown on the consent page. */
  name: z.string().optional(),
  /** Scope patterns the client may be granted; `patient/*.rs` covers `patient/Observation.r`. */
  allowedScopes: z.array(scopeValue).min(1),
};

const publicClient = z.object({
  ...baseClient,
  type: z.literal('public'),
  redirectUris: z.array(httpUrl).min(1),
});

const confidentialClient = z.object({
  ...baseClient,
  type: z.literal('confidential'),
  redirectUris: z.array(httpUrl).min(1),
  clientSecret: z.string().min(16),
  /** SMART "confidential-symmetric" client authentication (RFC 6749 section 2.3.1). */
  tokenEndpointAuthMethod: z
    .enum(['client_secret_basic', 'client_secret_post'])
    .default('client_secret_basic'),
});

const backendClient = z
  .object({
    ...baseClient,
    type: z.literal('backend'),
    /** Inline public keys, or `jwksUri`: exactly one (SMART Backend Services registration). */
    jwks: z.object({ keys: z.array(jwk).min(1) }).optional(),
    jwksUri: httpUrl.optional(),
  })
  .refine((c) => (c.jwks === undefined) !== (c.jwksUri === undefined), {
    message: 'a backend client needs exactly one of jwks and jwksUri',
  });

/** One registered client. */
export const clientConfigSchema = z.discriminatedUnion('type', [
  publicClient,
  confidentialClient,
  backendClient,
]);

/** A demo user: a member (fhirUser `Patient/…`) or a practitioner (`Practitioner/…`). */
export const userConfigSchema = z.object({
  /** Account id, the `sub` of tokens. */
  id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  /** Shown on the login page; synthetic. */
  displayName: z.string().min(1),
  /** SMART `fhirUser`; a member's Patient id becomes the `patient` launch context. */
  fhirUser: z.string().regex(/^(Patient|Practitioner)\/[A-Za-z0-9.-]{1,64}$/),
});

const DEMO_PATIENT_SCOPES = [
  'openid',
  'fhirUser',
  'launch/patient',
  'offline_access',
  'online_access',
  'patient/*.rs',
];
const DEMO_PROVIDER_SCOPES = [
  'openid',
  'fhirUser',
  'launch',
  'launch/patient',
  'launch/encounter',
  'offline_access',
  'online_access',
  'patient/*.cruds',
  'user/*.cruds',
];

/** The published secret of `demo-confidential-app`. DEMO ONLY. */
export const DEMO_CONFIDENTIAL_SECRET = 'demo-only-secret-do-not-use-in-production';

/** Demo clients: what `npm start` registers unless configured otherwise. */
export function demoClients(): z.input<typeof clientConfigSchema>[] {
  return [
    {
      clientId: 'demo-patient-app',
      name: 'Demo patient app',
      type: 'public',
      redirectUris: ['http://localhost:4200/callback', 'http://127.0.0.1:4200/callback'],
      allowedScopes: DEMO_PATIENT_SCOPES,
    },
    {
      clientId: 'demo-confidential-app',
      name: 'Demo provider app',
      type: 'confidential',
      redirectUris: ['http://localhost:4201/callback', 'http://127.0.0.1:4201/callback'],
      clientSecret: DEMO_CONFIDENTIAL_SECRET,
      allowedScopes: DEMO_PROVIDER_SCOPES,
    },
    {
      clientId: 'demo-backend',
      name: 'Demo backend services client',
      type: 'backend',
      jwks: demoBackendPublicJwks(),
      allowedScopes: ['system/*.cruds'],
    },
  ];
}

/** Demo users: three synthetic members and one practitioner. */
export function demoUsers(): z.input<typeof userConfigSchema>[] {
  return [
    { id: 'demo-member-1', displayName: 'Avery Demo (member)', fhirUser: 'Patient/member-0001' },
    { id: 'demo-member-2', displayName: 'Blake Demo (member)', fhirUser: 'Patient/member-0002' },
    { id: 'demo-member-3', displayName: 'Casey Demo (member)', fhirUser: 'Patient/member-0003' },
    {
      id: 'demo-practitioner-1',
      displayName: 'Dr. Drew Demo (practitioner)',
      fhirUser: 'Practitioner/practitioner-0001',
    },
  ];
}

/** The whole auth-server configuration. */
export const authServerConfigSchema = z.object({
  /** Issuer URL, no path. When `port` is 0 the bound port replaces the issuer's port. */
  issuer: httpUrl
    .refine((u) => new URL(u).pathname === '/', 'the issuer must not have a path')
    .default('http://localhost:4100'),
  /** Interface to listen on. */
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(4100),
  /** The FHIR base URL: `aud` of every access token, the only resource indicator accepted. */
  audience: httpUrl.default('http://localhost:4000/fhir'),
  /** Skip the consent page (the grant is what the client may have). */
  autoConsent: z.boolean().default(false),
  /** Access token (and ID token) lifetime, in seconds. */
  tokenTtlSeconds: z.number().int().min(30).max(86_400).default(3600),
  /** Refresh token and grant lifetime, in seconds. */
  refreshTokenTtlSeconds: z
    .number()
    .int()
    .min(60)
    .default(7 * 86_400),
  /** Lifetime of an EHR launch id, in seconds. */
  launchTtlSeconds: z.number().int().min(10).max(86_400).default(600),
  /** Private RSA JWK signing tokens (RS256); a fresh key is generated at start when absent. */
  signingKey: jwk.optional(),
  clients: z.array(clientConfigSchema).prefault(demoClients),
  users: z.array(userConfigSchema).min(1).prefault(demoUsers),
});

export type AuthServerConfig = z.infer<typeof authServerConfigSchema>;
export type AuthServerConfigInput = z.input<typeof authServerConfigSchema>;
export type ClientConfig = z.infer<typeof clientConfigSchema>;
export type UserConfig = z.infer<typeof userConfigSchema>;

/**
 * Client side of the SMART flows against the demo authorization server, over real HTTP, for
 * tests and for `npm run token`. Built on openid-client 6 (discovery, PKCE, code exchange,
 * refresh, client credentials, introspection, revocation) and jose (client assertions). The
 * user's part of the authorization (pick a user, consent) is played by browser.ts.
 */
import { randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import * as oidc from 'openid-client';
import { SignJWT } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { runAuthorization } from './browser.js';
import type { BrowserChoices } from './browser.js';

/** A token response with the SMART launch context parameters. */
export type SmartTokenResponse = oidc.TokenEndpointResponse & {
  readonly patient?: string;
  readonly encounter?: string;
  readonly fhirContext?: unknown[];
};

/** The client of an authorization code flow. */
export interface AuthorizeOptions {
  readonly issuer: string;
  readonly clientId: string;
  /** Confidential clients only; sent with `client_secret_basic` unless `secretPost`. */
  readonly clientSecret?: string;
  readonly secretPost?: boolean;
  readonly redirectUri: string;
  readonly scope: string;
  /** SMART `aud` (the FHIR base URL); omitted when undefined. */
  readonly aud?: string;
  /** PKCE method; `plain` exists only to prove the server refuses it. */
  readonly pkceMethod?: 'S256' | 'plain';
  /** Answer of the consent page (default allow). */
  readonly decision?: 'allow' | 'deny';
}

/** Standalone launch as a member. */
export interface PatientLoginOptions extends AuthorizeOptions {
  /** The member's Patient id (their `fhirUser` is `Patient/<id>`). */
  readonly patientId: string;
}

/** Standalone launch as a practitioner, optionally picking a patient for `launch/patient`. */
export interface PractitionerLoginOptions extends AuthorizeOptions {
  readonly practitionerId: string;
  readonly patientId?: string;
}

/** EHR launch: the practitioner opens the app with a launch id from POST /launch. */
export interface EhrLaunchOptions extends AuthorizeOptions {
  readonly practitionerId: string;
  readonly launch: string;
}

/** Standalone patient launch: authorization code + PKCE, signing in as the member. */
export function loginAsPatient(options: PatientLoginOptions): Promise<SmartTokenResponse> {
  return authorizationCodeFlow(options, { fhirUser: `Patient/${options.patientId}` });
}

/** Standalone launch as a practitioner (`patientId` answers a `launch/patient` picker). */
export function loginAsPractitioner(
  options: PractitionerLoginOptions,
): Promise<SmartTokenResponse> {
  const choices = {
    fhirUser: `Practitioner/${options.practitionerId}`,
    patient: options.patientId,
  };
  return authorizationCodeFlow(options, choices);
}

/** EHR launch: the `launch` parameter carries the patient and encounter context. */
export function ehrLaunch(options: EhrLaunchOptions): Promise<SmartTokenResponse> {
  const choices = { fhirUser: `Practitioner/${options.practitionerId}` };
  return authorizationCodeFlow(options, choices, { launch: options.launch });
}

async function authorizationCodeFlow(
  options: AuthorizeOptions,
  choices: BrowserChoices,
  extra: Record<string, string> = {},
): Promise<SmartTokenResponse> {
  const config = await discover(options.issuer, options.clientId, secretAuth(options));
  const verifier = oidc.randomPKCECodeVerifier();
  const plain = options.pkceMethod === 'plain';
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri,
    scope: options.scope,
    state,
    code_challenge: plain ? verifier : await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: plain ? 'plain' : 'S256',
    ...(options.aud ? { aud: options.aud } : {}),
    ...extra,
  });
  const callback = await runAuthorization(url, options.redirectUri, {
    ...choices,
    decision: options.decision,
  });
  const checks = { pkceCodeVerifier: verifier, expectedState: state };
  return await oidc.authorizationCodeGrant(config, callback, checks);
}

/** A refresh token grant (RFC 6749 section 6). */
export async function refreshAccessToken(
  options: Omit<AuthorizeOptions, 'redirectUri' | 'scope'> & { refreshToken: string },
): Promise<SmartTokenResponse> {
  const config = await discover(options.issuer, options.clientId, secretAuth(options));
  return await oidc.refreshTokenGrant(config, options.refreshToken);
}

/** What a SMART Backend Services client assertion (RFC 7523) is made of. */
export interface ClientAssertionOptions {
  readonly clientId: string;
  /** The token endpoint URL (the assertion's `aud`). */
  readonly tokenEndpoint: string;
  readonly privateKey: CryptoKey | KeyObject | JWK;
  readonly alg: 'RS384' | 'ES384' | 'RS256' | 'ES256';
  /** Defaults to the JWK's `kid`. */
  readonly kid?: string;
  readonly jti?: string;
  /** Lifetime in seconds; SMART allows at most 300 (default 240). */
  readonly expiresInSeconds?: number;
}

/** Signs a client assertion: iss = sub = client_id, aud = token endpoint, unique jti. */
export async function createClientAssertion(options: ClientAssertionOptions): Promise<string> {
  const kid = options.kid ?? (isJwk(options.privateKey) ? options.privateKey.kid : undefined);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: options.alg, typ: 'JWT', ...(kid ? { kid } : {}) })
    .setIssuer(options.clientId)
    .setSubject(options.clientId)
    .setAudience(options.tokenEndpoint)
    .setJti(options.jti ?? randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 240))
    .sign(options.privateKey);
}

/** Options of a Backend Services token request. */
export interface BackendServicesOptions extends Omit<ClientAssertionOptions, 'tokenEndpoint'> {
  readonly issuer: string;
  readonly scope: string;
  /** A ready-made assertion (e.g. to prove replay detection); otherwise one is signed. */
  readonly assertion?: string;
}

/** SMART Backend Services: client_credentials with a private_key_jwt assertion. */
export async function backendServicesToken(
  options: BackendServicesOptions,
): Promise<SmartTokenResponse> {
  let assertion = options.assertion ?? '';
  const auth: oidc.ClientAuth = (_as, _client, body) => {
    body.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    body.set('client_assertion', assertion);
  };
  const config = await discover(options.issuer, options.clientId, auth);
  const tokenEndpoint = config.serverMetadata().token_endpoint ?? `${options.issuer}/token`;
  if (!options.assertion) assertion = await createClientAssertion({ ...options, tokenEndpoint });
  return await oidc.clientCredentialsGrant(config, {
    scope: options.scope,
  });
}

/** Options for introspection and revocation: a confidential client's credentials. */
export interface TokenManagementOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly token: string;
}

/** RFC 7662 token introspection. */
export async function introspectToken(
  options: TokenManagementOptions,
): Promise<oidc.IntrospectionResponse> {
  const config = await discover(options.issuer, options.clientId, secretAuth(options));
  return oidc.tokenIntrospection(config, options.token);
}

/** RFC 7009 token revocation. */
export async function revokeToken(options: TokenManagementOptions): Promise<void> {
  const config = await discover(options.issuer, options.clientId, secretAuth(options));
  await oidc.tokenRevocation(config, options.token);
}

/** Plain-http discovery is allowed: the demo server runs on localhost. */
function discover(issuer: string, clientId: string, auth: oidc.ClientAuth) {
  return oidc.discovery(new URL(issuer), clientId, undefined, auth, {
    execute: [oidc.allowInsecureRequests],
  });
}

function secretAuth(options: { clientSecret?: string; secretPost?: boolean }): oidc.ClientAuth {
  if (!options.clientSecret) return oidc.None();
  if (options.secretPost) return oidc.ClientSecretPost(options.clientSecret);
  return oidc.ClientSecretBasic(options.clientSecret);
}

function isJwk(key: CryptoKey | KeyObject | JWK): key is JWK {
  return typeof (key as JWK).kty === 'string';
}

/**
 * The oidc-provider configuration of the SMART authorization server. oidc-provider does all of
 * OAuth 2.0 / OpenID Connect (PKCE, client authentication, token issuance, introspection,
 * revocation, discovery, error shapes); this file only wires SMART rules into its hooks:
 * free-form SMART scopes via resource-server scopes, launch context as extra token claims,
 * JWT access tokens for the FHIR base URL, and the Backend Services assertion rules.
 */
import Provider, { errors } from 'oidc-provider';
import type {
  Client,
  ClientMetadata,
  Configuration,
  KoaContextWithOIDC,
  ResourceServer,
} from 'oidc-provider';
import type { JWK } from 'jose';
import type { AuthServerConfig, ClientConfig, UserConfig } from './config.js';
import type { LaunchContextStore } from './launch-context.js';
import type { MemoryStore } from './memory-store.js';
import { OIDC_SCOPES, allowedScopes, oidcScopes, splitScope } from './scopes.js';
import { buildInteractionPolicy } from './policy.js';
import { errorPage } from './views.js';

/** Everything the provider configuration closes over. */
export interface ProviderDeps {
  readonly config: AuthServerConfig;
  readonly store: MemoryStore;
  readonly contexts: LaunchContextStore;
  /** Private RS256 JWK with `kid`, signing ID tokens and access tokens. */
  readonly signingKey: JWK;
  /** Secrets signing oidc-provider's cookies. */
  readonly cookieKeys: string[];
}

/** Paths of the OAuth endpoints (also listed in /.well-known/openid-configuration). */
export const ROUTES = {
  authorization: '/authorize',
  token: '/token',
  introspection: '/introspect',
  revocation: '/revoke',
  jwks: '/jwks',
} as const;

/** SMART Backend Services: a client assertion may expire at most 5 minutes ahead. */
const MAX_ASSERTION_LIFETIME_SECONDS = 300;
const CLOCK_TOLERANCE_SECONDS = 15;

/** Builds the Provider for one server instance. */
export function createProvider(deps: ProviderDeps): Provider {
  return new Provider(deps.config.issuer, buildConfiguration(deps));
}

function buildConfiguration(deps: ProviderDeps): Configuration {
  const { config } = deps;
  return {
    adapter: (model: string) => deps.store.adapterFor(model),
    clients: config.clients.map(clientMetadata),
    claims: { openid: ['sub'], fhirUser: ['fhirUser'] },
    scopes: [...OIDC_SCOPES],
    responseTypes: ['code'],
    conformIdTokenClaims: false,
    extraParams: { launch: launchParamValidator(deps), aud: audParamValidator(config.audience) },
    features: features(deps),
    pkce: { methods: ['S256'], required: () => true },
    jwks: { keys: [deps.signingKey] },
    cookies: cookies(deps.cookieKeys),
    routes: ROUTES,
    ttl: ttl(config),
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    findAccount: accountFinder(config.users),
    extraTokenClaims: tokenClaims(deps),
    issueRefreshToken: (_ctx, client, code) => refreshAllowed(client, code.scopes),
    expiresWithSession: () => false,
    interactions: { policy: buildInteractionPolicy(), url: (_ctx, i) => `/interaction/${i.uid}` },
    clientBasedCORS: (_ctx, origin, client) => redirectOrigins(client).has(origin),
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out.error, out.error_description);
    },
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    enabledJWA: {
      clientAuthSigningAlgValues: ['RS384', 'ES384', 'RS256', 'ES256', 'PS384'],
      idTokenSigningAlgValues: ['RS256'],
    },
    assertJwtClientAuthClaimsAndHeader: (_ctx, claims) => assertAssertionLifetime(claims.exp),
  };
}

function features(deps: ProviderDeps): NonNullable<Configuration['features']> {
  return {
    devInteractions: { enabled: false },
    userinfo: { enabled: false },
    rpInitiatedLogout: { enabled: false },
    pushedAuthorizationRequests: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true, allowedPolicy: introspectionAllowed },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: (_ctx, _client, oneOf) => defaultResource(deps.config.audience, oneOf),
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, indicator, client) =>
        resourceServer(deps, ctx, indicator, client),
    },
  };
}

/** Maps one configured client to oidc-provider client metadata (RFC 7591 names). */
function clientMetadata(client: ClientConfig): ClientMetadata {
  const base = {
    client_id: client.clientId,
    client_name: client.name,
    scope: oidcScopes(client.allowedScopes).join(' ') || undefined,
  };
  switch (client.type) {
    case 'public':
      return { ...base, ...codeFlow(client.redirectUris), token_endpoint_auth_method: 'none' };
    case 'confidential':
      return {
        ...base,
        ...codeFlow(client.redirectUris),
        client_secret: client.clientSecret,
        token_endpoint_auth_method: client.tokenEndpointAuthMethod,
      };
    case 'backend':
      return {
        ...base,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'private_key_jwt',
        ...(client.jwks ? { jwks: client.jwks } : {}),
        ...(client.jwksUri ? { jwks_uri: client.jwksUri } : {}),
      };
  }
}

function codeFlow(redirectUris: string[]): Partial<ClientMetadata> {
  return {
    redirect_uris: redirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  };
}

function cookies(keys: string[]): Configuration['cookies'] {
  // SameSite=None cookies without Secure are dropped by browsers on plain-http demos.
  return {
    keys,
    long: { httpOnly: true, sameSite: 'lax' },
    short: { httpOnly: true, sameSite: 'lax' },
  };
}

function ttl(config: AuthServerConfig): Configuration['ttl'] {
  return {
    AccessToken: config.tokenTtlSeconds,
    ClientCredentials: config.tokenTtlSeconds,
    IdToken: config.tokenTtlSeconds,
    AuthorizationCode: 60,
    RefreshToken: config.refreshTokenTtlSeconds,
    Grant: config.refreshTokenTtlSeconds,
    Interaction: 15 * 60,
    Session: 24 * 3600,
  };
}

/** SMART clients send no `resource`: every token is for the FHIR base URL (RFC 8707). */
function defaultResource(audience: string, oneOf: string[] | undefined): string | string[] {
  if (!oneOf) return audience;
  return oneOf.includes(audience) ? audience : oneOf;
}

/**
 * The resource server (RFC 8707) for the FHIR base URL. Its `scope` lists the scopes this
 * client may get among those in play (requested, or held by the refresh token): oidc-provider
 * grants resource scopes only when they appear there, which is how arbitrary SMART scope
 * strings are accepted. Access tokens are RFC 9068 JWTs signed RS256.
 */
function resourceServer(
  deps: ProviderDeps,
  ctx: KoaContextWithOIDC,
  indicator: string,
  client: Client,
): ResourceServer {
  const { audience, tokenTtlSeconds } = deps.config;
  if (indicator !== audience) throw new errors.InvalidTarget('resource must be the FHIR base URL');
  const patterns = deps.config.clients.find((c) => c.clientId === client.clientId)?.allowedScopes;
  const inPlay = [
    ...splitScope(ctx.oidc.params?.scope as string | undefined),
    ...splitScope(ctx.oidc.entities.RefreshToken?.scope),
  ];
  const scope = allowedScopes(inPlay, patterns ?? []);
  if (ctx.oidc.params?.grant_type === 'client_credentials' && scope.length === 0) {
    const requested = (ctx.oidc.params.scope as string | undefined) ?? '';
    throw new errors.InvalidScope('none of the requested scopes is allowed', requested);
  }
  return {
    scope: scope.join(' '),
    audience,
    accessTokenTTL: tokenTtlSeconds,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'RS256' } },
  };
}

/** SMART `launch` (EHR launch): must be a live launch id and come with the `launch` scope. */
function launchParamValidator(deps: ProviderDeps) {
  return (ctx: KoaContextWithOIDC, value: string | undefined): void => {
    if (value === undefined) return;
    if (!deps.contexts.resolveLaunch(value)) {
      throw new errors.InvalidRequest('launch is unknown or expired');
    }
    if (!splitScope(ctx.oidc.params?.scope as string | undefined).includes('launch')) {
      throw new errors.InvalidScope('the launch parameter requires the launch scope', 'launch');
    }
  };
}

/** SMART `aud`: when sent, it must name this server's FHIR base URL (trailing slash ignored). */
function audParamValidator(audience: string) {
  const expected = audience.replace(/\/$/, '');
  return (_ctx: KoaContextWithOIDC, value: string | undefined): void => {
    if (value === undefined || value.replace(/\/$/, '') === expected) return;
    throw new errors.InvalidRequest(
      'aud does not match the FHIR server of this authorization server',
    );
  };
}

function accountFinder(users: UserConfig[]): Configuration['findAccount'] {
  const byId = new Map(users.map((user) => [user.id, user]));
  return (_ctx, sub) => {
    const user = byId.get(sub);
    if (!user) return undefined;
    return { accountId: sub, claims: () => ({ sub, fhirUser: user.fhirUser }) };
  };
}

/** Claims added to access tokens (and introspection): launch context and `fhirUser`. */
function tokenClaims(deps: ProviderDeps): Configuration['extraTokenClaims'] {
  const users = new Map(deps.config.users.map((user) => [user.id, user]));
  return (_ctx, token) => {
    if (token.kind !== 'AccessToken') return undefined;
    const context = deps.contexts.forGrant(token.grantId);
    const claims = { fhirUser: users.get(token.accountId)?.fhirUser, ...context };
    return JSON.parse(JSON.stringify(claims)) as Record<string, unknown>;
  };
}

/** SMART: refresh tokens come with `offline_access` or `online_access`. */
function refreshAllowed(client: Client, scopes: Set<string>): boolean {
  if (!client.grantTypeAllowed('refresh_token')) return false;
  return scopes.has('offline_access') || scopes.has('online_access');
}

function redirectOrigins(client: Client): Set<string> {
  return new Set((client.redirectUris ?? []).map((uri) => new URL(uri).origin));
}

/** RFC 7662 section 4: public clients may only introspect their own tokens. */
function introspectionAllowed(
  ctx: KoaContextWithOIDC,
  client: Client,
  token: { clientId?: string },
) {
  return client.clientAuthMethod !== 'none' || token.clientId === ctx.oidc.client?.clientId;
}

/** SMART Backend Services: `exp` no more than five minutes in the future. */
function assertAssertionLifetime(exp: unknown): void {
  const now = Math.floor(Date.now() / 1000);
  if (typeof exp !== 'number') return;
  if (exp - now <= MAX_ASSERTION_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) return;
  throw new errors.InvalidClientAuth('client assertion exp must be at most 5 minutes ahead');
}

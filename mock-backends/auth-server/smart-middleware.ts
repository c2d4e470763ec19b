/**
 * Koa middleware around oidc-provider's own routes (registered with `provider.use`), for the
 * three SMART behaviours that oidc-provider has no configuration hook for:
 *
 * 1. `offline_access` without `prompt=consent`. OpenID Connect Core section 11 makes the
 *    server ignore `offline_access` unless `prompt` has `consent`, and oidc-provider drops it.
 *    SMART apps never send `prompt`, so `consent` is added to such authorization requests
 *    (every authorization shows the consent step anyway, see policy.ts).
 * 2. Launch context in the token response. SMART App Launch 2.2 "Launch context arrives with
 *    your access token": `patient`, `encounter` and `fhirContext` sit beside `access_token`.
 * 3. Introspection and revocation of JWT access tokens. oidc-provider does not store
 *    JWT-format access tokens, so RFC 7662/7009 would find none; the issued token is recorded
 *    under its own value, bound to its grant, for its lifetime.
 */
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { decodeJwt } from 'jose';
import type { MemoryStore } from './memory-store.js';
import { ROUTES } from './provider.js';
import { splitScope } from './scopes.js';

type KoaMiddleware = Parameters<Provider['use']>[0];
type IssuedToken = NonNullable<KoaContextWithOIDC['oidc']['entities']['AccessToken']>;

const CONTEXT_PARAMS = ['patient', 'encounter', 'fhirContext'] as const;

/** Installs the three middleware on a provider. */
export function installSmartMiddleware(provider: Provider, store: MemoryStore): void {
  provider.use(requestConsentForOfflineAccess);
  provider.use(tokenResponseMiddleware(store));
}

const requestConsentForOfflineAccess: KoaMiddleware = async (ctx, next) => {
  if (ctx.method === 'GET' && ctx.path === ROUTES.authorization) {
    const { scope, prompt } = ctx.query;
    const prompts = splitScope(typeof prompt === 'string' ? prompt : undefined);
    const offline = typeof scope === 'string' && splitScope(scope).includes('offline_access');
    if (offline && !prompts.includes('consent') && !prompts.includes('none')) {
      ctx.query = { ...ctx.query, prompt: [...prompts, 'consent'].join(' ') };
    }
  }
  await next();
};

function tokenResponseMiddleware(store: MemoryStore): KoaMiddleware {
  return async (koaCtx, next) => {
    await next();
    const ctx = koaCtx as unknown as KoaContextWithOIDC;
    if (ctx.path !== ROUTES.token || ctx.status !== 200 || !ctx.oidc) return;
    const body = ctx.body as Record<string, unknown>;
    const { AccessToken, ClientCredentials } = ctx.oidc.entities;
    const token = (AccessToken ?? ClientCredentials) as IssuedToken | undefined;
    if (!token || typeof body.access_token !== 'string') return;
    addLaunchContext(body, token.extra);
    await recordJwtAccessToken(store, token, body.access_token);
  };
}

function addLaunchContext(body: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  for (const param of CONTEXT_PARAMS) {
    if (extra[param] !== undefined) body[param] = extra[param];
  }
}

/**
 * Stores the token's model payload under the JWT itself, so `AccessToken.find(jwt)` (used by
 * introspection and revocation) finds it and `destroy()` removes it. `exp` and `iat` come from
 * the signed JWT, which oidc-provider does not copy back onto the model.
 */
async function recordJwtAccessToken(store: MemoryStore, token: IssuedToken, jwt: string) {
  const { exp, iat } = decodeJwt(jwt);
  if (typeof exp !== 'number') return;
  const fields = (token.constructor as unknown as { IN_PAYLOAD: string[] }).IN_PAYLOAD;
  const model = token as unknown as Record<string, unknown>;
  const payload: Record<string, unknown> = {};
  for (const field of fields) if (model[field] !== undefined) payload[field] = model[field];
  Object.assign(payload, { jti: jwt, exp, iat });
  const ttl = exp - Math.floor(Date.now() / 1000);
  await store.adapterFor(token.kind).upsert(jwt, payload, ttl);
}

/**
 * Verifies opaque access tokens by RFC 7662 token introspection at the IdP. Answers are
 * cached (by a hash of the token, never the token itself) until the token expires, capped at
 * `maxCacheSeconds`, so a busy client costs one introspection per token.
 */
import { createHash } from 'node:crypto';
import NodeCache from 'node-cache';
import { ServiceUnavailableError } from '../../plugins/sdk/errors.js';
import { invalidToken, principalFrom, type TokenVerifier } from './jwt-verifier.js';
import type { Principal } from './principal.js';

export interface IntrospectionOptions {
  readonly endpoint: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Expected issuer and audience, checked when the IdP reports them. */
  readonly issuer: string;
  readonly audience: string;
  readonly maxCacheSeconds: number;
}

/** A verifier that asks the IdP whether a token is active. */
export function createIntrospectionVerifier(options: IntrospectionOptions): TokenVerifier {
  const cache = new NodeCache({ useClones: false, checkperiod: 60 });
  return {
    async verify(token: string): Promise<Principal> {
      const key = createHash('sha256').update(token).digest('base64url');
      const cached = cache.get<Principal>(key);
      if (cached) return cached;

      const claims = await introspect(options, token);
      const principal = checkClaims(options, claims);
      const ttl = Math.min(options.maxCacheSeconds, (principal.expiresAt ?? 0) - Date.now() / 1000);
      if (ttl > 0) cache.set(key, principal, Math.floor(ttl));
      return principal;
    },
  };
}

async function introspect(
  options: IntrospectionOptions,
  token: string,
): Promise<Record<string, unknown>> {
  const basic = Buffer.from(
    `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`,
  ).toString('base64');
  let res: Response;
  try {
    res = await fetch(options.endpoint, {
      method: 'POST',
      signal: AbortSignal.timeout(5000),
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
    });
  } catch (err) {
    throw new ServiceUnavailableError(
      'The identity provider cannot be reached to verify the token',
      {
        detail: `introspection failed: ${(err as Error).message}`,
      },
    );
  }
  if (!res.ok) {
    throw new ServiceUnavailableError('The identity provider cannot verify the token now', {
      detail: `introspection answered ${res.status}`,
    });
  }
  return (await res.json()) as Record<string, unknown>;
}

function checkClaims(options: IntrospectionOptions, claims: Record<string, unknown>): Principal {
  if (claims.active !== true) throw invalidToken('token is not active');
  const audiences = [claims.aud].flat().filter((aud): aud is string => typeof aud === 'string');
  if (audiences.length > 0 && !audiences.includes(options.audience)) {
    throw invalidToken('claim "aud" is not acceptable');
  }
  if (typeof claims.iss === 'string' && claims.iss !== options.issuer) {
    throw invalidToken('claim "iss" is not acceptable');
  }
  return principalFrom({
    ...claims,
    sub:
      typeof claims.sub === 'string'
        ? claims.sub
        : typeof claims.client_id === 'string'
          ? claims.client_id
          : '',
  });
}

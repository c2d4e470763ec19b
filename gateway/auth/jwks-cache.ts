/**
 * The issuer's signing keys, cached in node-cache. A token naming a `kid` the cache does not
 * know triggers one refetch (at most every `cooldownMs`), which is how key rotation at the
 * IdP is followed without restarting the gateway.
 */
import NodeCache from 'node-cache';
import {
  createLocalJWKSet,
  errors as joseErrors,
  type JSONWebKeySet,
  type JWSHeaderParameters,
} from 'jose';
import { ServiceUnavailableError } from '../../plugins/sdk/errors.js';

export interface JwksCacheOptions {
  readonly jwksUri: string;
  /** How long fetched keys are trusted before a refetch, in seconds. */
  readonly ttlSeconds: number;
  /** Smallest gap between two refetches forced by an unknown `kid`, in milliseconds. */
  readonly cooldownMs: number;
}

type KeyResolver = ReturnType<typeof createLocalJWKSet>;

/** A jose key-resolver function backed by the cache. */
export function cachedJwks(options: JwksCacheOptions) {
  const cache = new NodeCache({ stdTTL: options.ttlSeconds, useClones: false });
  let lastFetch = 0;
  let inflight: Promise<KeyResolver> | undefined;

  const refresh = (): Promise<KeyResolver> => {
    inflight ??= fetchJwks(options.jwksUri)
      .then((jwks) => {
        const resolver = createLocalJWKSet(jwks);
        cache.set('keys', resolver);
        lastFetch = Date.now();
        return resolver;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };

  return async (header: JWSHeaderParameters, token: unknown) => {
    const resolver = cache.get<KeyResolver>('keys') ?? (await refresh());
    try {
      return await resolver(header, token as never);
    } catch (err) {
      const rotated =
        err instanceof joseErrors.JWKSNoMatchingKey && Date.now() - lastFetch >= options.cooldownMs;
      if (!rotated) throw err;
      return (await refresh())(header, token as never);
    }
  };
}

async function fetchJwks(jwksUri: string): Promise<JSONWebKeySet> {
  let res: Response;
  try {
    res = await fetch(jwksUri, {
      signal: AbortSignal.timeout(5000),
      headers: { accept: 'application/json' },
    });
  } catch (err) {
    throw new ServiceUnavailableError(
      'The identity provider cannot be reached to verify the token',
      {
        detail: `JWKS fetch failed: ${(err as Error).message}`,
      },
    );
  }
  if (!res.ok) {
    throw new ServiceUnavailableError(
      'The identity provider cannot be reached to verify the token',
      {
        detail: `JWKS fetch answered ${res.status}`,
      },
    );
  }
  return (await res.json()) as JSONWebKeySet;
}

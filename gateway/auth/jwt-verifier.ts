/**
 * Verifies JWT access tokens (RFC 9068 style) with jose against the issuer's published keys:
 * signature with an allowed asymmetric algorithm (never `none` or HMAC), `iss`, `aud`, `exp`
 * and `nbf`. The key set is fetched from `jwks_uri` (configured, or discovered from the
 * issuer's metadata) and refetched when a token names an unknown `kid`, so key rotation works.
 */
import { errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { GatewayError, UnauthorizedError } from '../../plugins/sdk/errors.js';
import { cachedJwks } from './jwks-cache.js';
import type { Principal } from './principal.js';
import { purposeOf } from './scopes.js';

export interface JwtVerifierOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUri: string;
  readonly algorithms: readonly string[];
  readonly clockToleranceSeconds: number;
  /** How long fetched signing keys are cached, in seconds. */
  readonly jwksCacheSeconds?: number;
  /** Smallest gap between refetches forced by an unknown `kid`, in milliseconds. */
  readonly jwksCooldownMs?: number;
}

/** Turns a bearer token into a principal, or throws 401. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/** A verifier for JWT access tokens signed by the issuer. */
export function createJwtVerifier(options: JwtVerifierOptions): TokenVerifier {
  const keys = cachedJwks({
    jwksUri: options.jwksUri,
    ttlSeconds: options.jwksCacheSeconds ?? 600,
    cooldownMs: options.jwksCooldownMs ?? 10_000,
  });
  return {
    async verify(token: string): Promise<Principal> {
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: [...options.algorithms],
          clockTolerance: options.clockToleranceSeconds,
          requiredClaims: ['exp', 'sub'],
        });
        return principalFrom(payload);
      } catch (err) {
        if (err instanceof GatewayError) throw err;
        throw invalidToken(
          describe(err),
          err instanceof Error ? `${err.name}: ${err.message}` : undefined,
        );
      }
    },
  };
}

/** Builds the principal from verified claims (SMART: `scope`, `patient`, `fhirUser`). */
export function principalFrom(payload: JWTPayload): Principal {
  const scopes = scopeList(payload.scope ?? payload.scp);
  const clientId = stringClaim(payload.client_id) ?? stringClaim(payload.azp) ?? '';
  if (clientId === '') throw new UnauthorizedError('The token names no client (client_id)');
  return {
    clientId,
    subject: payload.sub ?? '',
    fhirUser: stringClaim(payload.fhirUser),
    patient: stringClaim(payload.patient),
    encounter: stringClaim(payload.encounter),
    scopes,
    purpose: purposeOf(scopes),
    tokenId: payload.jti,
    expiresAt: payload.exp,
  };
}

function scopeList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(' ').filter(Boolean);
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The 401 with a `WWW-Authenticate` challenge naming what was wrong (RFC 6750 §3). */
export function invalidToken(description: string, detail?: string): UnauthorizedError {
  return new UnauthorizedError(`The access token is not valid: ${description}`, {
    detail,
    headers: {
      'WWW-Authenticate': `Bearer realm="fhir", error="invalid_token", error_description="${description}"`,
    },
  });
}

function describe(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'token expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    return `claim "${err.claim}" is not acceptable`;
  }
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'signing algorithm not allowed';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) {
    return 'signature verification failed';
  }
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'signed by an unknown key';
  if (err instanceof joseErrors.JWTInvalid || err instanceof joseErrors.JWSInvalid) {
    return 'malformed token';
  }
  return 'token could not be verified';
}

/**
 * Chooses how to verify a bearer token: JWTs locally against the issuer's keys, anything else
 * by introspection when the IdP offers it. A gateway can therefore sit in front of an IdP that
 * issues either kind.
 */
import { invalidToken, type TokenVerifier } from './jwt-verifier.js';
import type { Principal } from './principal.js';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** A verifier dispatching on the token's shape. */
export function createTokenVerifier(
  jwt: TokenVerifier,
  introspection?: TokenVerifier,
): TokenVerifier {
  return {
    verify(token: string): Promise<Principal> {
      if (JWT_SHAPE.test(token)) return jwt.verify(token);
      if (introspection) return introspection.verify(token);
      return Promise.reject(invalidToken('token is not a JWT and introspection is not configured'));
    },
  };
}

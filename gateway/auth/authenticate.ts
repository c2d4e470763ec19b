/**
 * Extracts the bearer token (RFC 6750 §2.1) and verifies it into a principal. A request
 * without a token gets 401 with a bare `Bearer` challenge; a bad token gets `invalid_token`.
 */
import type { Request } from 'express';
import { UnauthorizedError } from '../../plugins/sdk/errors.js';
import type { Principal } from './principal.js';
import type { TokenVerifier } from './jwt-verifier.js';

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** Verifies the request's bearer token; throws 401 when it is missing or invalid. */
export async function authenticate(req: Request, verifier: TokenVerifier): Promise<Principal> {
  const header = req.get('authorization');
  if (!header) {
    throw new UnauthorizedError('This endpoint requires a bearer access token', {
      headers: { 'WWW-Authenticate': 'Bearer realm="fhir"' },
    });
  }
  const match = BEARER.exec(header.trim());
  if (!match?.[1]) {
    throw new UnauthorizedError('The Authorization header must be "Bearer <token>"', {
      headers: { 'WWW-Authenticate': 'Bearer realm="fhir", error="invalid_request"' },
    });
  }
  const principal = await verifier.verify(match[1]);
  req.clientId = principal.clientId;
  return principal;
}

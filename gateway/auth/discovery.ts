/**
 * Finds the identity provider's signing keys: the configured `jwks_uri`, or the one its
 * OpenID Connect / OAuth metadata publishes (openid-client discovery). Works with any
 * standards-compliant IdP; plain `http` issuers are accepted only on loopback (demo, tests).
 */
import { allowInsecureRequests, discovery } from 'openid-client';

export interface IssuerKeys {
  readonly issuer: string;
  readonly jwksUri: string;
  /** The whole discovered metadata, for the SMART configuration document. */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Discovers the issuer's metadata (unless `jwksUri` is given and no metadata is needed). */
export async function discoverIssuer(issuer: string, jwksUri?: string): Promise<IssuerKeys> {
  const url = new URL(issuer);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  const config = await discovery(url, 'fhir-gateway', undefined, undefined, {
    execute: loopback && url.protocol === 'http:' ? [allowInsecureRequests] : [],
  });
  const metadata = config.serverMetadata() as unknown as Record<string, unknown>;
  const discovered = metadata.jwks_uri;
  const keys = jwksUri ?? (typeof discovered === 'string' ? discovered : undefined);
  if (!keys) throw new Error(`The issuer ${issuer} publishes no jwks_uri; set auth.jwksUri`);
  return { issuer, jwksUri: keys, metadata };
}

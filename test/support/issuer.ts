/**
 * A throwaway token issuer for tests: a real key pair, its JWKS served over HTTP on loopback,
 * and `mint()` to sign access tokens with any claims. Also crafts the broken tokens that
 * attack tests need (expired, wrong audience, `alg: none`, HMAC with the public key).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type CryptoKey } from 'jose';

export interface TestIssuer {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly publicJwk: JWK;
  /** Signs an access token; defaults give a valid patient token for `audience`. */
  mint(claims: Record<string, unknown>, options?: MintOptions): Promise<string>;
  /** A token with `alg: none`. */
  unsigned(claims: Record<string, unknown>): string;
  /** A token signed HS256 with the public key as the secret (the key-confusion attack). */
  hmacWithPublicKey(claims: Record<string, unknown>): string;
  close(): Promise<void>;
}

export interface MintOptions {
  readonly audience?: string;
  readonly issuer?: string;
  readonly expiresIn?: number;
  readonly notBefore?: number;
}

/** Starts the JWKS server and returns the issuer. */
export async function startTestIssuer(audience: string): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  const server = await serveJwks({ keys: [publicJwk] });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    publicJwk,
    mint: (claims, options = {}) => sign(privateKey, claims, { audience, issuer, ...options }),
    unsigned: (claims) => compact({ alg: 'none', typ: 'JWT' }, payload(claims, issuer, audience), ''),
    hmacWithPublicKey: (claims) => {
      const header = { alg: 'HS256', typ: 'JWT', kid: 'test-key-1' };
      const body = payload(claims, issuer, audience);
      const input = `${b64(header)}.${b64(body)}`;
      const mac = createHmac('sha256', JSON.stringify(publicJwk)).update(input).digest('base64url');
      return `${input}.${mac}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function sign(
  key: CryptoKey,
  claims: Record<string, unknown>,
  options: Required<Pick<MintOptions, 'audience' | 'issuer'>> & MintOptions,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ client_id: 'test-client', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key-1', typ: 'at+jwt' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(String(claims.sub ?? 'test-user'))
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresIn ?? 300));
  if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
  return jwt.sign(key);
}

function payload(claims: Record<string, unknown>, issuer: string, audience: string) {
  const now = Math.floor(Date.now() / 1000);
  return { iss: issuer, aud: audience, sub: 'test-user', client_id: 'test-client', iat: now, exp: now + 300, ...claims };
}

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function compact(header: object, body: object, signature: string): string {
  return `${b64(header)}.${b64(body)}.${signature}`;
}

function serveJwks(jwks: { keys: JWK[] }): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url !== '/jwks') {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(jwks));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

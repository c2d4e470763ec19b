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
  /** Replaces the signing key with a new one under a new `kid`, as an IdP rotation would. */
  rotate(): Promise<void>;
  /** Registers an opaque token that `/introspect` will report with these claims. */
  opaque(claims: Record<string, unknown>): string;
  /** Introspection calls received (for cache tests). */
  readonly introspections: number;
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
  let signing = await newKey('test-key-1');
  const jwks = { keys: [signing.publicJwk] };
  const opaqueTokens = new Map<string, Record<string, unknown>>();
  const state = { introspections: 0 };
  const server = await serve(jwks, (token) => {
    state.introspections++;
    return opaqueTokens.get(token) ?? { active: false };
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const publicJwk = signing.publicJwk;

  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    publicJwk,
    get introspections() {
      return state.introspections;
    },
    mint: (claims, options = {}) =>
      sign(signing.privateKey, signing.kid, claims, { audience, issuer, ...options }),
    rotate: async () => {
      signing = await newKey(`test-key-${jwks.keys.length + 1}`);
      jwks.keys = [signing.publicJwk];
    },
    opaque: (claims) => {
      const token = randomUUID().replaceAll('-', '');
      opaqueTokens.set(token, { active: true, ...payload(claims, issuer, audience) });
      return token;
    },
    unsigned: (claims) =>
      compact({ alg: 'none', typ: 'JWT' }, payload(claims, issuer, audience), ''),
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

async function newKey(
  kid: string,
): Promise<{ kid: string; privateKey: CryptoKey; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    kid,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

async function sign(
  key: CryptoKey,
  kid: string,
  claims: Record<string, unknown>,
  options: Required<Pick<MintOptions, 'audience' | 'issuer'>> & MintOptions,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ client_id: 'test-client', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(typeof claims.sub === 'string' ? claims.sub : 'test-user')
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresIn ?? 300));
  if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
  return jwt.sign(key);
}

function payload(claims: Record<string, unknown>, issuer: string, audience: string) {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: issuer,
    aud: audience,
    sub: 'test-user',
    client_id: 'test-client',
    iat: now,
    exp: now + 300,
    ...claims,
  };
}

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function compact(header: object, body: object, signature: string): string {
  return `${b64(header)}.${b64(body)}.${signature}`;
}

function serve(
  jwks: { keys: JWK[] },
  introspect: (token: string) => Record<string, unknown>,
): Promise<Server> {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/jwks') {
      res.end(JSON.stringify(jwks));
      return;
    }
    if (req.url === '/introspect' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () =>
        res.end(JSON.stringify(introspect(new URLSearchParams(body).get('token') ?? ''))),
      );
      return;
    }
    res.statusCode = 404;
    res.end('{}');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

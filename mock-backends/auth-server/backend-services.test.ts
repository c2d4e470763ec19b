/**
 * SMART Backend Services (App Launch 2.2 "Backend Services"): client_credentials with a
 * private_key_jwt assertion (RFC 7523), RS384 and ES384 keys, inline JWKS and jwks_uri,
 * replay and lifetime rules on the assertion.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import type { JWK } from 'jose';
import { ResponseBodyError } from 'openid-client';
import type { RunningAuthServer } from './server.js';
import { backendServicesToken, createClientAssertion } from './client.js';
import { demoBackendPrivateJwk, demoBackendPublicJwks } from './demo-keys.js';
import { TEST_AUDIENCE, startTestAuthServer } from './testing.js';
import type { LogEntry } from './testing.js';

async function oauthError(promise: Promise<unknown>): Promise<ResponseBodyError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ResponseBodyError) return err;
    throw err;
  }
  throw new Error('expected an OAuth error response');
}

describe('auth server: SMART Backend Services', () => {
  let server: RunningAuthServer;
  const logs: LogEntry[] = [];
  const refusal = (detail: string) =>
    logs.find((entry) => entry.event === 'grant.error' && entry.detail === detail);
  const rs384 = {
    clientId: 'demo-backend',
    privateKey: demoBackendPrivateJwk('RS384'),
    alg: 'RS384',
  } as const;
  const es384 = {
    clientId: 'demo-backend',
    privateKey: demoBackendPrivateJwk('ES384'),
    alg: 'ES384',
  } as const;

  before(async () => {
    server = await startTestAuthServer({}, logs);
  });
  after(() => server.close());

  for (const key of [rs384, es384]) {
    it(`issues a system-scoped JWT access token for a ${key.alg} assertion`, async () => {
      const tokens = await backendServicesToken({
        issuer: server.url,
        ...key,
        scope: 'system/*.rs',
      });
      expect(tokens.scope).to.equal('system/*.rs');
      const jwks = createRemoteJWKSet(new URL(`${server.url}/jwks`));
      const { payload } = await jwtVerify(tokens.access_token, jwks, {
        issuer: server.url,
        audience: TEST_AUDIENCE,
        typ: 'at+jwt',
      });
      expect(payload).to.include({
        sub: 'demo-backend',
        client_id: 'demo-backend',
        scope: 'system/*.rs',
      });
      expect(payload).to.not.have.property('patient');
    });
  }

  it('answers with the RFC 6749 section 5.1 token response', async () => {
    const tokenEndpoint = `${server.url}/token`;
    const assertion = await createClientAssertion({ ...rs384, tokenEndpoint });
    const response = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: 'system/Patient.rs system/Coverage.r',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    });
    expect(response.status).to.equal(200);
    expect(response.headers.get('cache-control')).to.equal('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).to.deep.equal([
      'access_token',
      'expires_in',
      'scope',
      'token_type',
    ]);
    expect(body).to.include({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'system/Patient.rs system/Coverage.r',
    });
  });

  it('refuses a replayed assertion jti', async () => {
    const assertion = await createClientAssertion({
      ...rs384,
      tokenEndpoint: `${server.url}/token`,
    });
    await backendServicesToken({ issuer: server.url, ...rs384, scope: 'system/*.rs', assertion });
    const err = await oauthError(
      backendServicesToken({ issuer: server.url, ...rs384, scope: 'system/*.rs', assertion }),
    );
    expect(err.status).to.equal(401);
    expect(err.error).to.equal('invalid_client');
    expect(err.error_description).to.equal('client authentication failed');
    expect(refusal('client assertion tokens must only be used once')).to.not.equal(undefined);
  });

  it('refuses an assertion expiring more than 5 minutes ahead', async () => {
    const err = await oauthError(
      backendServicesToken({
        issuer: server.url,
        ...es384,
        scope: 'system/*.rs',
        expiresInSeconds: 600,
      }),
    );
    expect(err.error).to.equal('invalid_client');
    expect(refusal('client assertion exp must be at most 5 minutes ahead')).to.include({
      clientId: 'demo-backend',
      error: 'invalid_client',
      level: 'info',
    });
  });

  it('accepts an assertion expiring exactly 5 minutes ahead', async () => {
    const tokens = await backendServicesToken({
      issuer: server.url,
      ...es384,
      scope: 'system/*.rs',
      expiresInSeconds: 300,
    });
    expect(tokens.scope).to.equal('system/*.rs');
  });

  it('refuses an assertion signed by an unregistered key', async () => {
    const { privateKey } = await generateKeyPair('ES384');
    const err = await oauthError(
      backendServicesToken({
        issuer: server.url,
        clientId: 'demo-backend',
        privateKey,
        alg: 'ES384',
        kid: 'demo-backend-es384',
        scope: 'system/*.rs',
      }),
    );
    expect(err.error).to.equal('invalid_client');
  });

  it('refuses scopes the client may not have', async () => {
    const err = await oauthError(
      backendServicesToken({ issuer: server.url, ...rs384, scope: 'patient/*.rs user/*.rs' }),
    );
    expect(err.status).to.equal(400);
    expect(err.error).to.equal('invalid_scope');
  });

  describe('client keys from a jwks_uri', () => {
    let jwksServer: Server;
    let keyServer: RunningAuthServer;
    let privateJwk: JWK;

    before(async () => {
      const { privateKey, publicKey } = await generateKeyPair('RS384', { extractable: true });
      privateJwk = { ...(await exportJWK(privateKey)), kid: 'uri-key', alg: 'RS384' };
      const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'uri-key', alg: 'RS384' }] };
      jwksServer = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(jwks));
      });
      await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
      const { port } = jwksServer.address() as AddressInfo;
      keyServer = await startTestAuthServer({
        clients: [
          {
            clientId: 'uri-backend',
            type: 'backend',
            allowedScopes: ['system/*.rs'],
            jwksUri: `http://127.0.0.1:${port}/jwks`,
          },
          {
            clientId: 'inline-backend',
            type: 'backend',
            allowedScopes: ['system/*.rs'],
            jwks: demoBackendPublicJwks(),
          },
        ],
      });
    });
    after(async () => {
      await keyServer.close();
      jwksServer.closeAllConnections();
      await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
    });

    it('verifies the assertion with the fetched key', async () => {
      const tokens = await backendServicesToken({
        issuer: keyServer.url,
        clientId: 'uri-backend',
        privateKey: privateJwk,
        alg: 'RS384',
        scope: 'system/*.rs',
      });
      expect(tokens.scope).to.equal('system/*.rs');
    });

    it('keeps replay detection per client (iss) and per server', async () => {
      const jti = 'shared-jti-1';
      const tokenEndpoint = `${keyServer.url}/token`;
      const assertion = await createClientAssertion({
        ...rs384,
        clientId: 'inline-backend',
        tokenEndpoint,
        jti,
      });
      const options = {
        issuer: keyServer.url,
        ...rs384,
        clientId: 'inline-backend',
        scope: 'system/*.rs',
      };
      await backendServicesToken({ ...options, assertion });
      const other = await backendServicesToken({
        issuer: server.url,
        ...rs384,
        scope: 'system/*.rs',
        jti,
      });
      expect(other.scope).to.equal('system/*.rs');
      expect((await oauthError(backendServicesToken({ ...options, assertion }))).error).to.equal(
        'invalid_client',
      );
    });
  });
});

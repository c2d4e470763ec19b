/**
 * Token introspection (RFC 7662) and revocation (RFC 7009) of the demo server's JWT access
 * tokens and refresh tokens, discovery, POST /launch validation and the login page markup.
 */
import { expect } from 'chai';
import type { RunningAuthServer } from './server.js';
import { introspectToken, loginAsPatient, loginAsPractitioner, revokeToken } from './client.js';
import type { SmartTokenResponse } from './client.js';
import { PATIENT_APP, PROVIDER_APP, startTestAuthServer } from './testing.js';

describe('auth server: token management and discovery', () => {
  let server: RunningAuthServer;
  const scope = 'openid fhirUser launch/patient patient/*.rs offline_access';
  const practitionerLogin = () =>
    loginAsPractitioner({
      issuer: server.url,
      ...PROVIDER_APP,
      practitionerId: 'practitioner-0001',
      patientId: 'member-0001',
      scope,
    });
  const manage = (token: string) => ({ issuer: server.url, ...PROVIDER_APP, token });

  before(async () => {
    server = await startTestAuthServer();
  });
  after(() => server.close());

  describe('introspection and revocation', () => {
    let tokens: SmartTokenResponse;
    beforeEach(async () => {
      tokens = await practitionerLogin();
    });

    it('reports a JWT access token active with its SMART claims', async () => {
      const result = await introspectToken(manage(tokens.access_token));
      expect(result).to.include({
        active: true,
        client_id: 'demo-confidential-app',
        sub: 'demo-practitioner-1',
        scope,
        patient: 'member-0001',
        fhirUser: 'Practitioner/practitioner-0001',
        token_type: 'Bearer',
      });
      expect(result.exp).to.be.a('number');
    });

    it('reports a revoked access token inactive', async () => {
      await revokeToken(manage(tokens.access_token));
      const result = await introspectToken(manage(tokens.access_token));
      expect(result).to.deep.equal({ active: false });
    });

    it('revokes the whole grant with its refresh token', async () => {
      const refreshToken = tokens.refresh_token ?? '';
      expect(await introspectToken(manage(refreshToken))).to.include({ active: true });
      await revokeToken(manage(refreshToken));
      expect(await introspectToken(manage(refreshToken))).to.deep.equal({ active: false });
      expect(await introspectToken(manage(tokens.access_token))).to.deep.equal({ active: false });
    });

    it('reports a forged token inactive', async () => {
      const [header = '', payload = ''] = tokens.access_token.split('.');
      const forged = `${header}.${payload}.${'A'.repeat(342)}`;
      expect(await introspectToken(manage(forged))).to.deep.equal({ active: false });
    });
  });

  describe('discovery', () => {
    it('publishes the endpoints and what SMART clients need', async () => {
      const response = await fetch(`${server.url}/.well-known/openid-configuration`);
      const metadata = (await response.json()) as Record<string, unknown>;
      expect(metadata).to.include({
        issuer: server.url,
        authorization_endpoint: `${server.url}/authorize`,
        token_endpoint: `${server.url}/token`,
        introspection_endpoint: `${server.url}/introspect`,
        revocation_endpoint: `${server.url}/revoke`,
        jwks_uri: `${server.url}/jwks`,
      });
      expect(metadata.code_challenge_methods_supported).to.deep.equal(['S256']);
      expect(metadata.response_types_supported).to.deep.equal(['code']);
      expect(metadata.token_endpoint_auth_signing_alg_values_supported).to.include.members([
        'RS384',
        'ES384',
      ]);
      expect(metadata.grant_types_supported).to.have.members([
        'authorization_code',
        'refresh_token',
        'client_credentials',
      ]);
    });
  });

  describe('POST /launch', () => {
    it('answers invalid_request for a body without a patient', async () => {
      const response = await fetch(`${server.url}/launch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ encounter: 'enc-1' }),
      });
      expect(response.status).to.equal(400);
      expect(await response.json()).to.deep.equal({
        error: 'invalid_request',
        error_description: 'patient: Invalid input: expected string, received undefined',
      });
    });
  });

  describe('login page', () => {
    it('is plain accessible HTML listing members and the practitioner', async () => {
      const authorize = new URL(`${server.url}/authorize`);
      authorize.search = new URLSearchParams({
        client_id: 'demo-patient-app',
        response_type: 'code',
        scope: 'openid patient/*.rs',
        redirect_uri: 'http://localhost:4200/callback',
        state: 'state-1',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      }).toString();
      const first = await fetch(authorize, { redirect: 'manual' });
      const cookie = first.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const page = await fetch(new URL(first.headers.get('location') ?? '', server.url), {
        headers: { cookie },
      });
      const html = await page.text();
      expect(page.status).to.equal(200);
      expect(html).to.match(/^<!doctype html><html lang="en">/);
      expect(html).to.include('<legend>Members (patients)</legend>');
      expect(html).to.include('<legend>Practitioners</legend>');
      expect(html).to.include('<label for="user-3">Dr. Drew Demo (practitioner)</label>');
      expect(html).to.not.match(/<(script|link)\b|src=|https?:\/\/(?!127\.0\.0\.1)/);
    });
  });

  describe('CORS for browser apps (public clients)', () => {
    const tokenRequest = (origin: string) =>
      fetch(`${server.url}/token`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: 'unknown',
          client_id: PATIENT_APP.clientId,
        }),
      });

    it('allows the origins of the client redirect URIs', async () => {
      const response = await tokenRequest('http://localhost:4200');
      expect(response.headers.get('access-control-allow-origin')).to.equal('http://localhost:4200');
      expect(await response.json()).to.include({ error: 'invalid_grant' });
    });

    it('refuses other origins', async () => {
      const response = await tokenRequest('http://elsewhere.example');
      expect(response.headers.get('access-control-allow-origin')).to.equal(null);
      expect(await response.json()).to.deep.equal({
        error: 'invalid_request',
        error_description:
          'origin http://elsewhere.example not allowed for client: demo-patient-app',
      });
    });
  });

  describe('autoConsent', () => {
    it('skips the consent page and still binds the member as patient context', async () => {
      const quick = await startTestAuthServer({ autoConsent: true });
      try {
        const tokens = await loginAsPatient({
          issuer: quick.url,
          ...PATIENT_APP,
          patientId: 'member-0002',
          scope: 'openid patient/*.rs',
          decision: 'deny',
        });
        expect(tokens).to.include({ patient: 'member-0002', scope: 'openid patient/*.rs' });
      } finally {
        await quick.close();
      }
    });
  });
});

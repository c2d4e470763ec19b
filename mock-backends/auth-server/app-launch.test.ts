/**
 * SMART App Launch 2.2 against the demo authorization server, over real HTTP: standalone and
 * EHR launch with PKCE, refresh, ID token, and the JWT access token checked with jose against
 * the server's JWKS.
 */
import { expect } from 'chai';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { AuthorizationResponseError } from 'openid-client';
import type { RunningAuthServer } from './server.js';
import { ehrLaunch, loginAsPatient, loginAsPractitioner, refreshAccessToken } from './client.js';
import { PATIENT_APP, PROVIDER_APP, TEST_AUDIENCE, startTestAuthServer } from './testing.js';
import type { LogEntry } from './testing.js';

const PATIENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs offline_access';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to be rejected');
}

describe('auth server: SMART App Launch', () => {
  let server: RunningAuthServer;
  const logs: LogEntry[] = [];
  const patientLogin = (scope = PATIENT_SCOPE, patientId = 'member-0001') =>
    loginAsPatient({ issuer: server.url, ...PATIENT_APP, patientId, scope, aud: TEST_AUDIENCE });

  before(async () => {
    server = await startTestAuthServer({}, logs);
  });
  after(() => server.close());

  describe('standalone launch (public client, PKCE S256)', () => {
    it('grants the requested scopes with the member as patient context', async () => {
      const tokens = await patientLogin();
      expect(tokens.scope).to.equal(PATIENT_SCOPE);
      expect(tokens.patient).to.equal('member-0001');
      expect(tokens.expires_in).to.equal(3600);
      expect(tokens.token_type.toLowerCase()).to.equal('bearer');
      expect(tokens.refresh_token).to.be.a('string');
    });

    it('issues an RFC 9068 JWT access token for the FHIR base URL', async () => {
      const tokens = await patientLogin();
      const jwks = createRemoteJWKSet(new URL(`${server.url}/jwks`));
      const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
        issuer: server.url,
        audience: TEST_AUDIENCE,
        algorithms: ['RS256'],
        typ: 'at+jwt',
      });
      expect(protectedHeader.alg).to.equal('RS256');
      expect(payload).to.include({
        sub: 'demo-member-1',
        client_id: 'demo-patient-app',
        scope: PATIENT_SCOPE,
        patient: 'member-0001',
        fhirUser: 'Patient/member-0001',
      });
    });

    it('puts fhirUser in the signed ID token', async () => {
      const tokens = await patientLogin();
      const jwks = createRemoteJWKSet(new URL(`${server.url}/jwks`));
      const { payload } = await jwtVerify(tokens.id_token ?? '', jwks, {
        issuer: server.url,
        audience: 'demo-patient-app',
      });
      expect(payload).to.include({ sub: 'demo-member-1', fhirUser: 'Patient/member-0001' });
    });

    it('accepts v1 scope syntax and drops scopes the client may not have', async () => {
      const tokens = await patientLogin('launch/patient patient/*.read user/*.rs system/*.rs');
      expect(tokens.scope).to.equal('launch/patient patient/*.read');
      expect(tokens.id_token).to.equal(undefined);
      expect(tokens.refresh_token).to.equal(undefined);
    });

    it('requires PKCE, also when the client sends none', async () => {
      const authorize = new URL(`${server.url}/authorize`);
      authorize.search = new URLSearchParams({
        client_id: PATIENT_APP.clientId,
        redirect_uri: PATIENT_APP.redirectUri,
        response_type: 'code',
        scope: 'patient/*.rs',
        state: 'no-pkce',
      }).toString();
      const response = await fetch(authorize, { redirect: 'manual' });
      const callback = new URL(response.headers.get('location') ?? '');
      expect(Object.fromEntries(callback.searchParams)).to.deep.equal({
        error: 'invalid_request',
        error_description: 'Authorization Server policy requires PKCE to be used for this request',
        state: 'no-pkce',
        iss: server.url,
      });
    });

    it('refuses the plain PKCE method', async () => {
      const err = await rejection(
        loginAsPatient({
          issuer: server.url,
          ...PATIENT_APP,
          patientId: 'member-0001',
          scope: PATIENT_SCOPE,
          pkceMethod: 'plain',
        }),
      );
      expect(err).to.be.instanceOf(AuthorizationResponseError);
      expect(err).to.include({ error: 'invalid_request' });
      expect((err as AuthorizationResponseError).error_description).to.equal(
        'not supported value of code_challenge_method',
      );
    });

    it('refuses an aud that is not this FHIR server', async () => {
      const err = await rejection(
        loginAsPatient({
          issuer: server.url,
          ...PATIENT_APP,
          patientId: 'member-0001',
          scope: PATIENT_SCOPE,
          aud: 'https://elsewhere.example/fhir',
        }),
      );
      expect(err).to.include({ error: 'invalid_request' });
    });

    it('answers access_denied when the user denies consent', async () => {
      const err = await rejection(
        loginAsPatient({
          issuer: server.url,
          ...PATIENT_APP,
          patientId: 'member-0001',
          scope: PATIENT_SCOPE,
          decision: 'deny',
        }),
      );
      expect(err).to.include({ error: 'access_denied' });
    });
  });

  describe('refresh tokens', () => {
    it('keeps the scope and patient context on refresh', async () => {
      const first = await patientLogin(PATIENT_SCOPE, 'member-0003');
      const refreshed = await refreshAccessToken({
        issuer: server.url,
        clientId: PATIENT_APP.clientId,
        refreshToken: first.refresh_token ?? '',
      });
      expect(refreshed.patient).to.equal('member-0003');
      expect(refreshed.scope).to.equal(PATIENT_SCOPE);
      expect(decodeJwt(refreshed.access_token)).to.include({ patient: 'member-0003' });
      expect(refreshed.access_token).to.not.equal(first.access_token);
    });

    it('issues a refresh token for online_access too', async () => {
      const tokens = await patientLogin('launch/patient patient/*.rs online_access');
      expect(tokens.refresh_token).to.be.a('string');
      expect(tokens.scope).to.equal('launch/patient patient/*.rs online_access');
    });
  });

  describe('EHR launch (confidential client)', () => {
    const scope = 'launch openid fhirUser patient/*.rs';

    it('resolves a launch id from POST /launch to patient and encounter context', async () => {
      const response = await fetch(`${server.url}/launch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ patient: 'member-0002', encounter: 'enc-17' }),
      });
      expect(response.status).to.equal(201);
      const { launch, expires_in } = (await response.json()) as Record<string, unknown>;
      expect(expires_in).to.equal(600);

      const tokens = await ehrLaunch({
        issuer: server.url,
        ...PROVIDER_APP,
        practitionerId: 'practitioner-0001',
        launch: String(launch),
        scope,
      });
      expect(tokens).to.include({ patient: 'member-0002', encounter: 'enc-17', scope });
      expect(decodeJwt(tokens.access_token)).to.include({
        patient: 'member-0002',
        encounter: 'enc-17',
        fhirUser: 'Practitioner/practitioner-0001',
        sub: 'demo-practitioner-1',
      });
      expect(decodeJwt(tokens.id_token ?? '')).to.include({
        fhirUser: 'Practitioner/practitioner-0001',
      });
    });

    it('carries fhirContext from createLaunch', async () => {
      const fhirContext = [{ reference: 'Coverage/cov-1' }];
      const launch = server.createLaunch({ patient: 'member-0001', fhirContext });
      const tokens = await ehrLaunch({
        issuer: server.url,
        ...PROVIDER_APP,
        practitionerId: 'practitioner-0001',
        launch,
        scope,
      });
      expect(tokens.fhirContext).to.deep.equal(fhirContext);
      expect(tokens.encounter).to.equal(undefined);
    });

    it('refuses an unknown launch id', async () => {
      const err = await rejection(
        ehrLaunch({
          issuer: server.url,
          ...PROVIDER_APP,
          practitionerId: 'practitioner-0001',
          launch: 'no-such-launch',
          scope,
        }),
      );
      expect(err).to.include({ error: 'invalid_request' });
    });

    it('uses a launch id once', async () => {
      const launch = server.createLaunch({ patient: 'member-0001' });
      const options = {
        issuer: server.url,
        ...PROVIDER_APP,
        practitionerId: 'practitioner-0001',
        launch,
        scope,
      };
      await ehrLaunch(options);
      expect(await rejection(ehrLaunch(options))).to.include({ error: 'invalid_request' });
    });
  });

  describe('standalone launch as a practitioner', () => {
    it('lets the practitioner pick the patient for launch/patient', async () => {
      const tokens = await loginAsPractitioner({
        issuer: server.url,
        ...PROVIDER_APP,
        practitionerId: 'practitioner-0001',
        patientId: 'member-0002',
        scope: 'openid fhirUser launch/patient patient/*.rs',
      });
      expect(tokens.patient).to.equal('member-0002');
      expect(decodeJwt(tokens.access_token)).to.include({
        fhirUser: 'Practitioner/practitioner-0001',
        patient: 'member-0002',
      });
    });

    it('gives no patient context without launch/patient', async () => {
      const tokens = await loginAsPractitioner({
        issuer: server.url,
        ...PROVIDER_APP,
        practitionerId: 'practitioner-0001',
        scope: 'openid fhirUser user/*.rs',
        secretPost: false,
      });
      expect(tokens.patient).to.equal(undefined);
      expect(tokens.scope).to.equal('openid fhirUser user/*.rs');
    });
  });

  describe('logging', () => {
    it('logs issued tokens and refusals without member, patient or user ids', () => {
      const count = (message: string) => logs.filter((entry) => entry.message === message).length;
      expect(count('token issued')).to.be.greaterThan(0);
      expect(count('oauth request refused')).to.be.greaterThan(0);
      expect(JSON.stringify(logs)).to.not.match(/member-|practitioner-|Patient\/|enc-17/);
    });
  });
});

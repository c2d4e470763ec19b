/**
 * SMART App Launch end to end: the bundled authorization server issues real tokens through
 * real flows (authorize, login, consent, code, token; Backend Services assertions), and the
 * gateway, configured only with the issuer URL, discovers it and enforces them.
 */
import { expect } from 'chai';
import {
  startAuthServer,
  demoClients,
  demoBackendPrivateJwk,
  DEMO_CONFIDENTIAL_SECRET,
} from '../../mock-backends/auth-server/index.js';
import {
  backendServicesToken,
  ehrLaunch,
  loginAsPatient,
  refreshAccessToken,
} from '../../mock-backends/auth-server/client.js';
import type { RunningAuthServer } from '../../mock-backends/auth-server/index.js';
import {
  startMembershipBackend,
  type RunningMembershipBackend,
} from '../../mock-backends/membership/index.js';
import { parseConfig } from '../../gateway/config/load.js';
import { silentLogger } from '../../gateway/logging/logger.js';
import { startGateway, type RunningGateway } from '../../gateway/server.js';

const FHIR_BASE = 'http://localhost:8080/fhir/r4';
const ME = 'MBR00000001';
const SOMEONE_ELSE = 'MBR00000002';

describe('SMART flows against the bundled authorization server (end to end)', function () {
  this.timeout(60_000);
  let auth: RunningAuthServer;
  let membership: RunningMembershipBackend;
  let gateway: RunningGateway;

  before(async () => {
    membership = await startMembershipBackend({ members: 20, seed: 7 });
    auth = await startAuthServer(
      {
        issuer: 'http://localhost:4100',
        port: 0,
        audience: FHIR_BASE,
        clients: demoClients(),
        users: [
          { id: 'me', displayName: 'Member One', fhirUser: `Patient/${ME}` },
          { id: 'doc', displayName: 'Dr Demo', fhirUser: 'Practitioner/doc-1' },
        ],
      },
      { logger: silentLogger() },
    );
    const config = parseConfig({
      server: { port: 0, host: '127.0.0.1', publicUrl: 'http://localhost:8080' },
      store: { sqlitePath: ':memory:' },
      auth: { issuer: auth.url },
      logging: { level: 'silent' },
      demo: { enabled: false },
      plugins: [
        {
          name: 'membership',
          module: './plugins/membership/index.ts',
          options: { baseUrl: membership.url },
        },
      ],
    });
    gateway = await startGateway(config, silentLogger());
  });
  after(async () => {
    await gateway.close();
    await auth.close();
    await membership.close();
  });

  const get = (path: string, token: string) =>
    fetch(`${gateway.url}/fhir/r4/${path}`, { headers: { authorization: `Bearer ${token}` } });

  const patientLogin = (scope = 'openid fhirUser launch/patient offline_access patient/*.rs') =>
    loginAsPatient({
      issuer: auth.url,
      clientId: 'demo-patient-app',
      redirectUri: 'http://localhost:4200/callback',
      scope,
      aud: FHIR_BASE,
      patientId: ME,
    });

  it('standalone patient launch with PKCE gives a token for that member only', async () => {
    const tokens = await patientLogin();
    expect(tokens.patient).to.equal(ME);
    const mine = await get(`Patient/${ME}`, tokens.access_token);
    expect(mine.status).to.equal(200);
    expect(((await mine.json()) as { id: string }).id).to.equal(ME);
    expect((await get(`Patient/${SOMEONE_ELSE}`, tokens.access_token)).status).to.equal(403);
    const coverage = (await (await get('Coverage', tokens.access_token)).json()) as {
      entry: Array<{
        resource: { beneficiary: { reference: string }; subscriber?: { reference: string } };
      }>;
    };
    expect(coverage.entry.length).to.be.greaterThan(0);
    for (const { resource } of coverage.entry) {
      const parties = [resource.beneficiary.reference, resource.subscriber?.reference];
      expect(parties, 'beneficiary or subscriber').to.include(`Patient/${ME}`);
    }
  });

  it('a refreshed token keeps the patient context and still works', async () => {
    const first = await patientLogin();
    expect(first.refresh_token).to.be.a('string');
    const refreshed = await refreshAccessToken({
      issuer: auth.url,
      clientId: 'demo-patient-app',
      refreshToken: first.refresh_token as string,
    });
    expect(refreshed.patient).to.equal(ME);
    expect((await get(`Patient/${ME}`, refreshed.access_token)).status).to.equal(200);
  });

  it('EHR launch resolves the launch to patient context for a practitioner', async () => {
    const launch = auth.createLaunch({ patient: SOMEONE_ELSE, encounter: 'enc-1' });
    const tokens = await ehrLaunch({
      issuer: auth.url,
      clientId: 'demo-confidential-app',
      clientSecret: DEMO_CONFIDENTIAL_SECRET,
      redirectUri: 'http://localhost:4201/callback',
      scope: 'launch openid fhirUser patient/*.rs',
      aud: FHIR_BASE,
      practitionerId: 'doc-1',
      launch,
    });
    expect(tokens).to.include({ patient: SOMEONE_ELSE, encounter: 'enc-1' });
    expect((await get(`Patient/${SOMEONE_ELSE}`, tokens.access_token)).status).to.equal(200);
    expect((await get(`Patient/${ME}`, tokens.access_token)).status).to.equal(403);
  });

  for (const alg of ['RS384', 'ES384'] as const) {
    it(`backend services with ${alg} reach the whole population with system/ scopes`, async () => {
      const tokens = await backendServicesToken({
        issuer: auth.url,
        clientId: 'demo-backend',
        privateKey: demoBackendPrivateJwk(alg),
        alg,
        scope: 'system/Patient.rs system/Coverage.rs',
      });
      const res = await get('Patient?_count=5', tokens.access_token);
      expect(res.status).to.equal(200);
      expect(((await res.json()) as { total: number }).total).to.equal(20);
      expect((await get('Organization', tokens.access_token)).status).to.equal(403);
    });
  }

  it('a scope the token lacks gets 403 from the gateway', async () => {
    const tokens = await patientLogin('openid fhirUser launch/patient patient/Coverage.rs');
    const res = await get(`Patient/${ME}`, tokens.access_token);
    expect(res.status).to.equal(403);
  });
});

import { expect } from 'chai';
import request from 'supertest';
import { fakePlugin } from '../../test/support/fake-plugin.js';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';

describe('SMART on FHIR resource server', () => {
  let gw: TestGateway;

  beforeEach(async () => {
    gw = await buildTestGateway([fakePlugin()]);
  });
  afterEach(() => gw.close());

  describe('discovery (SMART App Launch 2.2 §8.1)', () => {
    it('serves smart-configuration with the required fields and absolute URLs', async () => {
      const res = await request(gw.app)
        .get(`${gw.base}/.well-known/smart-configuration`)
        .expect(200);
      const doc = res.body as Record<string, unknown>;
      for (const field of [
        'issuer',
        'jwks_uri',
        'authorization_endpoint',
        'token_endpoint',
        'grant_types_supported',
        'capabilities',
        'code_challenge_methods_supported',
        'token_endpoint_auth_methods_supported',
        'scopes_supported',
        'response_types_supported',
        'introspection_endpoint',
        'revocation_endpoint',
      ]) {
        expect(doc, field).to.have.property(field);
      }
      expect(doc.code_challenge_methods_supported).to.deep.equal(['S256']);
      for (const key of Object.keys(doc).filter(
        (k) => k.endsWith('_endpoint') || k === 'jwks_uri',
      )) {
        expect(new URL(doc[key] as string).protocol, key).to.match(/^https?:$/);
      }
    });

    it('declares SMART security in the CapabilityStatement', async () => {
      const res = await request(gw.app).get(`${gw.base}/metadata`).expect(200);
      const security = res.body.rest[0].security;
      expect(security.service[0].coding[0]).to.deep.equal({
        system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
        code: 'SMART-on-FHIR',
      });
      const uris = security.extension[0];
      expect(uris.url).to.equal(
        'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
      );
      expect(uris.extension.map((e: { url: string }) => e.url)).to.deep.equal([
        'authorize',
        'token',
        'introspect',
        'revoke',
      ]);
    });

    it('answers CORS preflights for browser apps', async () => {
      const res = await request(gw.app)
        .options(`${gw.base}/Patient/p1`)
        .set('Origin', 'http://app.example')
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'authorization')
        .expect(204);
      expect(res.headers['access-control-allow-origin']).to.equal('http://app.example');
      expect(res.headers['access-control-allow-headers']).to.contain('Authorization');
    });
  });

  describe('key rotation', () => {
    it('accepts tokens signed with a rotated key by refetching the JWKS', async () => {
      await request(gw.app)
        .get(`${gw.base}/Patient/p1`)
        .auth(await gw.patientToken('p1'), { type: 'bearer' })
        .expect(200);
      await gw.issuer.rotate();
      await request(gw.app)
        .get(`${gw.base}/Patient/p1`)
        .auth(await gw.patientToken('p1'), { type: 'bearer' })
        .expect(200);
    });
  });

  describe('opaque tokens (RFC 7662 introspection)', () => {
    it('accepts an active opaque token and caches the answer', async () => {
      const token = gw.issuer.opaque({
        patient: 'p1',
        scope: 'patient/*.rs',
        client_id: 'opaque-app',
      });
      await request(gw.app)
        .get(`${gw.base}/Patient/p1`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      await request(gw.app)
        .get(`${gw.base}/Patient/p1`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(gw.issuer.introspections).to.equal(1);
    });

    it('refuses an inactive one with invalid_token', async () => {
      const res = await request(gw.app)
        .get(`${gw.base}/Patient/p1`)
        .auth('unknownopaquetoken', { type: 'bearer' })
        .expect(401);
      expect(res.headers['www-authenticate']).to.equal(
        'Bearer realm="fhir", error="invalid_token", error_description="token is not active"',
      );
    });
  });
});

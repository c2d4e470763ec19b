import { expect } from 'chai';
import request from 'supertest';
import { fakePlugin, type FakePlugin } from '../../test/support/fake-plugin.js';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';

describe('Authorization seam', () => {
  let gw: TestGateway;
  let plugin: FakePlugin;

  beforeEach(async () => {
    plugin = fakePlugin();
    gw = await buildTestGateway([plugin]);
  });
  afterEach(() => gw.close());

  const read = (token?: string) => {
    const req = request(gw.app).get(`${gw.base}/Patient/p1`);
    return token === undefined ? req : req.set('Authorization', `Bearer ${token}`);
  };

  describe('bearer tokens (RFC 6750)', () => {
    it('answers 401 with a Bearer challenge when no token is sent, before any backend call', async () => {
      const res = await read().expect(401);
      expect(res.headers['www-authenticate']).to.equal('Bearer realm="fhir"');
      expect(res.body.issue[0]).to.deep.equal({
        severity: 'error',
        code: 'login',
        diagnostics: 'This endpoint requires a bearer access token',
      });
      expect(plugin.calls).to.deep.equal([]);
    });

    const broken: Array<[string, (gw: TestGateway) => Promise<string> | string, string]> = [
      [
        'expired',
        (g) => g.issuer.mint({ patient: 'p1', scope: 'patient/*.rs' }, { expiresIn: -120 }),
        'token expired',
      ],
      [
        'for another audience',
        (g) => g.issuer.mint({ scope: 'system/*.rs' }, { audience: 'https://other.example/fhir' }),
        'claim "aud" is not acceptable',
      ],
      [
        'from another issuer',
        (g) => g.issuer.mint({ scope: 'system/*.rs' }, { issuer: 'https://evil.example' }),
        'claim "iss" is not acceptable',
      ],
      [
        'not yet valid',
        (g) => g.issuer.mint({ scope: 'system/*.rs' }, { notBefore: 600 }),
        'claim "nbf" is not acceptable',
      ],
      [
        'unsigned (alg none)',
        (g) => g.issuer.unsigned({ scope: 'system/*.rs' }),
        'signing algorithm not allowed',
      ],
      [
        'HS256 signed with the public key',
        (g) => g.issuer.hmacWithPublicKey({ scope: 'system/*.rs' }),
        'signing algorithm not allowed',
      ],
    ];
    for (const [label, make, reason] of broken) {
      it(`refuses a token ${label} with 401 invalid_token`, async () => {
        const res = await read(await make(gw)).expect(401);
        expect(res.headers['www-authenticate']).to.equal(
          `Bearer realm="fhir", error="invalid_token", error_description="${reason}"`,
        );
        expect(res.body.issue[0].diagnostics).to.equal(`The access token is not valid: ${reason}`);
        expect(plugin.calls).to.deep.equal([]);
      });
    }

    it('refuses a tampered token', async () => {
      const token = await gw.patientToken('p2');
      const [header, , signature] = token.split('.');
      const forged = Buffer.from(JSON.stringify({ patient: 'p1', scope: 'patient/*.rs' })).toString(
        'base64url',
      );
      const res = await read(`${header}.${forged}.${signature}`).expect(401);
      expect(res.headers['www-authenticate']).to.contain('error="invalid_token"');
    });

    it('refuses a malformed Authorization header with invalid_request', async () => {
      const res = await request(gw.app)
        .get(`${gw.base}/Patient/p1`)
        .set('Authorization', 'Basic abc')
        .expect(401);
      expect(res.headers['www-authenticate']).to.equal(
        'Bearer realm="fhir", error="invalid_request"',
      );
    });
  });

  describe('scopes (SMART App Launch 2.2)', () => {
    it('answers 403 naming the missing scope', async () => {
      const token = await gw.patientToken('p1', { scope: 'patient/Coverage.rs' });
      const res = await read(token).expect(403);
      expect(res.body.issue[0]).to.deep.equal({
        severity: 'error',
        code: 'forbidden',
        diagnostics:
          "The token's scopes do not allow read on Patient: requires patient/Patient.r (or a wider scope)",
      });
    });

    it('accepts v1 syntax (patient/Patient.read)', async () => {
      await read(await gw.patientToken('p1', { scope: 'patient/Patient.read' })).expect(200);
    });

    it('confines a granular v2 scope to resources matching its query', async () => {
      const token = await gw.systemToken('system/Coverage.rs?beneficiary=Patient/p1');
      const res = await request(gw.app)
        .get(`${gw.base}/Coverage`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(res.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).to.deep.equal([
        'c1',
      ]);
      expect(plugin.calls[0]?.constraints).to.deep.equal({
        scopeFilters: [[{ name: 'beneficiary', values: ['Patient/p1'] }]],
      });
      await request(gw.app)
        .get(`${gw.base}/Coverage/c2`)
        .auth(token, { type: 'bearer' })
        .expect(403);
    });

    it('fails closed on a granular scope naming an unknown parameter', async () => {
      const token = await gw.systemToken('system/Coverage.rs?category=laboratory');
      const res = await request(gw.app)
        .get(`${gw.base}/Coverage`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(res.body.entry).to.deep.equal([]);
    });

    it('lets an unrestricted grant lift a granular one', async () => {
      const token = await gw.systemToken(
        'system/Coverage.rs?beneficiary=Patient/p1 system/Coverage.rs',
      );
      const res = await request(gw.app)
        .get(`${gw.base}/Coverage`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(res.body.total).to.equal(2);
    });

    it('does not let a read-only scope create', async () => {
      const res = await request(gw.app)
        .post(`${gw.base}/Patient`)
        .auth(await gw.systemToken('system/*.rs'), { type: 'bearer' })
        .set('Content-Type', 'application/fhir+json')
        .send({ resourceType: 'Patient' })
        .expect(403);
      expect(res.body.issue[0].diagnostics).to.contain('requires system/Patient.c');
    });
  });

  describe('user/ tokens before attribution', () => {
    it('confine a practitioner to the EHR launch patient', async () => {
      const token = await gw.issuer.mint({
        scope: 'user/*.rs',
        fhirUser: 'Practitioner/d1',
        patient: 'p2',
      });
      await request(gw.app)
        .get(`${gw.base}/Patient/p2`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      await request(gw.app)
        .get(`${gw.base}/Patient/p1`)
        .auth(token, { type: 'bearer' })
        .expect(403);
    });

    it('refuse patient data without a launch patient, but serve non-patient data', async () => {
      const token = await gw.issuer.mint({ scope: 'user/*.rs', fhirUser: 'Practitioner/d1' });
      const res = await request(gw.app)
        .get(`${gw.base}/Coverage`)
        .auth(token, { type: 'bearer' })
        .expect(403);
      expect(res.body.issue[0].diagnostics).to.equal(
        'A user/ token reaches Coverage data only for the patient in its launch context ' +
          '(attribution-based provider access is not configured)',
      );
      await request(gw.app)
        .get(`${gw.base}/Organization/payer`)
        .auth(token, { type: 'bearer' })
        .expect(200);
    });
  });

  describe('patient compartment', () => {
    it('resolves a chained parameter only inside the compartment', async () => {
      const token = await gw.patientToken('p1');
      const ids = async (query: string) => {
        const res = await request(gw.app)
          .get(`${gw.base}/Coverage?${query}`)
          .auth(token, { type: 'bearer' })
          .expect(200);
        return (res.body.entry ?? []).map((e: { resource: { id: string } }) => e.resource.id);
      };
      expect(await ids('beneficiary.family=Alpha')).to.deep.equal(['c1']);
      expect(await ids('beneficiary.family=Beta')).to.deep.equal([]);
    });

    it("refuses another patient's record by read", async () => {
      const res = await request(gw.app)
        .get(`${gw.base}/Patient/p2`)
        .auth(await gw.patientToken('p1'), { type: 'bearer' })
        .expect(403);
      expect(res.body.issue[0].diagnostics).to.contain("outside the token's patient compartment");
    });

    it('passes the compartment to the plugin as a constraint', async () => {
      await read(await gw.patientToken('p1')).expect(200);
      expect(plugin.calls[0]?.constraints).to.deep.equal({ patientIds: ['p1'] });
    });

    it('drops what a plugin returns outside the compartment (search and _id lists)', async () => {
      const token = await gw.patientToken('p1');
      const res = await request(gw.app)
        .get(`${gw.base}/Coverage?_id=c1,c2`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(res.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).to.deep.equal([
        'c1',
      ]);
      expect(res.body.total).to.equal(undefined);
    });

    it('refuses a read of a resource in another compartment', async () => {
      await request(gw.app)
        .get(`${gw.base}/Coverage/c2`)
        .auth(await gw.patientToken('p1'), { type: 'bearer' })
        .expect(403);
    });

    it('leaves other patients out of _include and _revinclude', async () => {
      const token = await gw.patientToken('p1');
      const inc = await request(gw.app)
        .get(`${gw.base}/Coverage?_include=Coverage:beneficiary`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      const ids = inc.body.entry.map(
        (e: { resource: { resourceType: string; id: string } }) =>
          `${e.resource.resourceType}/${e.resource.id}`,
      );
      expect(ids).to.deep.equal(['Coverage/c1', 'Patient/p1']);

      const rev = await request(gw.app)
        .get(`${gw.base}/Patient?_revinclude=Coverage:beneficiary`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      const revIds = rev.body.entry.map((e: { resource: { id: string } }) => e.resource.id);
      expect(revIds).to.deep.equal(['p1', 'c1']);
    });
  });
});

import { expect } from 'chai';
import request from 'supertest';
import { GatewayTimeoutError, ServiceUnavailableError } from '../../plugins/sdk/errors.js';
import { fakePlugin, type FakePlugin } from '../../test/support/fake-plugin.js';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';

describe('FHIR REST (R4 §3.1.0)', () => {
  let gw: TestGateway;
  let plugin: FakePlugin;
  let token: string;

  beforeEach(async () => {
    plugin = fakePlugin();
    gw = await buildTestGateway([plugin]);
    token = await gw.systemToken();
  });
  afterEach(() => gw.close());

  describe('capabilities', () => {
    it('serves a CapabilityStatement without a token, generated from the plugins', async () => {
      const res = await request(gw.app).get(`${gw.base}/metadata`).expect(200);
      expect(res.type).to.equal('application/fhir+json');
      expect(res.body.resourceType).to.equal('CapabilityStatement');
      expect(res.body.fhirVersion).to.equal('4.0.1');
      const types = res.body.rest[0].resource.map((r: { type: string }) => r.type);
      expect(types).to.deep.equal(['Coverage', 'Location', 'Organization', 'Patient']);
      const patient = res.body.rest[0].resource.find((r: { type: string }) => r.type === 'Patient');
      expect(patient.supportedProfile).to.deep.equal([
        'http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient',
      ]);
      expect(patient.searchParam.map((p: { name: string }) => p.name)).to.deep.equal([
        '_id',
        'family',
      ]);
    });
  });

  describe('read', () => {
    it('returns the resource with its ETag', async () => {
      const res = await request(gw.app)
        .get(`${gw.base}/Patient/p1`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(res.body).to.include({ resourceType: 'Patient', id: 'p1' });
    });

    it('answers 404 with an OperationOutcome carrying the request id', async () => {
      const res = await request(gw.app)
        .get(`${gw.base}/Patient/nope`)
        .set('X-Request-Id', 'req-123')
        .auth(token, { type: 'bearer' })
        .expect(404);
      expect(res.headers['x-request-id']).to.equal('req-123');
      expect(res.body).to.deep.equal({
        resourceType: 'OperationOutcome',
        id: 'req-123',
        issue: [
          { severity: 'error', code: 'not-found', diagnostics: 'Patient/nope was not found' },
        ],
      });
    });

    it('rejects an invalid id with 400', async () => {
      const res = await request(gw.app)
        .get(`${gw.base}/Patient/${'x'.repeat(65)}`)
        .auth(token, { type: 'bearer' })
        .expect(400);
      expect(res.body.issue[0].code).to.equal('invalid');
    });

    it('answers 404 not-supported for a type no plugin serves', async () => {
      const res = await request(gw.app)
        .get(`${gw.base}/Observation/1`)
        .auth(token, { type: 'bearer' })
        .expect(404);
      expect(res.body.issue[0]).to.include({
        code: 'not-supported',
        diagnostics: 'Resource type "Observation" is not supported by this server',
      });
    });

    it('answers 405 for an interaction the owner does not serve', async () => {
      const writer = await gw.systemToken('system/*.cruds');
      const res = await request(gw.app)
        .put(`${gw.base}/Patient/p1`)
        .auth(writer, { type: 'bearer' })
        .set('Content-Type', 'application/fhir+json')
        .send({ resourceType: 'Patient', id: 'p1' })
        .expect(405);
      expect(res.body.issue[0].diagnostics).to.equal(
        'The update interaction is not supported for Patient',
      );
    });
  });

  describe('search (R4 §3.1.1)', () => {
    it('pages a searchset Bundle with total and self/next links', async () => {
      const first = await request(gw.app)
        .get(`${gw.base}/Coverage?_count=1`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(first.body).to.include({ resourceType: 'Bundle', type: 'searchset', total: 2 });
      expect(first.body.entry).to.have.length(1);
      const next = first.body.link.find((l: { relation: string }) => l.relation === 'next')
        .url as string;
      expect(next.startsWith('http://localhost:8080/fhir/r4/Coverage?')).to.equal(true);

      const second = await request(gw.app)
        .get(new URL(next).pathname + new URL(next).search)
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(second.body.entry[0].resource.id).to.not.equal(first.body.entry[0].resource.id);
      expect(second.body.link.map((l: { relation: string }) => l.relation)).to.deep.equal(['self']);
    });

    it('bounds _count by the configured maximum', async () => {
      await request(gw.app)
        .get(`${gw.base}/Coverage?_count=100000`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(plugin.calls).to.have.length(1);
    });

    it('ignores unknown parameters by default and drops them from the self link', async () => {
      const res = await request(gw.app)
        .get(`${gw.base}/Patient?bogus=1&family=Alpha`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(res.body.total).to.equal(1);
      expect(res.body.link[0].url).to.equal('http://localhost:8080/fhir/r4/Patient?family=Alpha');
    });

    it('leaves an unsupported _include out of the self link when lenient', async () => {
      const res = await request(gw.app)
        .get(`${gw.base}/Coverage?_include=Coverage:nothing&_include=Coverage:payor`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(res.body.link[0].url).to.equal(
        'http://localhost:8080/fhir/r4/Coverage?_include=Coverage%3Apayor',
      );
    });

    it('rejects unknown parameters under Prefer: handling=strict', async () => {
      const res = await request(gw.app)
        .get(`${gw.base}/Patient?bogus=1`)
        .set('Prefer', 'handling=strict')
        .auth(token, { type: 'bearer' })
        .expect(400);
      expect(res.body.issue[0]).to.include({
        code: 'not-supported',
        diagnostics: 'Unknown search parameter "bogus" for Patient',
      });
    });

    it('rejects an unsupported modifier even when lenient', async () => {
      const res = await request(gw.app)
        .get(`${gw.base}/Patient?family:contains=Al`)
        .auth(token, { type: 'bearer' })
        .expect(400);
      expect(res.body.issue[0].diagnostics).to.equal(
        'Modifier ":contains" is not supported on search parameter "family" of Patient',
      );
    });

    it('rejects a malformed _count', async () => {
      const res = await request(gw.app)
        .get(`${gw.base}/Patient?_count=ten`)
        .auth(token, { type: 'bearer' })
        .expect(400);
      expect(res.body.issue[0].diagnostics).to.equal(
        '_count must be a non-negative whole number, got "ten"',
      );
    });

    it('supports POST _search with a form body', async () => {
      const res = await request(gw.app)
        .post(`${gw.base}/Patient/_search`)
        .type('form')
        .send({ family: 'Beta' })
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(res.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).to.deep.equal([
        'p2',
      ]);
    });

    it('adds _include and _revinclude resources with search mode include', async () => {
      const inc = await request(gw.app)
        .get(`${gw.base}/Coverage?_id=c1&_include=Coverage:payor`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(
        inc.body.entry.map((e: { search: { mode: string }; resource: { id: string } }) => [
          e.search.mode,
          e.resource.id,
        ]),
      ).to.deep.equal([
        ['match', 'c1'],
        ['include', 'payer'],
      ]);

      for (const wildcard of ['*', 'Coverage:*']) {
        const all = await request(gw.app)
          .get(`${gw.base}/Coverage?_id=c1&_include=${wildcard}`)
          .auth(token, { type: 'bearer' })
          .expect(200);
        const included = all.body.entry
          .filter((e: { search: { mode: string } }) => e.search.mode === 'include')
          .map((e: { resource: { resourceType: string; id: string } }) => e.resource.id);
        expect(included, wildcard).to.have.members(['p1', 'payer']);
      }

      const rev = await request(gw.app)
        .get(`${gw.base}/Patient?_id=p2&_revinclude=Coverage:beneficiary`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(rev.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).to.deep.equal([
        'p2',
        'c2',
      ]);
    });
  });

  describe('content negotiation (R4 §3.1.0.1.10)', () => {
    it('answers 406 to an XML Accept header', async () => {
      const res = await request(gw.app)
        .get(`${gw.base}/metadata`)
        .set('Accept', 'application/fhir+xml')
        .expect(406);
      expect(res.body.issue[0].code).to.equal('not-supported');
    });

    it('answers 406 to _format=xml and accepts _format=json', async () => {
      await request(gw.app).get(`${gw.base}/metadata?_format=xml`).expect(406);
      await request(gw.app).get(`${gw.base}/metadata?_format=json`).expect(200);
    });

    it('answers 415 to a body that is not JSON', async () => {
      const writer = await gw.systemToken('system/*.cruds');
      const res = await request(gw.app)
        .post(`${gw.base}/Patient`)
        .auth(writer, { type: 'bearer' })
        .set('Content-Type', 'application/fhir+xml')
        .send('<Patient/>')
        .expect(415);
      expect(res.body.issue[0].diagnostics).to.equal(
        'Content-Type "application/fhir+xml" is not supported; send application/fhir+json',
      );
    });

    it('answers 400 to malformed JSON and 413 to an oversized body', async () => {
      const writer = await gw.systemToken('system/*.cruds');
      const bad = await request(gw.app)
        .post(`${gw.base}/Patient`)
        .auth(writer, { type: 'bearer' })
        .set('Content-Type', 'application/fhir+json')
        .send('{"resourceType": ')
        .expect(400);
      expect(bad.body.issue[0].diagnostics).to.match(/^The request body is not valid JSON/);
      const big = await request(gw.app)
        .post(`${gw.base}/Patient`)
        .auth(writer, { type: 'bearer' })
        .set('Content-Type', 'application/fhir+json')
        .send(JSON.stringify({ resourceType: 'Patient', text: 'x'.repeat(70 * 1024) }))
        .expect(413);
      expect(big.body.issue[0].code).to.equal('too-costly');
    });
  });

  describe('routing', () => {
    it('answers unknown routes with a 404 OperationOutcome', async () => {
      const res = await request(gw.app).get('/nowhere').expect(404);
      expect(res.body.issue[0].diagnostics).to.equal('No endpoint serves GET /nowhere');
    });
  });

  describe('backend failures', () => {
    it('maps an unavailable backend to 503 and a slow one to 504', async () => {
      plugin.failWith = new ServiceUnavailableError('The backend system is unavailable');
      const down = await request(gw.app)
        .get(`${gw.base}/Patient/p1`)
        .auth(token, { type: 'bearer' })
        .expect(503);
      expect(down.body.issue[0]).to.include({ code: 'transient' });
      plugin.failWith = new GatewayTimeoutError('The backend system did not answer in time');
      await request(gw.app)
        .get(`${gw.base}/Patient/p1`)
        .auth(token, { type: 'bearer' })
        .expect(504);
    });

    it('hides an unexpected error behind a 500 OperationOutcome with the request id', async () => {
      plugin.failWith = new Error('secret internal detail');
      const res = await request(gw.app)
        .get(`${gw.base}/Patient/p1`)
        .auth(token, { type: 'bearer' })
        .expect(500);
      expect(res.body.id).to.equal(res.headers['x-request-id']);
      expect(JSON.stringify(res.body)).to.not.include('secret');
    });
  });
});

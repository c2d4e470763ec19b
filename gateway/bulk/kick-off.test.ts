/**
 * Bulk Data 2.0 "Bulk Data Kick-off Request", through the real app with real tokens: the
 * three endpoints by GET and POST, the Accept / Prefer checks, parameter validation with and
 * without `Prefer: handling=lenient`, scope checks per type, and the per-client job limit.
 */
import { expect } from 'chai';
import request from 'supertest';
import {
  startBulkHarness,
  waitForManifest,
  download,
  pathOf,
  type BulkHarness,
} from './testing/harness.js';
import { samplePlugin } from './testing/sample-plugin.js';

describe('Bulk Data kick-off ($export)', () => {
  let h: BulkHarness;
  let token: string;
  beforeEach(async () => {
    h = await startBulkHarness({
      plugins: [samplePlugin({ size: 10 })],
      settings: { groups: [{ id: 'g1', name: 'Group one', patients: ['pt-1', 'pt-2'] }] },
    });
    token = await h.gw.systemToken();
  });
  afterEach(async () => h.close());

  const get = (path: string, bearer = token) =>
    request(h.gw.app)
      .get(`${h.gw.base}${path}`)
      .auth(bearer, { type: 'bearer' })
      .set('Accept', 'application/fhir+json')
      .set('Prefer', 'respond-async');
  const post = (path: string, parameter: unknown[], prefer = 'respond-async') =>
    request(h.gw.app)
      .post(`${h.gw.base}${path}`)
      .auth(token, { type: 'bearer' })
      .set('Accept', 'application/fhir+json')
      .set('Prefer', prefer)
      .set('Content-Type', 'application/fhir+json')
      .send({ resourceType: 'Parameters', parameter });

  describe('endpoints', () => {
    for (const path of ['/$export', '/Patient/$export', '/Group/g1/$export']) {
      it(`GET ${path} answers 202 with an absolute Content-Location and an OperationOutcome`, async () => {
        const res = await get(path).expect(202);
        expect(res.headers['content-location']).to.match(
          /^http:\/\/localhost:8080\/fhir\/r4\/bulk\/status\/[0-9a-f-]{36}$/,
        );
        expect(res.body.resourceType).to.equal('OperationOutcome');
        expect(res.body.issue[0].severity).to.equal('information');
      });
    }

    it('POST with a Parameters body kicks off the same way; the manifest request omits the parameters', async () => {
      const res = await post('/Patient/$export', [
        { name: '_type', valueString: 'Patient' },
      ]).expect(202);
      const manifest = await waitForManifest(
        h,
        pathOf(res.headers['content-location'] as string),
        token,
      );
      expect(manifest.request).to.equal('http://localhost:8080/fhir/r4/Patient/$export');
      expect(manifest.output.map((item) => item.type)).to.deep.equal(['Patient']);
    });

    it('GET keeps its query in the manifest request', async () => {
      const res = await get('/$export?_type=Coverage&_outputFormat=ndjson').expect(202);
      const manifest = await waitForManifest(
        h,
        pathOf(res.headers['content-location'] as string),
        token,
      );
      expect(manifest.request).to.equal(
        'http://localhost:8080/fhir/r4/$export?_type=Coverage&_outputFormat=ndjson',
      );
    });

    it('answers 404 for a Group that is not configured', async () => {
      const res = await get('/Group/nope/$export').expect(404);
      expect(res.body.issue[0].diagnostics).to.equal('Group/nope is not known to this server');
    });
  });

  describe('headers', () => {
    it('requires Prefer: respond-async (400 OperationOutcome)', async () => {
      const res = await request(h.gw.app)
        .get(`${h.gw.base}/$export`)
        .auth(token, { type: 'bearer' })
        .set('Accept', 'application/fhir+json')
        .expect(400);
      expect(res.body.issue[0]).to.include({
        severity: 'error',
        code: 'invalid',
        diagnostics: 'Bulk export is asynchronous: send the header "Prefer: respond-async"',
      });
    });

    it('refuses an Accept other than application/fhir+json', async () => {
      const res = await get('/$export').set('Accept', 'application/json').expect(400);
      expect(res.body.issue[0].expression).to.deep.equal(['Accept']);
    });

    it('needs a valid bearer token (401)', async () => {
      await request(h.gw.app)
        .get(`${h.gw.base}/$export`)
        .set('Prefer', 'respond-async')
        .expect(401);
      await get('/$export', 'not-a-token').expect(401);
    });
  });

  describe('parameters', () => {
    it('accepts the three _outputFormat spellings and refuses others', async () => {
      for (const format of ['application/fhir+ndjson', 'application/ndjson', 'ndjson']) {
        await get(`/$export?_type=Organization&_outputFormat=${encodeURIComponent(format)}`).expect(
          202,
        );
        await h.bulk.engine.stop();
        await h.store.db.execute('DELETE FROM bulk_jobs');
        h.bulk.engine.start();
      }
      const res = await get('/$export?_outputFormat=text/csv').expect(400);
      expect(res.body.issue[0]).to.include({ code: 'not-supported' });
      expect(res.body.issue[0].expression).to.deep.equal(['_outputFormat']);
    });

    it('refuses an _since that is not a FHIR instant, even when lenient', async () => {
      const res = await get('/$export?_since=2026-01-01')
        .set('Prefer', 'respond-async, handling=lenient')
        .expect(400);
      expect(res.body.issue[0].expression).to.deep.equal(['_since']);
    });

    it('refuses unknown parameters and types with 400 unless handling=lenient', async () => {
      const unknown = await get('/$export?_until=2026-01-01T00:00:00Z').expect(400);
      expect(unknown.body.issue[0].diagnostics).to.equal(
        'Kick-off parameter _until is not supported',
      );
      const badType = await get('/$export?_type=Observation').expect(400);
      expect(badType.body.issue[0].diagnostics).to.equal(
        'Resource type Observation cannot be exported by this server',
      );
      await get('/$export?includeAssociatedData=LatestProvenanceResources').expect(400);
      await get('/$export?_elements=name.family').expect(400);
      await get('/$export?_typeFilter=Patient%3Fbirthdate%3Dge1970-01-01').expect(400);
    });

    it('with handling=lenient skips them and explains each in the error file', async () => {
      const res = await get('/$export?_until=2026-01-01T00:00:00Z&_type=Observation,Organization')
        .set('Prefer', 'respond-async; handling=lenient')
        .expect(202);
      const manifest = await waitForManifest(
        h,
        pathOf(res.headers['content-location'] as string),
        token,
      );
      expect(manifest.output.map((item) => item.type)).to.deep.equal(['Organization']);
      expect(manifest.error).to.have.length(1);
      expect(manifest.error[0]).to.include({ type: 'OperationOutcome', count: 2 });
      const outcomes = await download(h, manifest.error[0]!.url, token);
      expect(
        outcomes.map((o) => (o as { issue: Array<{ diagnostics: string }> }).issue[0]!.diagnostics),
      ).to.deep.equal([
        'Kick-off parameter _until is not supported; ignored (lenient handling)',
        'Resource type Observation cannot be exported by this server; ignored (lenient handling)',
      ]);
    });

    it('accepts patient only in POST at Patient or Group level', async () => {
      await get('/Patient/$export?patient=Patient/pt-1').expect(400);
      const system = await post('/$export', [
        { name: 'patient', valueReference: { reference: 'Patient/pt-1' } },
      ]).expect(400);
      expect(system.body.issue[0].diagnostics).to.equal(
        'The patient parameter does not apply to system-level export',
      );
    });

    it('refuses a patient outside the group, or unknown to the server', async () => {
      const outside = await post('/Group/g1/$export', [
        { name: 'patient', valueReference: { reference: 'Patient/pt-3' } },
      ]).expect(400);
      expect(outside.body.issue[0].diagnostics).to.equal(
        'Patient/pt-3 is not a member of Group/g1',
      );
      const unknown = await post('/Patient/$export', [
        { name: 'patient', valueReference: { reference: 'Patient/pt-99' } },
      ]).expect(400);
      expect(unknown.body.issue[0].diagnostics).to.equal(
        'Patient/pt-99 is not known to this server',
      );
    });

    it('refuses a POST body that is not Parameters', async () => {
      await request(h.gw.app)
        .post(`${h.gw.base}/$export`)
        .auth(token, { type: 'bearer' })
        .set('Prefer', 'respond-async')
        .set('Content-Type', 'application/fhir+json')
        .send({ resourceType: 'Patient' })
        .expect(400);
    });
  });

  describe('authorization', () => {
    it('refuses a named type the token has no scope for (403), or skips it when lenient', async () => {
      const narrow = await h.gw.systemToken('system/Patient.rs');
      const refused = await get('/$export?_type=Patient,Coverage', narrow).expect(403);
      expect(refused.body.issue[0]).to.include({ code: 'forbidden' });
      expect(refused.body.issue[0].diagnostics).to.contain('requires system/Coverage.r');

      const res = await get('/$export?_type=Patient,Coverage', narrow)
        .set('Prefer', 'respond-async, handling=lenient')
        .expect(202);
      const manifest = await waitForManifest(
        h,
        pathOf(res.headers['content-location'] as string),
        narrow,
      );
      expect([...new Set(manifest.output.map((item) => item.type))]).to.deep.equal(['Patient']);
      const outcomes = await download(h, manifest.error[0]!.url, narrow);
      expect(JSON.stringify(outcomes[0])).to.contain('requires system/Coverage.r');
    });

    it('without _type exports only the types the token allows', async () => {
      const narrow = await h.gw.systemToken('system/Coverage.rs');
      const res = await get('/$export', narrow).expect(202);
      const manifest = await waitForManifest(
        h,
        pathOf(res.headers['content-location'] as string),
        narrow,
      );
      expect([...new Set(manifest.output.map((item) => item.type))]).to.deep.equal(['Coverage']);
    });

    it('refuses a token that can read none of the exported types', async () => {
      const none = await h.gw.systemToken('system/Location.rs');
      const res = await get('/$export', none).expect(403);
      expect(res.body.issue[0].diagnostics).to.equal(
        "The token's scopes allow reading none of the resource types this server exports",
      );
    });
  });

  describe('429 (per-client concurrent job limit)', () => {
    it('answers 429 with Retry-After over the limit; other clients are not affected', async () => {
      await h.bulk.engine.stop();
      await get('/$export').expect(202);
      await get('/$export').expect(202);
      const res = await get('/$export').expect(429);
      expect(res.headers['retry-after']).to.equal('1');
      expect(res.body.issue[0]).to.include({ code: 'throttled' });
      const other = await h.gw.issuer.mint({ scope: 'system/*.rs', client_id: 'other-client' });
      await get('/$export', other).expect(202);
    });
  });
});

import { expect } from 'chai';
import request from 'supertest';
import { createStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { fakePlugin } from '../../test/support/fake-plugin.js';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';
import { createStorePlugin } from './store-plugin.js';

describe('Gateway-owned resources (store plugin) and the audit trail', () => {
  let store: Store;
  let gw: TestGateway;

  beforeEach(async () => {
    store = await createStore({ sqlitePath: ':memory:' });
    gw = await buildTestGateway([fakePlugin(), createStorePlugin(store, ['Consent'])], store);
  });
  afterEach(async () => {
    await gw.close();
    await store.close();
  });

  const consent = (patient: string, status = 'active') => ({
    resourceType: 'Consent',
    status,
    scope: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' },
      ],
    },
    category: [{ coding: [{ system: 'http://loinc.org', code: '64292-6' }] }],
    patient: { reference: `Patient/${patient}` },
  });

  it('creates, reads, updates with If-Match, vreads and lists history (R4 §3.1.0)', async () => {
    const token = await gw.patientToken('p1', { scope: 'patient/*.cruds' });
    const created = await request(gw.app)
      .post(`${gw.base}/Consent`)
      .auth(token, { type: 'bearer' })
      .set('Content-Type', 'application/fhir+json')
      .send(consent('p1'))
      .expect(201);
    const id = created.body.id as string;
    expect(created.headers.location).to.equal(
      `http://localhost:8080/fhir/r4/Consent/${id}/_history/1`,
    );
    expect(created.headers.etag).to.equal('W/"1"');

    const updated = await request(gw.app)
      .put(`${gw.base}/Consent/${id}`)
      .auth(token, { type: 'bearer' })
      .set('Content-Type', 'application/fhir+json')
      .set('If-Match', 'W/"1"')
      .send({ ...consent('p1', 'inactive'), id })
      .expect(200);
    expect(updated.body.meta.versionId).to.equal('2');

    const stale = await request(gw.app)
      .put(`${gw.base}/Consent/${id}`)
      .auth(token, { type: 'bearer' })
      .set('Content-Type', 'application/fhir+json')
      .set('If-Match', 'W/"1"')
      .send({ ...consent('p1'), id })
      .expect(412);
    expect(stale.body.issue[0].code).to.equal('conflict');

    const v1 = await request(gw.app)
      .get(`${gw.base}/Consent/${id}/_history/1`)
      .auth(token, { type: 'bearer' })
      .expect(200);
    expect(v1.body.status).to.equal('active');
    const history = await request(gw.app)
      .get(`${gw.base}/Consent/${id}/_history`)
      .auth(token, { type: 'bearer' })
      .expect(200);
    expect(
      history.body.entry.map(
        (e: { resource: { meta: { versionId: string } } }) => e.resource.meta.versionId,
      ),
    ).to.deep.equal(['2', '1']);
  });

  it("refuses a patient writing into another patient's compartment", async () => {
    const token = await gw.patientToken('p1', { scope: 'patient/*.cruds' });
    await request(gw.app)
      .post(`${gw.base}/Consent`)
      .auth(token, { type: 'bearer' })
      .set('Content-Type', 'application/fhir+json')
      .send(consent('p2'))
      .expect(403);
  });

  it('rejects a body of another type and an id mismatch', async () => {
    const token = await gw.systemToken('system/*.cruds');
    const wrongType = await request(gw.app)
      .post(`${gw.base}/Consent`)
      .auth(token, { type: 'bearer' })
      .set('Content-Type', 'application/fhir+json')
      .send({ resourceType: 'Patient' })
      .expect(400);
    expect(wrongType.body.issue[0].diagnostics).to.equal(
      'The body\'s resourceType "Patient" does not match the URL type "Consent"',
    );
    await request(gw.app)
      .put(`${gw.base}/Consent/abc`)
      .auth(token, { type: 'bearer' })
      .set('Content-Type', 'application/fhir+json')
      .send({ ...consent('p1'), id: 'xyz' })
      .expect(400);
  });

  it('searches by patient, and a patient token sees only its own', async () => {
    const system = await gw.systemToken('system/*.cruds');
    for (const patient of ['p1', 'p2', 'p2']) {
      await request(gw.app)
        .post(`${gw.base}/Consent`)
        .auth(system, { type: 'bearer' })
        .set('Content-Type', 'application/fhir+json')
        .send(consent(patient))
        .expect(201);
    }
    const byPatient = await request(gw.app)
      .get(`${gw.base}/Consent?patient=p2`)
      .auth(system, { type: 'bearer' })
      .expect(200);
    expect(byPatient.body.total).to.equal(2);
    const own = await request(gw.app)
      .get(`${gw.base}/Consent`)
      .auth(await gw.patientToken('p1'), { type: 'bearer' })
      .expect(200);
    expect(
      own.body.entry.map(
        (e: { resource: { patient: { reference: string } } }) => e.resource.patient.reference,
      ),
    ).to.deep.equal(['Patient/p1']);
  });

  it('audits each disclosure with client, user, patient, interaction, types and count', async () => {
    const token = await gw.patientToken('p1', { client_id: 'member-app' });
    await request(gw.app).get(`${gw.base}/Patient/p1`).auth(token, { type: 'bearer' }).expect(200);
    await request(gw.app).get(`${gw.base}/Coverage`).auth(token, { type: 'bearer' }).expect(200);
    await request(gw.app)
      .get(`${gw.base}/Organization/payer`)
      .auth(token, { type: 'bearer' })
      .expect(200);

    const events = await store.audit.query({ patientId: 'p1' });
    const summary = events.map((e) => [
      e.interaction,
      e.resourceTypes,
      e.count,
      e.clientId,
      e.user,
      e.purpose,
    ]);
    expect(summary).to.deep.equal([
      ['search-type', ['Coverage'], 1, 'member-app', 'Patient/p1', 'patient'],
      ['read', ['Patient'], 1, 'member-app', 'Patient/p1', 'patient'],
    ]);
    expect(await store.audit.query({ clientId: 'member-app' })).to.have.length(2);
    expect(
      await store.audit.query({
        clientId: 'member-app',
        from: new Date(Date.now() + 60_000).toISOString(),
      }),
    ).to.have.length(0);
  });
});

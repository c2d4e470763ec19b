import { expect } from 'chai';
import request from 'supertest';
import { fakePlugin, type FakePlugin } from '../../test/support/fake-plugin.js';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';

describe('Extended operations (R4 §3.1.0.11)', () => {
  let gw: TestGateway;
  let plugin: FakePlugin;

  beforeEach(async () => {
    plugin = fakePlugin();
    gw = await buildTestGateway([plugin]);
  });
  afterEach(() => gw.close());

  it('lists declared operations in the CapabilityStatement', async () => {
    const res = await request(gw.app).get(`${gw.base}/metadata`).expect(200);
    const patient = res.body.rest[0].resource.find((r: { type: string }) => r.type === 'Patient');
    expect(patient.operation).to.deep.equal([
      { name: 'leaky-everything', definition: 'urn:test:leaky-everything' },
    ]);
    expect(res.body.rest[0].operation).to.deep.equal([
      { name: 'touch', definition: 'urn:test:touch' },
    ]);
  });

  it('requires a token and a scope on the declared type', async () => {
    await request(gw.app)
      .post(`${gw.base}/$touch`)
      .send({ resourceType: 'Parameters' })
      .expect(401);
    const res = await request(gw.app)
      .post(`${gw.base}/$touch`)
      .auth(await gw.systemToken('system/Patient.cruds'), { type: 'bearer' })
      .send({ resourceType: 'Parameters' })
      .expect(403);
    expect(res.body.issue[0].diagnostics).to.contain('requires system/Coverage.c');
    expect(plugin.calls).to.deep.equal([]);
  });

  it('invokes a state-changing operation by POST only', async () => {
    const token = await gw.systemToken('system/Coverage.cruds');
    const res = await request(gw.app)
      .post(`${gw.base}/$touch`)
      .auth(token, { type: 'bearer' })
      .send({ resourceType: 'Parameters', parameter: [{ name: 'x', valueString: 'y' }] })
      .expect(200);
    expect(res.body.parameter).to.deep.equal([{ name: 'x', valueString: 'y' }]);
    const get = await request(gw.app)
      .get(`${gw.base}/$touch`)
      .auth(token, { type: 'bearer' })
      .expect(405);
    expect(get.body.issue[0].diagnostics).to.equal(
      'Operation $touch changes state and must be invoked with POST',
    );
  });

  it("removes other patients' data from what an operation returns", async () => {
    const res = await request(gw.app)
      .get(`${gw.base}/Patient/p1/$leaky-everything`)
      .auth(await gw.patientToken('p1'), { type: 'bearer' })
      .expect(200);
    const ids = res.body.entry.map(
      (e: { resource: { resourceType: string; id: string } }) =>
        `${e.resource.resourceType}/${e.resource.id}`,
    );
    expect(ids).to.deep.equal([
      'Patient/p1',
      'Coverage/c1',
      'Organization/payer',
      'Location/clinic',
    ]);
    expect(res.body.total).to.equal(4);
  });

  it('answers 404 for an operation nobody declared', async () => {
    const res = await request(gw.app)
      .get(`${gw.base}/Patient/$nothing`)
      .auth(await gw.systemToken(), { type: 'bearer' })
      .expect(404);
    expect(res.body.issue[0].diagnostics).to.equal(
      'Operation $nothing is not supported on Patient',
    );
  });
});

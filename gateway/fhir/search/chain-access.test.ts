import type { Patient, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import { fakePlugin, type FakePlugin } from '../../../test/support/fake-plugin.js';
import { buildTestGateway, type TestGateway } from '../../../test/support/gateway.js';
import { MAX_CHAIN_MATCHES } from './chain.js';

interface Entry {
  resource: Resource;
  search?: { mode: string };
}

const idsOf = (body: { entry?: Entry[] }, mode = 'match') =>
  (body.entry ?? []).filter((e) => e.search?.mode === mode).map((e) => e.resource.id);

/** Many patients of one family, to push an inner search past the match limit. */
function crowd(count: number): Patient[] {
  return Array.from({ length: count }, (_, i) => ({
    resourceType: 'Patient',
    id: `many-${i}`,
    name: [{ family: 'Many' }],
  }));
}

/** Chains through patient data: the caller's authorization applies to every inner search. */
describe('chained parameters: authorization of inner searches', () => {
  let plugin: FakePlugin;
  let gw: TestGateway;
  let p1: string;
  before(async () => {
    plugin = fakePlugin(crowd(MAX_CHAIN_MATCHES + 1));
    gw = await buildTestGateway([plugin]);
    p1 = await gw.patientToken('p1');
  });
  after(() => gw.close());
  beforeEach(() => plugin.calls.splice(0));

  const get = (path: string, token?: string) => {
    const req = request(gw.app).get(`${gw.base}/${path}`);
    return token ? req.auth(token, { type: 'bearer' }) : req;
  };

  it("finds the patient's own coverage through its beneficiary's name", async () => {
    const res = await get('Coverage?beneficiary.family=Alpha', p1).expect(200);
    expect(idsOf(res.body)).to.deep.equal(['c1']);
    expect(res.body.link[0].url).to.equal(
      'http://localhost:8080/fhir/r4/Coverage?beneficiary.family=Alpha',
    );
  });

  it("cannot learn another patient's data through a chain", async () => {
    const res = await get('Coverage?beneficiary.family=Beta', p1).expect(200);
    expect(res.body.total).to.equal(0);
    expect(res.body.entry).to.deep.equal([]);
    const inner = plugin.calls.find((call) => call.method === 'search');
    expect(inner?.constraints.patientIds).to.deep.equal(['p1']);
  });

  it("cannot learn another patient's data through _has", async () => {
    const other = await get('Patient?_has:Coverage:beneficiary:_id=c2', p1).expect(200);
    expect(other.body.total).to.equal(0);
    const own = await get('Patient?_has:Coverage:beneficiary:_id=c1,c2', p1).expect(200);
    expect(idsOf(own.body)).to.deep.equal(['p1']);
  });

  it('lets a system token chain across patients', async () => {
    const token = await gw.systemToken();
    const res = await get('Coverage?beneficiary.family=Alpha,Beta', token).expect(200);
    expect(idsOf(res.body).sort()).to.deep.equal(['c1', 'c2']);
  });

  it('refuses an inner search past the match limit instead of truncating it', async () => {
    const token = await gw.systemToken();
    const res = await get('Coverage?beneficiary.family=Many', token).expect(400);
    expect(res.body.issue[0].diagnostics).to.equal(
      `Chained parameter "beneficiary.family" matches more than ${MAX_CHAIN_MATCHES} Patient ` +
        'resources; narrow it',
    );
    expect(res.body.issue[0].expression).to.deep.equal(['beneficiary.family']);
  });

  it('requires the scope of the chained type', async () => {
    const token = await gw.patientToken('p1', { scope: 'launch/patient patient/Coverage.rs' });
    await get('Coverage?beneficiary.family=Alpha', token).expect(403);
  });

  it('ignores a chain into a type that cannot be searched, or 400 when strict', async () => {
    const lenient = await get('Coverage?payor.name=Test', p1).expect(200);
    expect(idsOf(lenient.body)).to.deep.equal(['c1']);
    expect(lenient.body.link[0].url).to.equal('http://localhost:8080/fhir/r4/Coverage');
    const [warning] = (lenient.body.entry as Entry[]).filter((e) => e.search?.mode === 'outcome');
    expect(warning?.resource).to.deep.include({ resourceType: 'OperationOutcome' });
    const strict = await get('Coverage?payor.name=Test', p1)
      .set('Prefer', 'handling=strict')
      .expect(400);
    expect(strict.body.issue[0].diagnostics).to.equal(
      'Unknown chained parameter "payor.name": Organization cannot be searched',
    );
  });
});

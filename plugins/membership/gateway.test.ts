/**
 * The membership plugin behind the real gateway: a subscriber's token sees the Coverages of
 * the family it subscribes for (R4 Patient compartment of Coverage: beneficiary, subscriber,
 * policy holder, payor), and nothing of another family.
 */
import type { Bundle, Coverage } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import {
  startMembershipBackend,
  type RunningMembershipBackend,
} from '../../mock-backends/membership/index.js';
import { generateMembers } from '../../mock-backends/synthetic/index.js';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';
import { testPluginContext } from '../sdk/testing.js';
import createMembershipPlugin from './index.js';

const population = [...generateMembers({ count: 40, seed: 6 })];

describe('membership plugin behind the gateway: Coverage in the Patient compartment', function () {
  this.timeout(60_000);
  let backend: RunningMembershipBackend;
  let gw: TestGateway;
  const parent = population.find((m) =>
    population.some((d) => d.subscriberMemberId === m.memberId && d !== m),
  );
  const family = population.filter((m) => m.subscriberMemberId === parent?.memberId);
  const stranger = population.find((m) => m.subscriberMemberId !== parent?.memberId);

  before(async () => {
    backend = await startMembershipBackend({ members: 40, seed: 6 });
    const plugin = await createMembershipPlugin({ baseUrl: backend.url }, testPluginContext());
    gw = await buildTestGateway([plugin]);
  });
  after(async () => {
    await gw.close();
    await backend.close();
  });

  it("a subscriber's token finds and reads the family's Coverages, no one else's", async () => {
    const token = await gw.patientToken(parent?.memberId ?? '');
    const res = await request(gw.app)
      .get(`${gw.base}/Coverage`)
      .auth(token, { type: 'bearer' })
      .expect(200);
    const coverages = ((res.body as Bundle).entry ?? []).map((e) => e.resource as Coverage);
    const beneficiaries = new Set(coverages.map((c) => c.beneficiary.reference));
    expect([...beneficiaries].sort()).to.deep.equal(
      family.map((m) => `Patient/${m.memberId}`).sort(),
    );
    expect(family.length).to.be.greaterThan(1);
    const child = family.find((m) => m.memberId !== parent?.memberId)?.memberId;
    await request(gw.app)
      .get(`${gw.base}/Coverage/${child}-1`)
      .auth(token, { type: 'bearer' })
      .expect(200);
    const other = await request(gw.app)
      .get(`${gw.base}/Coverage/${stranger?.memberId}-1`)
      .auth(token, { type: 'bearer' });
    expect(other.status).to.be.oneOf([403, 404]);
  });

  it("a dependent's token still sees only its own Coverages", async () => {
    const child = family.find((m) => m.memberId !== parent?.memberId)?.memberId ?? '';
    const token = await gw.patientToken(child);
    const res = await request(gw.app)
      .get(`${gw.base}/Coverage`)
      .auth(token, { type: 'bearer' })
      .expect(200);
    const coverages = ((res.body as Bundle).entry ?? []).map((e) => e.resource as Coverage);
    expect(coverages.length).to.be.greaterThan(0);
    for (const c of coverages) expect(c.beneficiary.reference).to.equal(`Patient/${child}`);
  });
});

import type { Bundle, ExplanationOfBenefit, Patient } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import {
  startClaimsBackend,
  type RunningClaimsBackend,
} from '../../../mock-backends/claims/index.js';
import {
  startMembershipBackend,
  type RunningMembershipBackend,
} from '../../../mock-backends/membership/index.js';
import createClaimsPlugin from '../../../plugins/claims/index.js';
import { allClaims } from '../../../plugins/claims/test-support.js';
import createMembershipPlugin from '../../../plugins/membership/index.js';
import { testPluginContext } from '../../../plugins/sdk/testing.js';
import { buildTestGateway, type TestGateway } from '../../../test/support/gateway.js';

const eobsOf = (body: Bundle) =>
  (body.entry ?? [])
    .filter((e) => e.search?.mode === 'match')
    .map((e) => e.resource as ExplanationOfBenefit);

/**
 * `ExplanationOfBenefit?patient.family=` across two real plugins (claims and membership): a
 * member's token only ever matches that member's EOBs, whatever name it asks for.
 */
describe('chained parameters: EOB by patient name with a member token', function () {
  this.timeout(60_000);
  let claims: RunningClaimsBackend;
  let membership: RunningMembershipBackend;
  let gw: TestGateway;
  let members: string[];
  before(async () => {
    claims = await startClaimsBackend({ members: 12, seed: 3 });
    membership = await startMembershipBackend({ members: 12, seed: 3 });
    const people = await createMembershipPlugin({ baseUrl: membership.url }, testPluginContext());
    const plugin = await createClaimsPlugin({ baseUrl: claims.url }, testPluginContext());
    gw = await buildTestGateway([people, plugin]);
    members = [...new Set((await allClaims(claims.url)).map((c) => c.MBR_ID))];
  });
  after(async () => {
    await gw.close();
    await claims.close();
    await membership.close();
  });

  async function familyOf(member: string): Promise<string> {
    const token = await gw.patientToken(member);
    const res = await request(gw.app)
      .get(`${gw.base}/Patient/${member}`)
      .auth(token, { type: 'bearer' })
      .expect(200);
    return (res.body as Patient).name?.[0]?.family ?? '';
  }

  async function eobs(member: string, family: string): Promise<ExplanationOfBenefit[]> {
    const token = await gw.patientToken(member);
    const res = await request(gw.app)
      .get(`${gw.base}/ExplanationOfBenefit`)
      .query({ 'patient.family': family, _count: 100 })
      .auth(token, { type: 'bearer' })
      .expect(200);
    return eobsOf(res.body as Bundle);
  }

  it("finds the member's own EOBs by the member's own name", async () => {
    const [member = ''] = members;
    const found = await eobs(member, await familyOf(member));
    expect(found.length).to.be.greaterThan(0);
    for (const eob of found) expect(eob.patient.reference).to.equal(`Patient/${member}`);
  });

  it("never matches another member's EOBs through that member's name", async () => {
    const [member = ''] = members;
    const ownFamily = (await familyOf(member)).toLowerCase();
    let otherFamily = '';
    for (const other of members.slice(1)) {
      otherFamily = await familyOf(other);
      if (!ownFamily.startsWith(otherFamily.toLowerCase())) break;
    }
    expect(ownFamily.startsWith(otherFamily.toLowerCase()), 'a member of another family').to.equal(
      false,
    );
    expect(await eobs(member, otherFamily)).to.deep.equal([]);
  });

  it('gives a system token the same EOBs as the two-step search', async () => {
    const other = members[1] ?? '';
    const family = await familyOf(other);
    const token = await gw.systemToken('system/ExplanationOfBenefit.rs system/Patient.rs');
    const get = async (query: Record<string, string | number>) =>
      eobsOf(
        (
          await request(gw.app)
            .get(`${gw.base}/ExplanationOfBenefit`)
            .query({ ...query, _count: 100 })
            .auth(token, { type: 'bearer' })
            .expect(200)
        ).body as Bundle,
      );
    const patients = await request(gw.app)
      .get(`${gw.base}/Patient`)
      .query({ family, _count: 100 })
      .auth(token, { type: 'bearer' })
      .expect(200);
    const refs = ((patients.body as Bundle).entry ?? []).map((e) => `Patient/${e.resource?.id}`);
    const chained = await get({ 'patient.family': family });
    const twoStep = await get({ patient: refs.join(',') });
    expect(chained.length).to.be.greaterThan(0);
    expect(chained.map((e) => e.id).sort()).to.deep.equal(twoStep.map((e) => e.id).sort());
  });
});

/**
 * The plugin behind the real gateway with the membership plugin: a member's token sees only
 * that member's EOBs, and `_include` brings the Patient, the Coverage and the payer
 * Organization from the membership plugin (the references use its id scheme).
 */
import type { Bundle, ExplanationOfBenefit } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import { startClaimsBackend, type RunningClaimsBackend } from '../../mock-backends/claims/index.js';
import {
  startMembershipBackend,
  type RunningMembershipBackend,
} from '../../mock-backends/membership/index.js';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';
import createMembershipPlugin from '../membership/index.js';
import { testPluginContext } from '../sdk/testing.js';
import createClaimsPlugin from './index.js';
import { firstClaimFrom2016, allClaims } from './test-support.js';

describe('claims plugin behind the gateway', function () {
  this.timeout(60_000);
  let claims: RunningClaimsBackend;
  let membership: RunningMembershipBackend;
  let gw: TestGateway;
  let member: string;

  before(async () => {
    claims = await startClaimsBackend({ members: 12, seed: 3 });
    membership = await startMembershipBackend({ members: 12, seed: 3 });
    const members = await createMembershipPlugin({ baseUrl: membership.url }, testPluginContext());
    const plugin = await createClaimsPlugin({ baseUrl: claims.url }, testPluginContext());
    gw = await buildTestGateway([members, plugin]);
    const claimId = await firstClaimFrom2016(claims.url);
    member = (await allClaims(claims.url)).find((c) => c.CLM_ID === claimId)?.MBR_ID ?? '';
  });
  after(async () => {
    await gw.close();
    await claims.close();
    await membership.close();
  });

  it("a member's token sees that member's EOBs only", async () => {
    const token = await gw.patientToken(member);
    const res = await request(gw.app)
      .get(`${gw.base}/ExplanationOfBenefit`)
      .auth(token, { type: 'bearer' })
      .expect(200);
    const eobs = ((res.body as Bundle).entry ?? []).map((e) => e.resource as ExplanationOfBenefit);
    expect(eobs.length).to.be.greaterThan(0);
    for (const eob of eobs) expect(eob.patient.reference).to.equal(`Patient/${member}`);
  });

  it('_include brings the patient, coverage and insurer from the membership plugin', async () => {
    const token = await gw.systemToken(
      'system/ExplanationOfBenefit.rs system/Patient.rs system/Organization.rs system/Coverage.rs',
    );
    const res = await request(gw.app)
      .get(`${gw.base}/ExplanationOfBenefit`)
      .query({
        patient: member,
        _count: 5,
        _include: [
          'ExplanationOfBenefit:patient',
          'ExplanationOfBenefit:insurer',
          'ExplanationOfBenefit:coverage',
        ],
      })
      .auth(token, { type: 'bearer' })
      .expect(200);
    const entries = (res.body as Bundle).entry ?? [];
    const included = entries
      .filter((e) => e.search?.mode === 'include')
      .map((e) => `${e.resource?.resourceType}/${e.resource?.id}`);
    expect(included).to.include.members([`Patient/${member}`, 'Organization/CMHP1']);
    expect(included.some((key) => key.startsWith(`Coverage/${member}-`))).to.equal(true);
  });
});

/**
 * The plugin behind the real gateway with the membership plugin: a member's token sees only
 * that member's prior authorizations, `_include` brings the Patient and the payer
 * Organization from the membership plugin, and the CapabilityStatement lists the parameters.
 */
import type { Bundle, ExplanationOfBenefit } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import {
  startMembershipBackend,
  type RunningMembershipBackend,
} from '../../mock-backends/membership/index.js';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';
import createMembershipPlugin from '../membership/index.js';
import { testPluginContext } from '../sdk/testing.js';
import {
  searchAll,
  startFixture,
  type PriorAuthFixture,
} from '../../test/support/prior-auth-fixture.js';

describe('prior-auth plugin behind the gateway', () => {
  let fixture: PriorAuthFixture;
  let membership: RunningMembershipBackend;
  let gw: TestGateway;
  let member: string;

  before(async () => {
    fixture = await startFixture(120);
    membership = await startMembershipBackend({ members: 120, seed: 11 });
    const members = await createMembershipPlugin({ baseUrl: membership.url }, testPluginContext());
    gw = await buildTestGateway([members, fixture.plugin]);
    const [first] = await searchAll(fixture.plugin);
    member = (first?.patient.reference ?? '').slice('Patient/'.length);
  });
  after(async () => {
    await gw.close();
    await fixture.close();
    await membership.close();
  });

  it("a member's token sees that member's prior authorizations only", async () => {
    const token = await gw.patientToken(member);
    const res = await request(gw.app)
      .get(`${gw.base}/ExplanationOfBenefit`)
      .auth(token, { type: 'bearer' })
      .expect(200);
    const eobs = ((res.body as Bundle).entry ?? []).map((e) => e.resource as ExplanationOfBenefit);
    expect(eobs.length).to.be.greaterThan(0);
    for (const eob of eobs) expect(eob.patient.reference).to.equal(`Patient/${member}`);
  });

  it('_include brings the patient and the insurer from the membership plugin', async () => {
    const token = await gw.systemToken(
      'system/ExplanationOfBenefit.rs system/Patient.rs system/Organization.rs',
    );
    const res = await request(gw.app)
      .get(`${gw.base}/ExplanationOfBenefit`)
      .query({
        patient: member,
        _include: ['ExplanationOfBenefit:patient', 'ExplanationOfBenefit:insurer'],
      })
      .auth(token, { type: 'bearer' })
      .expect(200);
    const entries = (res.body as Bundle).entry ?? [];
    const keys = entries.map((e) => `${e.resource?.resourceType}/${e.resource?.id}`);
    expect(keys).to.include.members([`Patient/${member}`, 'Organization/CMHP1']);
    const included = entries.filter((e) => e.search?.mode === 'include');
    expect(included).to.have.length(2);
  });

  it('the CapabilityStatement lists the profile, parameters and includes', async () => {
    const res = await request(gw.app).get(`${gw.base}/metadata`).expect(200);
    const resources = res.body.rest[0].resource as {
      type: string;
      supportedProfile?: string[];
      searchParam?: { name: string }[];
      searchInclude?: string[];
    }[];
    const eob = resources.find((r) => r.type === 'ExplanationOfBenefit');
    expect(eob?.supportedProfile).to.include(fixture.plugin.capabilities.resources[0]?.profiles[0]);
    const names = (eob?.searchParam ?? []).map((p) => p.name);
    expect(names).to.include.members(['_id', 'patient', '_lastUpdated', 'identifier', 'type']);
    expect(eob?.searchInclude).to.include('ExplanationOfBenefit:provider');
  });
});

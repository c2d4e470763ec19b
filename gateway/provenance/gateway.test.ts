/**
 * The Provenance plugin behind the real gateway, over real plugins on real mock backends
 * (claims, membership, directory) with signed tokens: `_revinclude=Provenance:target` on EOBs
 * and Practitioners, `target`, `patient` and `_id` searches, read, and the access rules (a
 * member never reaches the Provenance of another member's data; anonymous callers get the
 * Provenance of public records only).
 */
import type {
  Bundle,
  CapabilityStatement,
  ExplanationOfBenefit,
  Provenance,
  Resource,
} from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import { startClaimsBackend, type RunningClaimsBackend } from '../../mock-backends/claims/index.js';
import {
  startMembershipBackend,
  type RunningMembershipBackend,
} from '../../mock-backends/membership/index.js';
import createClaimsPlugin from '../../plugins/claims/index.js';
import { allClaims } from '../../plugins/claims/test-support.js';
import {
  startDirectoryFixture,
  type DirectoryFixture,
} from '../../test/support/directory-fixture.js';
import createMembershipPlugin from '../../plugins/membership/index.js';
import { testPluginContext } from '../../plugins/sdk/testing.js';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';
import { compartmentPatients } from '../auth/compartment.js';
import { createProvenancePlugin } from './index.js';
import { expectUsCoreProvenance } from './test-support.js';

function entries(body: unknown, mode?: 'match' | 'include'): Resource[] {
  return ((body as Bundle).entry ?? [])
    .filter((entry) => mode === undefined || entry.search?.mode === mode)
    .map((entry) => entry.resource as Resource);
}

describe('Provenance plugin behind the gateway', function () {
  this.timeout(60_000);
  let claims: RunningClaimsBackend;
  let membership: RunningMembershipBackend;
  let directory: DirectoryFixture;
  let gw: TestGateway;
  let member: string;
  let other: string;

  before(async () => {
    claims = await startClaimsBackend({ members: 12, seed: 3 });
    membership = await startMembershipBackend({ members: 12, seed: 3 });
    directory = await startDirectoryFixture();
    const provenance = createProvenancePlugin({ payerOrganization: 'CMHP1' });
    gw = await buildTestGateway([
      await createMembershipPlugin({ baseUrl: membership.url }, testPluginContext()),
      await createClaimsPlugin({ baseUrl: claims.url }, testPluginContext()),
      directory.plugin,
      provenance,
    ]);
    provenance.bind({ registry: gw.registry, access: gw.access });
    const recent = (await allClaims(claims.url)).filter((c) => c.SVC_THRU_DT >= '20160101');
    member = recent[0]?.MBR_ID ?? '';
    other = recent.find((c) => c.MBR_ID !== member)?.MBR_ID ?? '';
  });
  after(async () => {
    await gw.close();
    await claims.close();
    await membership.close();
    await directory.close();
  });

  function get(path: string, token?: string, query: Record<string, unknown> = {}) {
    const req = request(gw.app).get(`${gw.base}/${path}`).query(query);
    return token ? req.auth(token, { type: 'bearer' }) : req;
  }

  it('EOB search with _revinclude=Provenance:target: one Provenance per EOB, mode include', async () => {
    const token = await gw.patientToken(member);
    const res = await get('ExplanationOfBenefit', token, {
      patient: member,
      _revinclude: 'Provenance:target',
    }).expect(200);
    const eobs = entries(res.body, 'match');
    const included = entries(res.body, 'include') as Provenance[];
    expect(eobs.length).to.be.greaterThan(0);
    expect(included.length).to.equal(eobs.length);
    for (const eob of eobs) {
      const mine = included.filter((p) =>
        p.target.some((t) => t.reference?.startsWith(`ExplanationOfBenefit/${eob.id}`)),
      );
      expect(mine, `Provenance of EOB ${eob.id}`).to.have.length(1);
      expect(mine[0]?.recorded).to.equal(eob.meta?.lastUpdated);
    }
    for (const provenance of included) {
      expectUsCoreProvenance(provenance);
      expect(provenance.agent[0]?.who.reference).to.match(/^Organization\/npi-\d{10}$/);
      expect(compartmentPatients(provenance)).to.deep.equal([member]);
    }
  });

  it('Patient/X, then Provenance?target=Patient/X', async () => {
    const token = await gw.patientToken(member);
    await get(`Patient/${member}`, token).expect(200);
    const res = await get('Provenance', token, { target: `Patient/${member}` }).expect(200);
    const found = entries(res.body, 'match') as Provenance[];
    expect(found.map((p) => p.id)).to.deep.equal([`prv-Patient-${member}`]);
    expect(found[0]?.target[0]?.reference).to.match(new RegExp(`^Patient/${member}(/|$)`));
    expectUsCoreProvenance(found[0] as Provenance);
  });

  it('reads Provenance/<id> of an EOB', async () => {
    const token = await gw.patientToken(member);
    const search = await get('ExplanationOfBenefit', token, { _count: 1 }).expect(200);
    const eob = entries(search.body, 'match')[0] as Resource;
    const res = await get(`Provenance/prv-ExplanationOfBenefit-${eob.id}`, token).expect(200);
    const provenance = res.body as Provenance;
    expect(provenance.id).to.equal(`prv-ExplanationOfBenefit-${eob.id}`);
    expect(provenance.target[0]?.reference).to.match(
      new RegExp(`^ExplanationOfBenefit/${eob.id}(/_history/.+)?$`),
    );
    expectUsCoreProvenance(provenance);
    await get('Provenance/prv-ExplanationOfBenefit-no-such-claim', token).expect(404);
  });

  it("a member cannot reach the Provenance of another member's data", async () => {
    const theirs = await get('ExplanationOfBenefit', await gw.patientToken(other), {
      _count: 1,
    }).expect(200);
    const eob = entries(theirs.body, 'match')[0] as Resource;
    const token = await gw.patientToken(member);
    const read = await get(`Provenance/prv-ExplanationOfBenefit-${eob.id}`, token);
    expect(read.status).to.be.oneOf([403, 404]);
    await get(`Provenance/prv-Patient-${other}`, token).expect(404);
    const byTarget = await get('Provenance', token, {
      target: `ExplanationOfBenefit/${eob.id},Patient/${other}`,
    }).expect(200);
    expect(entries(byTarget.body)).to.deep.equal([]);
    const byPatient = await get('Provenance', token, { patient: other }).expect(200);
    expect(entries(byPatient.body)).to.deep.equal([]);
  });

  it("a granular scope on the target's type narrows the Provenance derived from it", async () => {
    const scope =
      'launch/patient patient/Provenance.rs patient/ExplanationOfBenefit.rs?type=pharmacy';
    const token = await gw.patientToken(member, { scope });
    const all = await get('ExplanationOfBenefit', await gw.patientToken(member), {
      _count: 200,
    }).expect(200);
    const pharmacy = entries(all.body, 'match')
      .filter((eob) =>
        (eob as ExplanationOfBenefit).type.coding?.some((coding) => coding.code === 'pharmacy'),
      )
      .map((eob) => `prv-ExplanationOfBenefit-${eob.id}`);
    const others = entries(all.body, 'match')
      .map((eob) => `prv-ExplanationOfBenefit-${eob.id}`)
      .filter((id) => !pharmacy.includes(id));
    expect(others.length, 'the member has non-pharmacy claims').to.be.greaterThan(0);
    const res = await get('Provenance', token, { patient: member, _count: 200 }).expect(200);
    const ids = entries(res.body, 'match').map((p) => p.id ?? '');
    expect([...ids].sort()).to.deep.equal([...pharmacy].sort());
    const hidden = await get(`Provenance/${others[0]}`, token);
    expect(hidden.status).to.equal(404);
  });

  it('Provenance?patient=X pages through the Provenance of X only', async () => {
    const token = await gw.patientToken(member);
    let res = await get('Provenance', token, { patient: member, _count: 3 }).expect(200);
    const seen: string[] = [];
    for (let page = 0; page < 4; page++) {
      const found = entries(res.body, 'match') as Provenance[];
      for (const provenance of found) {
        expect(compartmentPatients(provenance)).to.deep.equal([member]);
        seen.push(provenance.id ?? '');
      }
      const next = (res.body as Bundle).link?.find((l) => l.relation === 'next')?.url;
      if (!next) break;
      res = await request(gw.app)
        .get(new URL(next).pathname + new URL(next).search)
        .auth(token, { type: 'bearer' })
        .expect(200);
    }
    expect(seen.length).to.be.greaterThan(3);
    expect(new Set(seen).size).to.equal(seen.length);
    expect(
      seen.some((id) => id.startsWith('prv-Coverage-')),
      seen.join(),
    ).to.equal(true);
  });

  it('anonymous Practitioner search with _revinclude gets Provenance with no patient data', async () => {
    const res = await get('Practitioner', undefined, {
      _count: 5,
      _revinclude: 'Provenance:target',
    }).expect(200);
    const practitioners = entries(res.body, 'match');
    const included = entries(res.body, 'include') as Provenance[];
    expect(practitioners.length).to.be.greaterThan(0);
    expect(included.length).to.equal(practitioners.length);
    for (const provenance of included) {
      expectUsCoreProvenance(provenance);
      expect(compartmentPatients(provenance)).to.deep.equal([]);
      expect(provenance.target[0]?.reference).to.match(/^Practitioner\//);
    }
  });

  it('anonymous callers get no Provenance of patient data', async () => {
    await get(`Provenance/prv-Patient-${member}`).expect(404);
    const res = await get('Provenance', undefined, { target: `Patient/${member}` }).expect(200);
    expect(entries(res.body)).to.deep.equal([]);
    const all = await get('Provenance', undefined, { _count: 50 }).expect(200);
    for (const provenance of entries(all.body) as Provenance[]) {
      expect(compartmentPatients(provenance)).to.deep.equal([]);
    }
  });

  it('a token without a Provenance scope gets the public view: no Provenance of patient data', async () => {
    const token = await gw.patientToken(member, { scope: 'patient/ExplanationOfBenefit.rs' });
    const res = await get('ExplanationOfBenefit', token, {
      _count: 3,
      _revinclude: 'Provenance:target',
    }).expect(200);
    expect(entries(res.body, 'match').length).to.be.greaterThan(0);
    expect(entries(res.body, 'include')).to.deep.equal([]);
  });

  it('a system token reads the Provenance of any member, and every type lists the revinclude', async () => {
    const token = await gw.systemToken();
    const res = await get('Provenance', token, {
      target: `Patient/${member},Patient/${other}`,
    }).expect(200);
    expect(entries(res.body, 'match').map((p) => p.id)).to.have.members([
      `prv-Patient-${member}`,
      `prv-Patient-${other}`,
    ]);
    const metadata = await request(gw.app).get(`${gw.base}/metadata`).expect(200);
    for (const resource of (metadata.body as CapabilityStatement).rest?.[0]?.resource ?? []) {
      if (resource.type === 'Provenance') continue;
      expect(resource.searchRevInclude, resource.type).to.include('Provenance:target');
    }
  });

  it('the CapabilityStatement lists Provenance with its profiles and parameters', async () => {
    const res = await request(gw.app).get(`${gw.base}/metadata`).expect(200);
    const rest = (res.body as CapabilityStatement).rest?.[0]?.resource ?? [];
    const provenance = rest.find((r) => r.type === 'Provenance');
    expect(provenance?.supportedProfile).to.include.members([
      'http://hl7.org/fhir/us/core/StructureDefinition/us-core-provenance',
      'http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/pdex-provenance',
    ]);
    expect(provenance?.searchParam?.map((p) => p.name)).to.include.members([
      '_id',
      'target',
      'patient',
    ]);
  });
});

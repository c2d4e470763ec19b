/**
 * The plugin behind the real gateway, with the membership and directory plugins: a member's
 * token reads and searches that member's clinical data and nothing of another member, and
 * the clinical references to practitioners and facilities resolve in the provider directory
 * (same seed), followed by `_include`.
 */
import type { Bundle, Encounter, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import {
  startClinicalBackend,
  type RunningClinicalBackend,
} from '../../mock-backends/clinical/index.js';
import {
  startDirectoryBackend,
  type RunningDirectoryBackend,
} from '../../mock-backends/directory/index.js';
import {
  startMembershipBackend,
  type RunningMembershipBackend,
} from '../../mock-backends/membership/index.js';
import { clinicalAt } from '../../mock-backends/synthetic/index.js';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';
import createDirectoryPlugin from '../directory/index.js';
import createMembershipPlugin from '../membership/index.js';
import { testPluginContext } from '../sdk/testing.js';
import createClinicalPlugin from './index.js';

const SEED = 7;
const MEMBERS = 6;

describe('clinical plugin behind the gateway', function () {
  this.timeout(90_000);
  let clinical: RunningClinicalBackend;
  let membership: RunningMembershipBackend;
  let directory: RunningDirectoryBackend;
  let gw: TestGateway;
  const [member, other] = ['MBR00000001', 'MBR00000002'];

  before(async () => {
    [clinical, membership, directory] = await Promise.all([
      startClinicalBackend({ members: MEMBERS, seed: SEED }),
      startMembershipBackend({ members: MEMBERS, seed: SEED }),
      startDirectoryBackend({ seed: SEED }),
    ]);
    const ctx = testPluginContext({ timeoutMs: 20_000 });
    gw = await buildTestGateway([
      await createMembershipPlugin({ baseUrl: membership.url }, ctx),
      await createDirectoryPlugin({ baseUrl: directory.url }, ctx),
      await createClinicalPlugin({ baseUrl: clinical.url }, ctx),
    ]);
  });
  after(async () => {
    await gw.close();
    await Promise.all([clinical.close(), membership.close(), directory.close()]);
  });

  const get = async (path: string, token: string, query: Record<string, unknown> = {}) =>
    request(gw.app).get(`${gw.base}/${path}`).query(query).auth(token, { type: 'bearer' });
  const resources = (bundle: Bundle): Resource[] =>
    (bundle.entry ?? []).filter((e) => e.search?.mode !== 'include').map((e) => e.resource!);

  it("a member's token searches and reads that member's clinical data", async () => {
    const token = await gw.patientToken(member);
    for (const type of ['Condition', 'Encounter', 'Observation', 'CareTeam']) {
      const res = await get(type, token, { _count: 50 });
      expect(res.status, type).to.equal(200);
      const found = resources(res.body as Bundle);
      expect(found.length, type).to.be.above(0);
      for (const r of found) expect(JSON.stringify(r)).to.contain(`"Patient/${member}"`);
    }
    const first = clinicalAt(0, SEED).encounters[0]!;
    const read = await get(`Encounter/enc-${first.id}`, token);
    expect(read.status).to.equal(200);
    expect((read.body as Encounter).subject?.reference).to.equal(`Patient/${member}`);
  });

  it("gets nothing of another member's data", async () => {
    const token = await gw.patientToken(member);
    const search = await get('Condition', token, { patient: other });
    if (search.status === 200) expect(resources(search.body as Bundle)).to.deep.equal([]);
    else expect(search.status).to.be.oneOf([403, 404]);
    const theirs = clinicalAt(1, SEED).encounters[0]!;
    const read = await get(`Encounter/enc-${theirs.id}`, token);
    expect(read.status).to.be.oneOf([403, 404]);
  });

  it('resolves performers and facilities in the provider directory via _include', async () => {
    const token = await gw.systemToken(
      'system/Encounter.rs system/Practitioner.rs system/Organization.rs',
    );
    const res = await get('Encounter', token, {
      patient: member,
      _count: 5,
      _include: ['Encounter:practitioner', 'Encounter:service-provider'],
    });
    expect(res.status).to.equal(200);
    const bundle = res.body as Bundle;
    const encounters = resources(bundle) as Encounter[];
    const included = (bundle.entry ?? [])
      .filter((e) => e.search?.mode === 'include')
      .map((e) => `${e.resource?.resourceType}/${e.resource?.id}`);
    for (const encounter of encounters) {
      expect(included).to.include(encounter.participant?.[0]?.individual?.reference);
      expect(included).to.include(encounter.serviceProvider?.reference);
    }
    const practitioner = encounters[0]?.participant?.[0]?.individual?.reference ?? '';
    const read = await get(practitioner, token);
    expect(read.status).to.equal(200);
  });
});

import type { InsurancePlan } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import {
  startFormularyBackend,
  type RunningFormularyBackend,
} from '../../mock-backends/formulary/index.js';
import { fixtures, fixturesAvailable } from '../../test/conformance/fixtures.js';
import { expectValid } from '../../test/support/fhir-validator.js';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';
import { startDirectoryFixture, type DirectoryFixture } from '../directory/test-setup.js';
import { testPluginContext } from '../sdk/testing.js';
import createFormularyPlugin from './index.js';
import { PROFILES } from './usdf.js';

const USDF_FORMULARY = PROFILES.formulary;

interface Entry {
  resource: InsurancePlan;
}

describe('formulary plugin: Formulary InsurancePlan, federated with the directory', () => {
  let backend: RunningFormularyBackend;
  let directory: DirectoryFixture;
  let gw: TestGateway;
  before(async () => {
    backend = await startFormularyBackend();
    directory = await startDirectoryFixture();
    const plugin = await createFormularyPlugin(
      { baseUrl: backend.url },
      testPluginContext({ timeoutMs: 15_000 }),
    );
    gw = await buildTestGateway([directory.plugin, plugin]);
  });
  after(async () => {
    await gw.close();
    await directory.close();
    await backend.close();
  });

  async function search(query: string): Promise<InsurancePlan[]> {
    const res = await request(gw.app).get(`${gw.base}/InsurancePlan?${query}`).expect(200);
    return ((res.body.entry ?? []) as Entry[]).map((e) => e.resource);
  }

  it('formularies: valid R4, usdf-Formulary, identifier, status, type DRUGPOL, name, period', async () => {
    const plans = (await search('type=DRUGPOL&_count=200')).filter((p) => p.id?.startsWith('frm-'));
    expect(plans.length).to.be.greaterThan(0);
    for (const plan of plans) {
      expectValid(plan);
      expect(plan.meta?.profile).to.deep.equal([USDF_FORMULARY]);
      expect(plan.meta?.lastUpdated).to.match(/^\d{4}-/);
      expect(plan.identifier?.[0]?.value).to.equal(plan.id?.slice(4));
      expect(plan.status).to.be.oneOf(['active', 'retired']);
      expect(plan.type?.[0]?.coding?.[0]?.code).to.equal('DRUGPOL');
      expect(plan.name).to.be.a('string');
      expect(plan.period?.start).to.match(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('searches by identifier and status, and reads frm- and plan- ids side by side', async () => {
    const [plan] = (await search('type=DRUGPOL')).filter((p) => p.id?.startsWith('frm-'));
    const id = plan?.identifier?.[0]?.value ?? '';
    const byIdentifier = await search(`identifier=${id}`);
    expect(byIdentifier.map((p) => p.id)).to.include(plan?.id);
    const active = await search('status=active&_count=200');
    expect(active.every((p) => p.status === 'active')).to.equal(true);
    await request(gw.app).get(`${gw.base}/InsurancePlan/${plan?.id}`).expect(200);
    const res = await request(gw.app).get(`${gw.base}/InsurancePlan/plan-CMHP-HMO-100`).expect(200);
    expect(res.body.meta.profile[0]).to.match(/plannet-InsurancePlan$/);
  });

  it('carries the elements of the official Formulary examples', async function () {
    if (!fixturesAvailable()) this.skip();
    const ours = new Set((await search('type=DRUGPOL')).flatMap((p) => Object.keys(p)));
    const examples = fixtures<InsurancePlan>('formulary', /^InsurancePlan-Formulary.*\.json$/);
    expect(examples.length).to.be.greaterThan(0);
    const skip = new Set(['text', 'id', 'meta', 'resourceType', 'language']);
    for (const [name, example] of examples) {
      const missing = Object.keys(example).filter((key) => !skip.has(key) && !ours.has(key));
      expect(missing, name).to.deep.equal([]);
    }
  });
});

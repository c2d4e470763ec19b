import type { Basic } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import {
  startFormularyBackend,
  type RunningFormularyBackend,
} from '../../mock-backends/formulary/index.js';
import { fixtures, fixturesAvailable } from '../../test/conformance/fixtures.js';
import { expectValid } from '../../test/support/fhir-validator.js';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';
import { testPluginContext } from '../sdk/testing.js';
import createFormularyPlugin from './index.js';
import { PROFILES } from './usdf.js';

const USDF_FORMULARY_ITEM = PROFILES.formularyItem;

interface Entry {
  resource: Basic;
  search?: { mode: string };
}

const SD = 'http://hl7.org/fhir/us/davinci-drug-formulary/StructureDefinition/';
const REQUIRED = [
  'usdf-FormularyReference-extension',
  'usdf-AvailabilityStatus-extension',
  'usdf-PharmacyBenefitType-extension',
  'usdf-DrugTierID-extension',
].map((name) => `${SD}${name}`);

const urlsOf = (item: Basic) => (item.extension ?? []).map((e) => e.url);

/**
 * Basic is in the R4 Patient compartment, so the gateway never serves it anonymously even
 * though the plugin declares it public: these searches carry a system token.
 */
describe('formulary plugin: FormularyItem through the gateway', () => {
  let backend: RunningFormularyBackend;
  let gw: TestGateway;
  let items: Basic[] = [];
  let token = '';
  before(async () => {
    backend = await startFormularyBackend();
    const plugin = await createFormularyPlugin(
      { baseUrl: backend.url },
      testPluginContext({ timeoutMs: 15_000 }),
    );
    gw = await buildTestGateway([plugin]);
    token = await gw.systemToken();
    items = (await search('_count=100')).map((e) => e.resource);
  });
  after(async () => {
    await gw.close();
    await backend.close();
  });

  async function search(query: string): Promise<Entry[]> {
    const res = await request(gw.app)
      .get(`${gw.base}/Basic?${query}`)
      .auth(token, { type: 'bearer' })
      .expect(200);
    return (res.body.entry ?? []) as Entry[];
  }

  it('is public: served without a token (CMS-0057-F formulary API)', async () => {
    const res = await request(gw.app).get(`${gw.base}/Basic?_count=1`).expect(200);
    expect(res.body.entry[0].resource.meta.profile).to.deep.equal([USDF_FORMULARY_ITEM]);
  });

  it('items: valid R4, usdf-FormularyItem, required extensions, code and subject', () => {
    expect(items.length).to.be.greaterThan(0);
    for (const item of items) {
      expectValid(item);
      expect(item.meta?.profile).to.deep.equal([USDF_FORMULARY_ITEM]);
      expect(item.meta?.lastUpdated).to.match(/^\d{4}-/);
      for (const url of REQUIRED) expect(urlsOf(item), url).to.include(url);
      expect(item.code.coding?.[0]?.code).to.equal('formulary-item');
      expect(item.subject?.reference).to.match(/^MedicationKnowledge\/rx-\d+$/);
    }
  });

  it('searches by formulary, subject, drug-tier and _id, and includes the drug', async () => {
    const item = items[0] as Basic;
    const formulary = item.extension?.[0]?.valueReference?.reference ?? '';
    const inFormulary = await search(`formulary=${formulary}&_count=50`);
    expect(inFormulary.length).to.be.greaterThan(0);
    for (const e of inFormulary) {
      expect(e.resource.extension?.[0]?.valueReference?.reference).to.equal(formulary);
    }
    const subject = item.subject?.reference ?? '';
    const bySubject = await search(`subject=${subject}&_count=50`);
    expect(bySubject.map((e) => e.resource.id)).to.include(item.id);
    const generic = await search('drug-tier=generic&_count=50');
    for (const e of generic) {
      const tier = e.resource.extension?.find((x) => x.url.endsWith('DrugTierID-extension'));
      expect(tier?.valueCodeableConcept?.coding?.[0]?.code).to.equal('generic');
    }
    const byId = await search(`_id=${item.id}&_include=Basic:subject`);
    expect(byId.map((e) => `${e.resource.resourceType}/${e.resource.id}`)).to.deep.equal([
      `Basic/${item.id}`,
      subject,
    ]);
  });

  it('carries the extensions and elements of the official FormularyItem examples', function () {
    if (!fixturesAvailable()) this.skip();
    const examples = fixtures<Basic>('formulary', /^Basic-FormularyItem-.*\.json$/);
    expect(examples.length).to.be.greaterThan(0);
    const ours = new Set(items.flatMap(urlsOf));
    const keys = new Set(items.flatMap((i) => Object.keys(i)));
    // New-starts-only flags: the legacy system has none. Quantity limit detail and
    // additional coverage notes (QL_QTY/QL_DAYS, PA_NOTE/ST_NOTE) are not mapped.
    const noSource = new Set(
      [
        'usdf-StepTherapyLimitNewStartsOnly-extension',
        'usdf-PriorAuthorizationNewStartsOnly-extension',
        'usdf-QuantityLimitDetail-extension',
        'usdf-AdditionalCoverageInformation-extension',
      ].map((name) => `${SD}${name}`),
    );
    for (const [name, example] of examples) {
      const missing = urlsOf(example).filter((url) => !ours.has(url) && !noSource.has(url));
      expect(missing, name).to.deep.equal([]);
      const skip = new Set(['text', 'id', 'meta', 'resourceType', 'language']);
      expect(
        Object.keys(example).filter((k) => !skip.has(k) && !keys.has(k)),
        name,
      ).to.deep.equal([]);
    }
  });
});

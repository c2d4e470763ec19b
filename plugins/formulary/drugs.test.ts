import type { MedicationKnowledge } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import {
  startFormularyBackend,
  type RunningFormularyBackend,
} from '../../mock-backends/formulary/index.js';
import { expectValid } from '../../test/support/fhir-validator.js';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';
import type { Plugin } from '../sdk/contract.js';
import { testPluginContext, testRequestContext } from '../sdk/testing.js';
import createFormularyPlugin from './index.js';
import { RXNORM, USDF_FORMULARY_DRUG } from './map-drug.js';

interface Entry {
  resource: MedicationKnowledge;
}

describe('formulary plugin: FormularyDrug through the gateway (public, no token)', () => {
  let backend: RunningFormularyBackend;
  let plugin: Plugin;
  let gw: TestGateway;
  const drugs: MedicationKnowledge[] = [];
  before(async () => {
    backend = await startFormularyBackend();
    plugin = await createFormularyPlugin(
      { baseUrl: backend.url },
      testPluginContext({ timeoutMs: 15_000 }),
    );
    gw = await buildTestGateway([plugin]);
    for await (const item of plugin.stream?.(
      { types: ['MedicationKnowledge'] },
      testRequestContext(),
    ) ?? []) {
      drugs.push(item.resource as MedicationKnowledge);
    }
  });
  after(async () => {
    await gw.close();
    await backend.close();
  });

  async function ids(query: string): Promise<string[]> {
    const res = await request(gw.app)
      .get(`${gw.base}/MedicationKnowledge?${query}&_count=200`)
      .expect(200);
    return ((res.body.entry ?? []) as Entry[]).map((e) => e.resource.id ?? '').sort();
  }

  it('every drug: valid R4, usdf-FormularyDrug, lastUpdated, RxNorm code, status', () => {
    expect(drugs.length).to.be.greaterThan(0);
    for (const drug of drugs) {
      expectValid(drug);
      expect(drug.meta?.profile).to.deep.equal([USDF_FORMULARY_DRUG]);
      expect(drug.meta?.lastUpdated).to.match(/^\d{4}-\d{2}-\d{2}T/);
      const coding = drug.code?.coding?.[0];
      expect(coding?.system).to.equal(RXNORM);
      expect(drug.id).to.equal(`rx-${coding?.code}`);
      expect(drug.status).to.equal('active');
    }
  });

  it('searches by code and drug-name, and reads, without a token', async () => {
    const drug = drugs[0] as MedicationKnowledge;
    const code = drug.code?.coding?.[0]?.code ?? '';
    expect(await ids(`code=${RXNORM}|${code}`)).to.deep.equal([drug.id]);
    const word = (drug.code?.coding?.[0]?.display ?? '').split(' ')[0] ?? '';
    const expected = drugs
      .filter((d) =>
        (d.code?.coding?.[0]?.display ?? '').toLowerCase().startsWith(word.toLowerCase()),
      )
      .map((d) => d.id ?? '')
      .sort();
    expect(await ids(`drug-name=${encodeURIComponent(word)}`)).to.deep.equal(expected);
    const res = await request(gw.app).get(`${gw.base}/MedicationKnowledge/${drug.id}`).expect(200);
    expect(res.body.id).to.equal(drug.id);
  });

  it('searches by _id, status, doseform and _lastUpdated', async () => {
    const drug = drugs[0] as MedicationKnowledge;
    expect(await ids(`_id=${drug.id}`)).to.deep.equal([drug.id]);
    expect(await ids(`_id=${drug.id}&status=active`)).to.deep.equal([drug.id]);
    expect(await ids(`_id=${drug.id}&status=inactive`)).to.deep.equal([]);
    const form = drug.doseForm?.text ?? '';
    const sameForm = drugs.filter((d) => d.doseForm?.text === form).map((d) => d.id ?? '');
    expect(await ids(`doseform=${encodeURIComponent(form)}`)).to.deep.equal(sameForm.sort());
    expect(await ids(`doseform:text=${encodeURIComponent(form.toLowerCase())}`)).to.deep.equal(
      sameForm.sort(),
    );
    const updated = drug.meta?.lastUpdated ?? '';
    const total = async (query: string) => {
      const res = await request(gw.app).get(`${gw.base}/MedicationKnowledge?${query}&_count=1`);
      return res.body.total as number;
    };
    expect(await total(`_lastUpdated=ge${updated}`)).to.equal(drugs.length);
    expect(await total(`_lastUpdated=gt${updated}`)).to.equal(0);
    expect(await total(`_lastUpdated=${updated.slice(0, 10)}`)).to.equal(drugs.length);
  });
});

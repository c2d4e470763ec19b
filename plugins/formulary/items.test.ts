import type { Basic } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import {
  FORMULARIES,
  formularyById,
  formularyItems,
  type FormularyItem,
} from '../../mock-backends/synthetic/index.js';
import { expectValid } from '../../test/support/fhir-validator.js';
import {
  extensionOf,
  startFormularyFixture,
  type FormularyFixture,
} from '../../test/support/formulary-fixture.js';
import { PROFILES, SYSTEMS } from './usdf.js';

const FRM = 'F-CMHP-MA-300-2026';
const REQUIRED = [
  'usdf-FormularyReference-extension',
  'usdf-AvailabilityStatus-extension',
  'usdf-PharmacyBenefitType-extension',
  'usdf-DrugTierID-extension',
];

const tierOf = (item: Basic) =>
  extensionOf(item, 'usdf-DrugTierID-extension')?.valueCodeableConcept?.coding?.[0]?.code;
const flag = (item: Basic, name: string) => extensionOf(item, name)?.valueBoolean;

describe('formulary plugin: FormularyItem (Basic), public through the gateway', () => {
  let fx: FormularyFixture;
  let items: Basic[] = [];
  const legacy = formularyItems(formularyById(FRM)!);
  const ids = async (query: string) =>
    (await fx.find<Basic>('Basic', `${query}&_count=100`)).map((i) => i.id).sort();

  before(async () => {
    fx = await startFormularyFixture();
    items = await fx.find<Basic>('Basic', `formulary=InsurancePlan/frm-${FRM}&_count=100`);
  });
  const total = async (query: string) =>
    (await fx.search('Basic', `formulary=frm-${FRM}&${query}&_count=1`)).total;
  after(() => fx.close());

  it('is served without a token and holds no patient data', async () => {
    expect(items).to.have.length(Math.min(100, legacy.length));
    await request(fx.gw.app).get(`${fx.gw.base}/Patient?_count=1`).expect(401);
    for (const item of items) expect(JSON.stringify(item)).to.not.match(/"Patient\//);
  });

  it('every item: valid R4, usdf-FormularyItem with every required element', () => {
    for (const item of items) {
      expectValid(item);
      expect(item.meta?.profile).to.deep.equal([PROFILES.formularyItem]);
      expect(item.meta?.lastUpdated).to.match(/^\d{4}-/);
      for (const name of REQUIRED) expect(extensionOf(item, name), name).to.not.equal(undefined);
      const count = (name: string) => (item.extension ?? []).filter((e) => e.url.endsWith(name));
      expect(count('usdf-FormularyReference-extension')).to.have.length(1);
      expect(count('usdf-DrugTierID-extension')).to.have.length(1);
      const status = extensionOf(item, 'usdf-AvailabilityStatus-extension')?.valueCode;
      expect(status).to.be.oneOf(['draft', 'active', 'retired', 'unknown']);
      expect(item.code.coding?.[0]).to.include({
        system: SYSTEMS.insuranceItemType,
        code: 'formulary-item',
      });
      expect(item.subject?.reference).to.match(/^MedicationKnowledge\/rx-\d+$/);
    }
  });

  it('carries PA, step therapy and quantity limits as the legacy item says', () => {
    const byRxcui = new Map(legacy.map((item) => [item.rxcui, item]));
    for (const item of items) {
      const source = byRxcui.get(item.subject?.reference?.split('-').pop() ?? '') as FormularyItem;
      expect(flag(item, 'usdf-PriorAuthorization-extension')).to.equal(source.priorAuth);
      expect(flag(item, 'usdf-StepTherapyLimit-extension')).to.equal(source.stepTherapy);
      expect(flag(item, 'usdf-QuantityLimit-extension')).to.equal(!!source.quantityLimit);
      const newStarts = flag(item, 'usdf-StepTherapyLimitNewStartsOnly-extension');
      expect(newStarts).to.equal(source.stepTherapy ? source.stepTherapyNewStartsOnly : undefined);
      const detail = extensionOf(item, 'usdf-QuantityLimitDetail-extension');
      const rolling = detail?.extension?.find((e) => e.url === 'Rolling')?.valueTiming?.repeat;
      expect(rolling?.count).to.equal(source.quantityLimit?.quantity);
      expect(rolling?.period).to.equal(source.quantityLimit?.days);
      const notes = extensionOf(item, 'usdf-AdditionalCoverageInformation-extension');
      if (source.stepTherapyNote) expect(notes?.valueMarkdown).to.contain(source.stepTherapyNote);
    }
    expect(items.some((i) => flag(i, 'usdf-QuantityLimit-extension'))).to.equal(true);
    expect(items.some((i) => flag(i, 'usdf-StepTherapyLimit-extension'))).to.equal(true);
  });

  it('searches by _id, code, subject, status and formulary', async () => {
    const item = items[0] as Basic;
    expect(await ids(`_id=${item.id}`)).to.deep.equal([item.id]);
    const subject = item.subject?.reference ?? '';
    const bySubject = await ids(`subject=${subject}`);
    expect(bySubject).to.include(item.id);
    expect(bySubject.length).to.be.at.least(FORMULARIES.length / 2);
    expect(await ids(`subject=${subject}&formulary=frm-${FRM}`)).to.deep.equal([item.id]);
    expect(
      await ids(`subject=${subject}&code=${SYSTEMS.insuranceItemType}|formulary-item`),
    ).to.deep.equal(bySubject);
    expect(await ids(`subject=${subject}&code=other`)).to.deep.equal([]);
    const retired = legacy.filter((i) => i.status === 'removed').map((i) => `fi-${FRM}-${i.rxcui}`);
    expect(await ids(`formulary=InsurancePlan/frm-${FRM}&status=retired`)).to.deep.equal(
      retired.sort(),
    );
  });

  it('searches by drug-tier and pharmacy-benefit-type', async () => {
    const preferred = await fx.find<Basic>(
      'Basic',
      `formulary=frm-${FRM}&drug-tier=preferred-generic&_count=100`,
    );
    expect(preferred.length).to.be.above(0);
    expect(preferred.every((i) => tierOf(i) === 'preferred-generic')).to.equal(true);
    const t1 = legacy.filter((i) => i.tierCode === 'T1').length;
    expect(await total('drug-tier=preferred-generic')).to.equal(t1);
    expect(await total(`drug-tier=${SYSTEMS.drugTier}|generic,preferred-generic`)).to.equal(
      legacy.filter((i) => i.tierCode === 'T1' || i.tierCode === 'T2').length,
    );
    const query = 'pharmacy-benefit-type=3-month-in-mail';
    const mail = await fx.find<Basic>('Basic', `formulary=frm-${FRM}&${query}&_count=100`);
    expect(await total(query)).to.equal(legacy.filter((i) => i.mailOrder).length);
    for (const item of mail) {
      const types = (item.extension ?? []).filter((e) =>
        e.url.endsWith('PharmacyBenefitType-extension'),
      );
      expect(types.map((e) => e.valueCodeableConcept?.coding?.[0]?.code)).to.include(
        '3-month-in-mail',
      );
    }
    expect(
      await ids(`formulary=frm-${FRM}&pharmacy-benefit-type=1-month-out-retail`),
    ).to.deep.equal([]);
  });

  it('searches by period and _lastUpdated', async () => {
    const idOf = (i: FormularyItem) => `fi-${FRM}-${i.rxcui}`;
    const midYear = legacy.filter((i) => i.start > '2026-01-01');
    const ended = legacy.filter((i) => i.end !== undefined).map(idOf);
    expect(midYear.length).to.be.above(0);
    expect(ended.length).to.be.above(0);
    expect(await total('period=lt2026-01-02')).to.equal(legacy.length - midYear.length);
    expect(await total('period=gt2026-03-31')).to.equal(legacy.length - ended.length);
    expect(await total('period=ge2026-03-31')).to.equal(legacy.length);
    expect(await ids(`formulary=frm-${FRM}&period=2026`)).to.deep.equal(ended.sort());
    expect(await ids(`formulary=frm-${FRM}&period=gt2026-12-31`)).to.not.include(ended[0]);
    expect(await ids(`formulary=frm-${FRM}&_lastUpdated=ge2026-01-01`)).to.deep.equal(
      legacy
        .filter((i) => i.updatedAt >= '2026')
        .map((i) => `fi-${FRM}-${i.rxcui}`)
        .sort(),
    );
  });

  it('includes the drug (Basic:subject) and the formulary (Basic:formulary)', async () => {
    const item = items[0] as Basic;
    const bundle = await fx.search(
      'Basic',
      `_id=${item.id}&_include=Basic:subject&_include=Basic:formulary`,
    );
    const refs = (bundle.entry ?? []).map((e) => `${e.resource?.resourceType}/${e.resource?.id}`);
    expect(refs.sort()).to.deep.equal(
      [`Basic/${item.id}`, item.subject?.reference, `InsurancePlan/frm-${FRM}`].sort(),
    );
  });
});

import type { InsurancePlan } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import { FORMULARIES, INSURANCE_PLANS, PLANS } from '../../mock-backends/synthetic/index.js';
import { expectValid } from '../../test/support/fhir-validator.js';
import {
  startDirectoryFixture,
  type DirectoryFixture,
} from '../../test/support/directory-fixture.js';
import {
  startFormularyFixture,
  type FormularyFixture,
} from '../../test/support/formulary-fixture.js';
import { PROFILES, SYSTEMS } from './usdf.js';

const COPAY_OPTIONS = [
  'after-deductible',
  'before-deductible',
  'no-charge',
  'no-charge-after-deductible',
  'charge',
  'copay-not-applicable',
  'deductible-waived',
];
const COINSURANCE_OPTIONS = [
  'after-deductible',
  'no-charge',
  'no-charge-after-deductible',
  'charge',
  'coinsurance-not-applicable',
  'deductible-waived',
];

const code = (concept: { coding?: { code?: string; system?: string }[] } | undefined) =>
  concept?.coding?.[0]?.code;

/** The elements usdf-PayerInsurancePlan 2.0.1 requires (Formulary.fsh), with their codes. */
function expectPayerPlan(plan: InsurancePlan): void {
  expect(plan.meta?.profile).to.deep.equal([PROFILES.payerInsurancePlan]);
  expect(plan.meta?.lastUpdated).to.match(/^\d{4}-/);
  expect(plan.identifier?.length).to.be.at.least(1);
  expect(plan.status).to.be.oneOf(['active', 'retired']);
  expect(plan.type).to.have.length(1);
  expect(plan.type?.[0]?.coding?.[0]?.system).to.equal(SYSTEMS.planNetProductType);
  expect(plan.coverageArea?.length).to.be.at.least(1);
  for (const area of plan.coverageArea ?? []) {
    expect(area.reference).to.match(/^Location\/area-[A-Z]{2}$/);
  }
  const drug = (plan.coverage ?? []).filter((c) => code(c.type) === 'DRUGPOL');
  expect(drug).to.have.length.at.least(1);
  for (const coverage of drug) {
    const refs = (coverage.extension ?? []).filter((e) =>
      e.url.endsWith('FormularyReference-extension'),
    );
    expect(refs[0]?.valueReference?.reference).to.match(/^InsurancePlan\/frm-F-/);
    expect((coverage.benefit ?? []).map((b) => code(b.type))).to.include('drug');
  }
  const drugPlans = (plan.plan ?? []).filter((p) => code(p.type) === 'drug');
  expect(drugPlans).to.have.length.at.least(1);
  for (const drugPlan of drugPlans) expectCosts(drugPlan.specificCost ?? []);
}

function expectCosts(
  costs: NonNullable<NonNullable<InsurancePlan['plan']>[number]['specificCost']>,
) {
  expect(costs).to.have.length.at.least(1);
  for (const specific of costs) {
    expect(specific.category.coding?.[0]?.system).to.equal(SYSTEMS.pharmacyBenefitType);
    expect(specific.benefit).to.have.length.at.least(1);
    for (const benefit of specific.benefit ?? []) {
      expect(benefit.type.coding?.[0]?.system).to.equal(SYSTEMS.drugTier);
      expect(benefit.cost).to.have.length.at.least(1);
      for (const cost of benefit.cost ?? []) {
        expect(cost.type.coding?.[0]?.system).to.equal(SYSTEMS.benefitCostType);
        expect(cost.qualifiers).to.have.length(1);
        const qualifier = code(cost.qualifiers?.[0]);
        const copay = code(cost.type) === 'copay';
        expect(qualifier).to.be.oneOf(copay ? COPAY_OPTIONS : COINSURANCE_OPTIONS);
        if (cost.value === undefined) continue;
        if (copay) expect(cost.value).to.include({ system: 'urn:iso:std:iso:4217', code: 'USD' });
        else expect(cost.value).to.include({ system: 'http://unitsofmeasure.org', code: '%' });
        expect(cost.value.value).to.be.a('number');
      }
    }
  }
}

describe('formulary plugin: Formulary and PayerInsurancePlan (public), federated with the directory', () => {
  let fx: FormularyFixture;
  let directory: DirectoryFixture;
  let plans: InsurancePlan[] = [];
  const ids = async (query: string) =>
    (await fx.find<InsurancePlan>('InsurancePlan', `${query}&_count=100`)).map((p) => p.id).sort();
  const ours = (query: string) =>
    ids(query).then((list) => list.filter((id) => /^(frm|pip)-/.test(id ?? '')));

  before(async () => {
    directory = await startDirectoryFixture();
    fx = await startFormularyFixture([directory.plugin]);
    plans = await fx.find<InsurancePlan>(
      'InsurancePlan',
      'type=DRUGPOL,mediadv,commhmo,commppo,medicaid,qhp&_count=100',
    );
  });
  after(async () => {
    await fx.close();
    await directory.close();
  });

  const payerPlans = () => plans.filter((p) => p.id?.startsWith('pip-'));
  const formularies = () => plans.filter((p) => p.id?.startsWith('frm-'));

  it('one PayerInsurancePlan per formulary: valid R4 with every required element', () => {
    expect(payerPlans()).to.have.length(FORMULARIES.length);
    for (const plan of payerPlans()) {
      expectValid(plan);
      expectPayerPlan(plan);
    }
  });

  it('prices every tier of the plan per pharmacy benefit type, as the legacy tiers say', () => {
    const plan = payerPlans().find((p) => p.id === 'pip-CMHP-HMO-100-2026') as InsurancePlan;
    const retail = plan.plan?.[0]?.specificCost?.find(
      (s) => code(s.category) === '1-month-in-retail',
    );
    const brand = retail?.benefit?.find((b) => code(b.type) === 'preferred-brand');
    const [copay, coinsurance] = brand?.cost ?? [];
    expect(copay?.value?.value).to.equal(40);
    expect(code(copay?.qualifiers?.[0])).to.equal('charge');
    expect(code(coinsurance?.qualifiers?.[0])).to.equal('coinsurance-not-applicable');
    const specialty = retail?.benefit?.find((b) => code(b.type) === 'specialty');
    expect(specialty?.cost?.[1]?.value?.value).to.equal(30);
    expect(code(specialty?.cost?.[1]?.qualifiers?.[0])).to.equal('after-deductible');
    const threeMonth = plan.plan?.[0]?.specificCost?.find(
      (s) => code(s.category) === '3-month-in-mail',
    );
    expect(threeMonth?.benefit?.map((b) => code(b.type))).to.not.include('specialty');
  });

  it('formularies: valid R4, identifier, status, type DRUGPOL, name, period, non-cost plan', () => {
    expect(formularies()).to.have.length(FORMULARIES.length);
    for (const plan of formularies()) {
      expectValid(plan);
      expect(plan.meta?.profile).to.deep.equal([PROFILES.formulary]);
      expect(plan.meta?.lastUpdated).to.match(/^\d{4}-/);
      expect(plan.identifier?.[0]?.value).to.equal(plan.id?.slice(4));
      expect(plan.status).to.be.oneOf(['active', 'retired']);
      expect(code(plan.type?.[0])).to.equal('DRUGPOL');
      expect(plan.name).to.be.a('string');
      expect(plan.period?.start).to.match(/^\d{4}-\d{2}-\d{2}$/);
      expect(code(plan.plan?.[0]?.type)).to.equal('drug');
      const tiers = plan.plan?.[0]?.specificCost?.flatMap((s) => s.benefit ?? []) ?? [];
      expect(tiers.length).to.be.above(0);
      expect(tiers.every((b) => b.cost === undefined)).to.equal(true);
    }
  });

  it('searches by _id, identifier, status, type, name and coverage-type', async () => {
    expect(await ours('_id=pip-CMHP-MA-300-2026,frm-F-CMHP-MA-300-2026')).to.deep.equal([
      'frm-F-CMHP-MA-300-2026',
      'pip-CMHP-MA-300-2026',
    ]);
    expect(await ours('identifier=CMHP-MA-300')).to.deep.equal([
      'pip-CMHP-MA-300-2025',
      'pip-CMHP-MA-300-2026',
    ]);
    expect(await ours('identifier=F-CMHP-MA-300-2026')).to.deep.equal(['frm-F-CMHP-MA-300-2026']);
    const retired = await ours('status=retired');
    expect(retired).to.have.length(2 * PLANS.length);
    expect(retired.every((id) => id?.endsWith('2025'))).to.equal(true);
    expect(await ours(`type=${SYSTEMS.actCode}|DRUGPOL`)).to.have.length(FORMULARIES.length);
    const medicare = await ours('type=mediadv');
    expect(medicare.every((id) => id?.startsWith('pip-CMHP-MA-'))).to.equal(true);
    expect(medicare.length).to.be.above(0);
    expect(await ours('coverage-type=DRUGPOL')).to.have.length(FORMULARIES.length);
    expect(await ours('name:exact=Cascade Select HMO 2026')).to.deep.equal([
      'pip-CMHP-HMO-100-2026',
    ]);
    expect(await ours('name:contains=drug list 2026')).to.have.length(PLANS.length);
  });

  it('searches by period and _lastUpdated (date prefixes)', async () => {
    const in2026 = await ours('period=2026');
    expect(in2026).to.have.length(2 * PLANS.length);
    expect(await ours('period=ge2026-06-01')).to.deep.equal(in2026);
    expect(await ours('period=lt2026-01-01')).to.have.length(2 * PLANS.length);
    expect(await ours('_lastUpdated=ge2025-01-01')).to.deep.equal(in2026);
    expect(await ours('_lastUpdated=lt2025-01-01')).to.have.length(2 * PLANS.length);
  });

  it('searches by formulary-coverage and coverage-area, including both', async () => {
    const bundle = await fx.search(
      'InsurancePlan',
      'formulary-coverage=InsurancePlan/frm-F-CMHP-PPO-200-2026&_include=InsurancePlan:formulary-coverage',
    );
    const entries = (bundle.entry ?? []).map((e) => [e.resource?.id, e.search?.mode]);
    expect(entries).to.deep.equal([
      ['pip-CMHP-PPO-200-2026', 'match'],
      ['frm-F-CMHP-PPO-200-2026', 'include'],
    ]);
    expect(await ours('formulary-coverage=frm-F-CMHP-PPO-200-2025')).to.deep.equal([
      'pip-CMHP-PPO-200-2025',
    ]);
    expect(await ours('coverage-area=Location/area-XX')).to.deep.equal([]);
    const inMontana = await ours('coverage-area=Location/area-MT');
    const soldInMontana = INSURANCE_PLANS.filter((p) => p.states.includes('MT')).length;
    expect(inMontana).to.have.length(2 * soldInMontana);
    expect(soldInMontana).to.be.above(0).and.below(PLANS.length);
    const areas = await fx.search(
      'InsurancePlan',
      '_id=pip-CMHP-HMO-100-2026&_include=InsurancePlan:coverage-area',
    );
    const included = (areas.entry ?? []).filter((e) => e.search?.mode === 'include');
    expect(included.map((e) => e.resource?.resourceType)).to.include('Location');
    for (const e of included) {
      expect(e.resource?.meta?.profile).to.deep.equal([PROFILES.insurancePlanLocation]);
    }
  });

  it('reads frm-, pip- and the directory plan- ids side by side, without a token', async () => {
    for (const id of ['frm-F-CMHP-HMO-100-2026', 'pip-CMHP-HMO-100-2026']) {
      await request(fx.gw.app).get(`${fx.gw.base}/InsurancePlan/${id}`).expect(200);
    }
    const res = await request(fx.gw.app)
      .get(`${fx.gw.base}/InsurancePlan/plan-CMHP-HMO-100`)
      .expect(200);
    expect(res.body.meta.profile[0]).to.match(/plannet-InsurancePlan$/);
    await request(fx.gw.app).get(`${fx.gw.base}/InsurancePlan/pip-NOPE-2026`).expect(404);
  });

  it('CapabilityStatement: every usdf-server SHALL parameter, include and both profiles', async () => {
    const res = await request(fx.gw.app).get(`${fx.gw.base}/metadata`).expect(200);
    const resources = (res.body.rest?.[0]?.resource ?? []) as {
      type: string;
      supportedProfile?: string[];
      searchParam?: { name: string }[];
      searchInclude?: string[];
    }[];
    const of = (type: string) => resources.find((r) => r.type === type);
    const names = (type: string) => (of(type)?.searchParam ?? []).map((p) => p.name);
    expect(of('InsurancePlan')?.supportedProfile).to.include.members([
      PROFILES.formulary,
      PROFILES.payerInsurancePlan,
    ]);
    expect(names('InsurancePlan')).to.include.members([
      '_id',
      '_lastUpdated',
      'identifier',
      'status',
      'period',
      'type',
      'name',
      'coverage-type',
      'formulary-coverage',
      'coverage-area',
    ]);
    expect(of('InsurancePlan')?.searchInclude).to.include('InsurancePlan:formulary-coverage');
    expect(names('Basic')).to.include.members([
      '_id',
      '_lastUpdated',
      'code',
      'subject',
      'status',
      'period',
      'formulary',
      'pharmacy-benefit-type',
      'drug-tier',
    ]);
    expect(of('Basic')?.searchInclude).to.include.members(['Basic:subject', 'Basic:formulary']);
    expect(names('MedicationKnowledge')).to.include.members([
      '_id',
      '_lastUpdated',
      'status',
      'code',
      'drug-name',
      'doseform',
    ]);
  });
});

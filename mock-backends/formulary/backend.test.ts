import { expect } from 'chai';
import request from 'supertest';
import { DRUGS, FORMULARIES, formularyItems, PLANS, requireDrug } from '../synthetic/index.js';
import {
  createFormularyBackend,
  startFormularyBackend,
  type FormularyBackend,
  type FormularyItemRow,
} from './index.js';

describe('synthetic drug catalog and formularies', () => {
  it('has 150+ drugs with unique RxNorm codes and unique, well-formed NDCs', () => {
    expect(DRUGS.length).to.be.at.least(150);
    expect(new Set(DRUGS.map((d) => d.rxcui)).size).to.equal(DRUGS.length);
    const ndcs = DRUGS.flatMap((d) => d.packages.map((p) => p.ndc11));
    expect(new Set(ndcs).size).to.equal(ndcs.length);
    for (const drug of DRUGS) {
      expect(drug.rxcui).to.match(/^\d{3,8}$/);
      expect(drug.packages.length).to.be.at.least(1);
      for (const pkg of drug.packages) {
        expect(pkg.ndc).to.equal(
          `${pkg.ndc11.slice(0, 5)}-${pkg.ndc11.slice(5, 9)}-${pkg.ndc11.slice(9)}`,
        );
      }
      if (drug.brandName) expect(drug.name).to.contain(`[${drug.brandName}]`);
    }
  });

  it('gives every plan a formulary per year, with every tier priced', () => {
    for (const plan of PLANS) {
      const years = FORMULARIES.filter((f) => f.planId === plan.id).map((f) => f.year);
      expect(years, plan.id).to.deep.equal([2025, 2026]);
    }
    for (const formulary of FORMULARIES) {
      const codes = new Set(formulary.tiers.map((tier) => tier.code));
      for (const item of formularyItems(formulary)) expect(codes.has(item.tierCode)).to.equal(true);
      for (const tier of formulary.tiers) {
        const retail = tier.costShares.find(
          (s) => s.pharmacyType === 'retail' && s.daysSupply === 30,
        );
        expect(retail, `${formulary.id} ${tier.code}`).to.not.equal(undefined);
      }
    }
  });

  it('follows benefit rules: specialty needs PA, brands with generics step, no OTC in Part D', () => {
    for (const formulary of FORMULARIES) {
      for (const item of formularyItems(formulary)) {
        const drug = requireDrug(item.rxcui);
        if (drug.kind === 'specialty') {
          expect(item.priorAuth && item.specialtyPharmacy).to.equal(true);
        }
        if (drug.name.includes('[Lipitor]')) expect(item.stepTherapyNote).to.match(/atorvastatin/);
        if (formulary.line === 'medicare-advantage') expect(drug.kind).to.not.equal('otc');
        if (item.quantityLimit) expect(item.quantityLimit.quantity).to.be.above(0);
      }
    }
  });
});

describe('mock formulary backend', () => {
  let backend: FormularyBackend;
  const api = () => request(backend.app);
  const formularyId = 'F-CMHP-HMO-100-2026';

  before(() => {
    backend = createFormularyBackend({ validateResponses: true });
  });
  after(() => backend.close());
  afterEach(() => backend.faults.clear());

  it('reports health with its counts', async () => {
    const res = await api().get('/health').expect(200);
    expect(res.body).to.include({ STATUS: 'UP', DRUG_CNT: DRUGS.length, FRM_CNT: 12 });
  });

  it("lists plans with their formularies, and a plan's formularies with tiers", async () => {
    const plans = await api().get('/plans').expect(200);
    expect(plans.body.PLANS).to.have.length(PLANS.length);
    expect(plans.body.PLANS[0].FORMULARIES.map((f: { FRM_ID: string }) => f.FRM_ID)).to.deep.equal([
      'F-CMHP-HMO-100-2025',
      formularyId,
    ]);
    const ma = await api().get('/plans/CMHP-MA-300/formularies').expect(200);
    expect(ma.body.FORMULARIES[1].TIERS.map((t: { TIER_CD: string }) => t.TIER_CD)).to.deep.equal([
      'T1',
      'T2',
      'T3',
      'T4',
      'T5',
    ]);
    await api()
      .get('/plans/NOPE/formularies')
      .expect(404, { ERR_CD: 'E404', ERR_MSG: 'Plan not found' });
  });

  it('serves a formulary by id and filters formularies by year and status', async () => {
    const one = await api().get(`/formularies/${formularyId}`).expect(200);
    expect(one.body).to.include({ PLAN_YR: 2026, FRM_STAT_CD: 'A', EFF_DT: '20260101' });
    const share = one.body.TIERS[1].COST_SHR[0];
    expect(share).to.deep.equal({
      PHARM_TYP_CD: 'RTL',
      DAYS_SUPPLY: 30,
      COPAY_AMT: 10,
      COINS_PCT: null,
      DED_APLY_IND: 'N',
    });
    const retired = await api().get('/formularies').query({ year: 2025, status: 'R' }).expect(200);
    expect(retired.body.FORMULARIES).to.have.length(PLANS.length);
    await api().get('/formularies/F-NOPE').expect(404);
  });

  it('pages formulary items by key, consistently while rows are inserted', async () => {
    const own = createFormularyBackend({ validateResponses: true });
    const api = () => request(own.app);
    const all = await api()
      .get(`/formularies/${formularyId}/items`)
      .query({ limit: 500, total: 'Y' });
    const expected = formularyItems(FORMULARIES.find((f) => f.id === formularyId)!)
      .map((item) => item.rxcui)
      .sort();
    expect(all.body.TOTAL_CNT).to.equal(expected.length);
    const rxcuis: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const res = await api()
        .get(`/formularies/${formularyId}/items`)
        .query({ limit: 40, ...(cursor ? { after: cursor } : {}) })
        .expect(200);
      const rows = res.body.ITEMS as { FRM_ID: string; RXCUI: string }[];
      rxcuis.push(...rows.map((item) => item.RXCUI));
      const last = rows[rows.length - 1];
      if (rows.length < 40 || !last) break;
      cursor = `${last.FRM_ID}/${last.RXCUI}`;
      // A new row whose key sorts before the cursor (same formulary, a prefix of a code).
      const first = rows[0] as unknown as FormularyItemRow;
      if (page === 0) own.data.insertItem({ ...first, RXCUI: first.RXCUI.slice(0, -1) });
    }
    own.close();
    expect(rxcuis).to.deep.equal(expected);
  });

  it('filters items by code, name, tier, PA/ST/QL flags and update time', async () => {
    const byCode = await api().get('/formulary-items').query({ rxcui: '1364445', total: 'Y' });
    expect(byCode.body.TOTAL_CNT).to.be.at.least(10);
    const plans = new Set(byCode.body.ITEMS.map((item: { PLAN_ID: string }) => item.PLAN_ID));
    expect(plans.size).to.be.at.least(5);
    const named = await api()
      .get(`/formularies/${formularyId}/items`)
      .query({ drugName: 'ATORVA*' });
    expect(named.body.ITEMS.length).to.be.at.least(4);
    for (const flag of ['pa', 'st', 'ql'] as const) {
      const res = await api()
        .get('/formulary-items')
        .query({ [flag]: 'Y', limit: 500 })
        .expect(200);
      const column = `${flag.toUpperCase()}_IND`;
      expect(res.body.ITEMS.length, flag).to.be.above(0);
      for (const item of res.body.ITEMS) expect(item[column]).to.equal('Y');
    }
    const specialty = await api().get('/formulary-items').query({ tier: 'T5', pa: 'N' });
    expect(specialty.body.ITEMS).to.deep.equal([]);
    const recent = await api()
      .get('/formulary-items')
      .query({ updatedSince: '2026-01-01T00:00:00Z', limit: 500 });
    for (const item of recent.body.ITEMS) expect(item.LAST_UPD_TS >= '2026-01-01').to.equal(true);
    expect(recent.body.ITEMS.length).to.be.above(0);
  });

  it('serves drugs by code, NDC and name with their packages', async () => {
    const drug = await api().get('/drugs/314076').expect(200);
    expect(drug.body).to.include({
      GNRC_NM: 'lisinopril',
      TTY_CD: 'SCD',
      ROUTE_CD: 'PO',
      DRUG_TYP_CD: 'G',
    });
    expect(drug.body.NDCS).to.have.length(3);
    const ndc = drug.body.NDCS[1].NDC_542;
    const byNdc = await api().get('/drugs').query({ ndc }).expect(200);
    expect(byNdc.body.DRUGS.map((d: { RXCUI: string }) => d.RXCUI)).to.deep.equal(['314076']);
    const brands = await api().get('/drugs').query({ name: '*humira*', total: 'Y' });
    expect(brands.body.TOTAL_CNT).to.equal(1);
    await api().get('/drugs/99999999').expect(404, { ERR_CD: 'E404', ERR_MSG: 'Drug not found' });
  });

  it('answers 400 in the legacy shape for a bad query', async () => {
    const res = await api().get('/formulary-items').query({ tier: 'T9' }).expect(400);
    expect(res.body.ERR_CD).to.equal('E400');
    expect(res.body.ERR_DTL[0]).to.match(/tier/);
    const unknown = await api().get('/drugs').query({ dea: '2' }).expect(400);
    expect(unknown.body.ERR_DTL).to.deep.equal(["/query/dea Unknown query parameter 'dea'"]);
    await api().get('/formulary-items').query({ pa: 'yes' }).expect(400);
    await api().get('/formulary-items').query({ updatedSince: 'yesterday' }).expect(400);
  });

  it('injects delays and failures', async () => {
    await api().post('/__faults').send({ status: 502, times: 1, pathPrefix: '/drugs' }).expect(204);
    await api().get('/health').expect(200);
    await api().get('/drugs/314076').expect(502, { ERR_CD: 'E502', ERR_MSG: 'Injected fault' });
    await api().get('/drugs/314076').expect(200);
    await api().post('/__faults').send({ delayMs: 200 }).expect(204);
    const started = Date.now();
    await api().get('/plans').expect(200);
    expect(Date.now() - started).to.be.at.least(190);
  });

  it('listens on an ephemeral port with startFormularyBackend', async () => {
    const running = await startFormularyBackend();
    try {
      const res = await fetch(`${running.url}/drugs/314076`);
      expect(res.status).to.equal(200);
      expect(((await res.json()) as { RXCUI: string }).RXCUI).to.equal('314076');
    } finally {
      await running.close();
    }
  });
});

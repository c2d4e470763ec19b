import type { Location } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import { INSURANCE_PLANS } from '../../mock-backends/synthetic/index.js';
import { expectValid } from '../../test/support/fhir-validator.js';
import {
  startFormularyFixture,
  type FormularyFixture,
} from '../../test/support/formulary-fixture.js';
import { PROFILES } from './usdf.js';

const STATES = [...new Set(INSURANCE_PLANS.flatMap((plan) => plan.states))].sort();

describe('formulary plugin: InsurancePlanLocation (service-area states), public', () => {
  let fx: FormularyFixture;
  const ids = async (query: string) =>
    (await fx.find<Location>('Location', `${query}&_count=100`)).map((l) => l.id);
  before(async () => {
    fx = await startFormularyFixture();
  });
  after(() => fx.close());

  it('one Location per state a plan is sold in: valid R4, lastUpdated, address', async () => {
    const areas = await fx.find<Location>('Location', '_count=100');
    expect(areas.map((a) => a.id)).to.deep.equal(STATES.map((s) => `area-${s}`));
    for (const area of areas) {
      expectValid(area);
      expect(area.meta?.profile).to.deep.equal([PROFILES.insurancePlanLocation]);
      expect(area.meta?.lastUpdated).to.match(/^\d{4}-/);
      expect(area.address?.state).to.equal(area.id?.slice(5));
      expect(area.address?.country).to.equal('US');
    }
  });

  it('searches by _id, _lastUpdated and the address parameters', async () => {
    expect(await ids('_id=area-WA,area-MT')).to.deep.equal(['area-MT', 'area-WA']);
    expect(await ids('address-state=WA')).to.deep.equal(['area-WA']);
    expect(await ids('address-state:exact=wa')).to.deep.equal([]);
    expect(await ids('address=US')).to.have.length(STATES.length);
    expect(await ids('address:contains=M')).to.deep.equal(['area-MT']);
    expect(await ids('address-city=Seattle')).to.deep.equal([]);
    expect(await ids('address-postalcode=98101')).to.deep.equal([]);
    expect(await ids('_lastUpdated=ge2025-01-01')).to.have.length(STATES.length);
    expect(await ids('_lastUpdated=lt2025-01-01')).to.deep.equal([]);
  });

  it('reads an area without a token; an unknown one is 404', async () => {
    await request(fx.gw.app).get(`${fx.gw.base}/Location/area-OR`).expect(200);
    await request(fx.gw.app).get(`${fx.gw.base}/Location/area-ZZ`).expect(404);
  });
});

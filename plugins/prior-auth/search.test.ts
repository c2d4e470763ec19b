/**
 * Search parameters (PDex 2.1.0 CapabilityStatement for prior authorization EOBs): _id,
 * identifier, patient, type, status, use, insurer, _lastUpdated, each checked against the
 * full visible set; include-only and unsupported criteria are refused, never ignored; the
 * caller's patient constraint narrows every search.
 */
import type { ExplanationOfBenefit } from '@medplum/fhirtypes';
import { expect } from 'chai';
import type { SearchCriterion } from '../sdk/contract.js';
import { BadRequestError } from '../sdk/errors.js';
import { testRequestContext } from '../sdk/testing.js';
import { parseOptions } from './options.js';
import {
  searchAll,
  startFixture,
  type PriorAuthFixture,
} from '../../test/support/prior-auth-fixture.js';

const SYSTEM = parseOptions({ baseUrl: 'http://127.0.0.1:1' }).authNumberSystem;

describe('prior-auth plugin: search', () => {
  let fixture: PriorAuthFixture;
  let all: ExplanationOfBenefit[];

  before(async () => {
    fixture = await startFixture(200);
    all = await searchAll(fixture.plugin);
  });
  after(() => fixture.close());

  const ids = (eobs: readonly ExplanationOfBenefit[]) => eobs.map((eob) => eob.id).sort();
  const find = (...criteria: SearchCriterion[]) => searchAll(fixture.plugin, criteria);
  const sample = () => all[Math.floor(all.length / 2)] as ExplanationOfBenefit;

  it('_id and identifier (value and system|value) find the request', async () => {
    const eob = sample();
    const number = eob.identifier?.[0]?.value ?? '';
    expect(ids(await find({ name: '_id', values: [eob.id ?? ''] }))).to.deep.equal([eob.id]);
    expect(ids(await find({ name: 'identifier', values: [number] }))).to.deep.equal([eob.id]);
    const qualified = await find({ name: 'identifier', values: [`${SYSTEM}|${number}`] });
    expect(ids(qualified)).to.deep.equal([eob.id]);
    expect(await find({ name: 'identifier', values: [`urn:other|${number}`] })).to.deep.equal([]);
    expect(await find({ name: '_id', values: ['clm-123'] })).to.deep.equal([]);
  });

  it('patient finds all and only the member requests', async () => {
    const patient = sample().patient.reference ?? '';
    const expected = all.filter((eob) => eob.patient.reference === patient);
    expect(ids(await find({ name: 'patient', values: [patient] }))).to.deep.equal(ids(expected));
    const bare = await find({ name: 'patient', values: [patient.slice('Patient/'.length)] });
    expect(ids(bare)).to.deep.equal(ids(expected));
  });

  it('type, status and use filter by claim type, status and use', async () => {
    for (const type of ['institutional', 'professional']) {
      const expected = all.filter((eob) => eob.type.coding?.[0]?.code === type);
      expect(ids(await find({ name: 'type', values: [type] })), type).to.deep.equal(ids(expected));
    }
    for (const status of ['active', 'cancelled']) {
      const expected = all.filter((eob) => eob.status === status);
      const found = await find({ name: 'status', values: [status] });
      expect(ids(found), status).to.deep.equal(ids(expected));
    }
    expect(await find({ name: 'use', values: ['claim'] })).to.deep.equal([]);
    expect(await find({ name: 'use', values: ['preauthorization'] })).to.have.length(all.length);
  });

  it('insurer matches the payer only', async () => {
    const ours = await find({ name: 'insurer', values: ['Organization/CMHP1'] });
    expect(ours).to.have.length(all.length);
    expect(await find({ name: 'insurer', values: ['Organization/OTHER'] })).to.deep.equal([]);
  });

  it('_lastUpdated ge/gt bound the last status change', async () => {
    const sorted = all.map((eob) => eob.meta?.lastUpdated ?? '').sort();
    const middle = sorted[Math.floor(sorted.length / 2)] ?? '';
    const ge = await find({ name: '_lastUpdated', values: [`ge${middle}`] });
    expect(ids(ge)).to.deep.equal(
      ids(all.filter((eob) => (eob.meta?.lastUpdated ?? '') >= middle)),
    );
    const gt = await find({ name: '_lastUpdated', values: [`gt${middle}`] });
    expect(ids(gt)).to.deep.equal(ids(all.filter((eob) => (eob.meta?.lastUpdated ?? '') > middle)));
    const day = middle.slice(0, 10);
    const gtDay = await find({ name: '_lastUpdated', values: [`gt${day}`] });
    const afterDay = all.filter((eob) => (eob.meta?.lastUpdated ?? '').slice(0, 10) > day);
    expect(ids(gtDay)).to.deep.equal(ids(afterDay));
  });

  it('refuses what it cannot filter on: le, include-only params, modifiers', async () => {
    const refused: SearchCriterion[] = [
      { name: '_lastUpdated', values: ['le2025-01-01'] },
      { name: 'provider', values: ['Practitioner/npi-1234567893'] },
      { name: 'coverage', values: ['Coverage/MBR00000001-1'] },
      { name: 'patient', modifier: 'missing', values: ['true'] },
    ];
    for (const criterion of refused) {
      await find(criterion).then(
        () => expect.fail(`${criterion.name} accepted`),
        (err: unknown) => expect(err, criterion.name).to.be.instanceOf(BadRequestError),
      );
    }
  });

  it('honours constraints.patientIds, even against a patient criterion', async () => {
    const member = (sample().patient.reference ?? '').slice('Patient/'.length);
    const ctx = testRequestContext({ constraints: { patientIds: [member] } });
    const mine = await searchAll(fixture.plugin, [], ctx);
    expect(mine.length).to.be.greaterThan(0);
    expect(mine.every((eob) => eob.patient.reference === `Patient/${member}`)).to.equal(true);
    const other = all.find((eob) => eob.patient.reference !== `Patient/${member}`);
    const criteria = [{ name: 'patient', values: [other?.patient.reference ?? ''] }];
    expect(await searchAll(fixture.plugin, criteria, ctx)).to.deep.equal([]);
    const read = await fixture.plugin.read!(
      { resourceType: 'ExplanationOfBenefit', id: other?.id ?? '' },
      ctx,
    );
    expect(read).to.equal(undefined);
  });

  it('counts the total when asked', async () => {
    const page = await fixture.plugin.search!(
      { resourceType: 'ExplanationOfBenefit', criteria: [], count: 5, wantTotal: true },
      testRequestContext(),
    );
    expect(page.total).to.equal(all.length);
    expect(page.resources).to.have.length(5);
  });
});

/**
 * Patient `$everything` through the real gateway over the real membership, claims,
 * prior-authorization and directory plugins on their mock backends, with real signed tokens.
 */
import type { Bundle, ExplanationOfBenefit, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import { allClaims } from '../../plugins/claims/test-support.js';
import { expectValid } from '../../test/support/fhir-validator.js';
import { inCompartment } from '../auth/compartment.js';
import {
  allPages,
  entries,
  keyOf,
  startEverythingFixture,
  type EverythingFixture,
} from '../../test/support/everything-fixture.js';

describe('Patient $everything over the real plugins', function () {
  this.timeout(120_000);
  let fx: EverythingFixture;
  let member: string;
  let other: string;
  let patientToken: string;
  let expected: Set<string>;
  let pages: Bundle[];

  before(async () => {
    fx = await startEverythingFixture();
    const counts = new Map<string, number>();
    for (const claim of await allClaims(fx.urls.claims)) {
      counts.set(claim.MBR_ID, (counts.get(claim.MBR_ID) ?? 0) + 1);
    }
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    [member, other] = [ranked[0]?.[0] ?? '', ranked[1]?.[0] ?? ''];
    patientToken = await fx.gw.patientToken(member);
    expected = await unionOfSearches(fx, patientToken, member);
    pages = await allPages(fx.gw, `Patient/${member}/$everything`, patientToken, { _count: '10' });
  });
  after(async () => fx.close());

  it('pages through the whole record: nothing missed, nothing twice', () => {
    const matches = pages.flatMap((page) => entries(page, 'match')).map(keyOf);
    expect(pages.length).to.be.greaterThan(3);
    expect(new Set(matches).size).to.equal(matches.length);
    expect(new Set(matches)).to.deep.equal(expected);
    expect(matches[0]).to.equal(`Patient/${member}`);
    for (const page of pages) expect(entries(page, 'match').length).to.be.at.most(10);
    expect(pages.at(-1)?.link?.some((link) => link.relation === 'next')).to.equal(false);
  });

  it('holds claims and prior authorizations, all in the patient compartment', () => {
    const matches = pages.flatMap((page) => entries(page, 'match'));
    const profiles = matches.flatMap((r) => r.meta?.profile ?? []);
    expect(profiles.some((p) => p.includes('pdex-priorauthorization'))).to.equal(true);
    expect(profiles.some((p) => p.includes('C4BB-ExplanationOfBenefit'))).to.equal(true);
    expect(matches.some((r) => r.resourceType === 'Coverage')).to.equal(true);
    expect(matches.some((r) => r.resourceType === 'Provenance')).to.equal(true);
    for (const resource of matches) expect(inCompartment(resource, [member])).to.equal(true);
  });

  it('includes the referenced providers and payer once per page', () => {
    const included = pages.flatMap((page) => entries(page, 'include'));
    const types = new Set(included.map((r) => r.resourceType));
    expect(types).to.include('Organization');
    expect(types).to.include('Practitioner');
    for (const page of pages) {
      const keys = (page.entry ?? []).map((e) => e.resource && keyOf(e.resource));
      expect(new Set(keys).size).to.equal(keys.length);
    }
    for (const resource of included) expect(resource.resourceType).to.not.equal('Patient');
  });

  it('returns valid R4 searchset Bundles', () => {
    expect(pages[0]?.type).to.equal('searchset');
    expectValid(pages[0] as Bundle);
    expectValid(pages.at(-1) as Bundle);
  });

  it("refuses another patient's record to a patient token", async () => {
    const res = await request(fx.gw.app)
      .get(`${fx.gw.base}/Patient/${other}/$everything`)
      .auth(patientToken, { type: 'bearer' })
      .expect(403);
    expect((res.body as OperationOutcome).resourceType).to.equal('OperationOutcome');
  });

  it('type level with a patient token is that patient', async () => {
    const typeLevel = await allPages(fx.gw, 'Patient/$everything', patientToken, { _count: '50' });
    const keys = typeLevel.flatMap((page) => entries(page, 'match')).map(keyOf);
    expect(new Set(keys)).to.deep.equal(expected);
  });

  it('a system token reads the same record; type level needs a patient', async () => {
    const token = await fx.gw.systemToken();
    const system = await allPages(fx.gw, `Patient/${member}/$everything`, token, {
      _count: '100',
    });
    const keys = system.flatMap((page) => entries(page, 'match')).map(keyOf);
    expect(new Set(keys)).to.deep.equal(expected);
    await request(fx.gw.app)
      .get(`${fx.gw.base}/Patient/$everything`)
      .auth(token, { type: 'bearer' })
      .expect(400);
  });

  it('an unknown patient is 404', async () => {
    const token = await fx.gw.systemToken();
    await request(fx.gw.app)
      .get(`${fx.gw.base}/Patient/no-such-member/$everything`)
      .auth(token, { type: 'bearer' })
      .expect(404);
  });

  it('_type restricts the types returned, includes too', async () => {
    const coverage = await allPages(fx.gw, `Patient/${member}/$everything`, patientToken, {
      _type: 'Coverage',
    });
    const all = coverage.flatMap((page) => page.entry ?? []).map((e) => e.resource?.resourceType);
    expect(all.length).to.be.greaterThan(0);
    expect(new Set(all)).to.deep.equal(new Set(['Coverage']));
    const withPayer = await allPages(fx.gw, `Patient/${member}/$everything`, patientToken, {
      _type: 'Coverage,Organization',
    });
    const included = withPayer.flatMap((page) => entries(page, 'include')).map(keyOf);
    expect(included.length).to.be.greaterThan(0);
    expect(included.every((key) => key.startsWith('Organization/'))).to.equal(true);
  });

  it('_since keeps only what changed at or after the instant', async () => {
    const dates = pages
      .flatMap((page) => entries(page, 'match'))
      .map((r) => r.meta?.lastUpdated ?? '')
      .sort();
    const since = new Date(dates[Math.floor(dates.length / 2)] ?? '').toISOString();
    const want = dates.filter((d) => Date.parse(d) >= Date.parse(since)).length;
    const recent = await allPages(fx.gw, `Patient/${member}/$everything`, patientToken, {
      _since: since,
      _count: '100',
    });
    const matches = recent.flatMap((page) => entries(page, 'match'));
    expect(matches.length).to.equal(want);
    expect(want).to.be.lessThan(dates.length);
    for (const r of matches) {
      expect(Date.parse(r.meta?.lastUpdated ?? '')).to.be.at.least(Date.parse(since));
    }
  });

  it('start and end keep the claims whose care dates overlap them, and what has none', async () => {
    const [start, end] = ['2020-01-01', '2021-12-31'];
    const all = pages.flatMap((page) => entries(page, 'match'));
    const want = all.filter(
      (r) => r.resourceType !== 'ExplanationOfBenefit' || eobOverlaps(r, start, end),
    );
    const eobs = (list: Resource[]) =>
      list.filter((r) => r.resourceType === 'ExplanationOfBenefit');
    expect(eobs(want).length, 'claims in the range').to.be.greaterThan(0);
    expect(eobs(want).length, 'claims outside it').to.be.lessThan(eobs(all).length);
    const dated = await allPages(fx.gw, `Patient/${member}/$everything`, patientToken, {
      start,
      end,
      _count: '25',
    });
    const got = dated.flatMap((page) => entries(page, 'match')).map(keyOf);
    expect(new Set(got).size).to.equal(got.length);
    expect(new Set(got)).to.deep.equal(new Set(want.map(keyOf)));
  });

  it('skips the types a token may not read, and says so', async () => {
    const token = await fx.gw.patientToken(member, {
      scope: 'launch/patient patient/Patient.rs patient/Coverage.rs',
    });
    const limited = await allPages(fx.gw, `Patient/${member}/$everything`, token);
    const types = new Set(limited.flatMap((p) => entries(p, 'match')).map((r) => r.resourceType));
    expect(types).to.deep.equal(new Set(['Patient', 'Coverage']));
    const issues = entries(limited[0] as Bundle, 'outcome') as OperationOutcome[];
    expect(issues[0]?.issue.map((i) => i.diagnostics).join(' ')).to.contain('ExplanationOfBenefit');
  });

  it('POST with a Parameters body, paging on by GET', async () => {
    const res = await request(fx.gw.app)
      .post(`${fx.gw.base}/Patient/${member}/$everything`)
      .set('content-type', 'application/fhir+json')
      .send({
        resourceType: 'Parameters',
        parameter: [
          { name: '_type', valueCode: 'ExplanationOfBenefit' },
          { name: '_count', valueInteger: 3 },
        ],
      })
      .auth(patientToken, { type: 'bearer' })
      .expect(200);
    const bundle = res.body as Bundle;
    expect(entries(bundle, 'match').map((r) => r.resourceType)).to.deep.equal([
      'ExplanationOfBenefit',
      'ExplanationOfBenefit',
      'ExplanationOfBenefit',
    ]);
    const next = bundle.link?.find((link) => link.relation === 'next')?.url ?? '';
    expect(next).to.contain('_type=ExplanationOfBenefit').and.to.contain('_cursor=');
  });

  it('records the disclosure in the audit trail', async () => {
    const events = await fx.store.audit.query({ patientId: member });
    const everything = events.filter((e) => e.interaction === 'operation:$everything');
    expect(everything.length).to.be.at.least(pages.length);
    expect(everything[0]?.resourceTypes).to.include('ExplanationOfBenefit');
  });
});

/**
 * Whether an EOB's care date overlaps [start, end] (dates): its billing period, else its
 * lines' service dates or periods, else its creation date; compared as date strings.
 */
function eobOverlaps(resource: Resource, start: string, end: string): boolean {
  const eob = resource as ExplanationOfBenefit;
  const overlaps = (from = '0000', to = '9999') =>
    from.slice(0, 10) <= end && to.slice(0, 10) >= start;
  if (eob.billablePeriod) return overlaps(eob.billablePeriod.start, eob.billablePeriod.end);
  const lines = (eob.item ?? []).filter((item) => item.servicedDate ?? item.servicedPeriod);
  if (lines.length > 0) {
    return lines.some((item) =>
      item.servicedDate
        ? overlaps(item.servicedDate, item.servicedDate)
        : overlaps(item.servicedPeriod?.start, item.servicedPeriod?.end),
    );
  }
  return overlaps(eob.created, eob.created);
}

/** The Patient plus every Coverage, EOB and Provenance of the member, by ordinary searches. */
async function unionOfSearches(
  fx: EverythingFixture,
  token: string,
  member: string,
): Promise<Set<string>> {
  const keys = new Set([`Patient/${member}`]);
  for (const type of ['Coverage', 'ExplanationOfBenefit', 'Provenance']) {
    const query = { _count: '100', ...(type === 'Provenance' ? { patient: member } : {}) };
    for (const page of await allPages(fx.gw, type, token, query)) {
      for (const resource of entries(page, 'match')) keys.add(keyOf(resource));
    }
  }
  return keys;
}

import type { ExplanationOfBenefit } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { startClaimsBackend, type RunningClaimsBackend } from '../../mock-backends/claims/index.js';
import type { Plugin, RequestContext, SearchCriterion } from '../sdk/contract.js';
import { BadRequestError } from '../sdk/errors.js';
import { testPluginContext, testRequestContext } from '../sdk/testing.js';
import createClaimsPlugin from './index.js';
import type { LegacyClaim } from './legacy-api.js';
import { allClaims } from './test-support.js';

const EOB = 'ExplanationOfBenefit';
const CLAIM_ID_SYSTEM = 'https://cascade-mutual.example.org/fhir/sid/claim-id';

function criterion(name: string, ...values: string[]): SearchCriterion {
  return { name, values };
}

function day(legacy: string): string {
  return `${legacy.slice(0, 4)}-${legacy.slice(4, 6)}-${legacy.slice(6, 8)}`;
}

describe('claims plugin: ExplanationOfBenefit search, paging, stream and the 2016 window', function () {
  this.timeout(60_000);
  let backend: RunningClaimsBackend;
  let plugin: Plugin;
  let raw: LegacyClaim[];
  let served: LegacyClaim[];

  before(async () => {
    backend = await startClaimsBackend({ members: 12, seed: 3, validateResponses: true });
    plugin = await createClaimsPlugin({ baseUrl: backend.url }, testPluginContext());
    raw = await allClaims(backend.url);
    served = raw.filter((claim) => claim.SVC_THRU_DT >= '20160101');
  });
  after(() => backend.close());

  /** Every id a search finds, walking all pages of `count`. */
  async function ids(
    criteria: SearchCriterion[],
    count = 7,
    ctx: RequestContext = testRequestContext(),
  ): Promise<string[]> {
    const found: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 500; pages++) {
      const req = { resourceType: EOB, criteria, count, wantTotal: false, cursor };
      const page = await plugin.search!(req, ctx);
      found.push(...page.resources.map((r) => r.id ?? ''));
      cursor = page.nextCursor;
      if (!cursor) return found;
    }
    throw new Error('paging did not end');
  }

  function expected(keep: (claim: LegacyClaim) => boolean): string[] {
    return served.filter(keep).map((claim) => `clm-${claim.CLM_ID}`);
  }

  it('the fixture holds claims before 2016 and after', () => {
    expect(raw.length).to.be.greaterThan(served.length);
    expect(served.length).to.be.greaterThan(20);
  });

  it('2016 window: older claims are not read, searched or streamed', async () => {
    const old = raw.find((claim) => claim.SVC_THRU_DT < '20160101');
    const id = `clm-${old?.CLM_ID}`;
    expect(await plugin.read!({ resourceType: EOB, id }, testRequestContext())).to.equal(undefined);
    expect(await ids([criterion('_id', id)])).to.deep.equal([]);
    expect(await ids([criterion('patient', `Patient/${old?.MBR_ID}`)])).to.not.include(id);
    expect(await ids([criterion('service-date', 'lt2016-01-01')])).to.deep.equal([]);
    const streamed: string[] = [];
    const request = { types: [EOB] };
    for await (const item of plugin.stream!(request, testRequestContext())) {
      streamed.push(item.resource.id ?? '');
    }
    expect(streamed).to.deep.equal(expected(() => true));
  });

  it('pages without loss or duplicates, with an exact total', async () => {
    expect(await ids([], 4)).to.deep.equal(expected(() => true));
    const req = { resourceType: EOB, criteria: [], count: 3, wantTotal: true };
    const first = await plugin.search!(req, testRequestContext());
    expect(first.total).to.equal(served.length);
    expect(first.resources).to.have.lengthOf(3);
  });

  it('_id and identifier (value and system|value)', async () => {
    const claim = served[3] as LegacyClaim;
    expect(await ids([criterion('_id', `clm-${claim.CLM_ID}`)])).to.deep.equal([
      `clm-${claim.CLM_ID}`,
    ]);
    expect(await ids([criterion('identifier', claim.CLM_ID)])).to.deep.equal([
      `clm-${claim.CLM_ID}`,
    ]);
    const token = `${CLAIM_ID_SYSTEM}|${claim.CLM_ID}`;
    expect(await ids([criterion('identifier', token)])).to.have.lengthOf(1);
    expect(await ids([criterion('identifier', `urn:other|${claim.CLM_ID}`)])).to.have.lengthOf(0);
  });

  it('patient, and constraints.patientIds narrowing it', async () => {
    const member = (served[0] as LegacyClaim).MBR_ID;
    const mine = expected((claim) => claim.MBR_ID === member);
    expect(await ids([criterion('patient', `Patient/${member}`)])).to.deep.equal(mine);
    const constrained = testRequestContext({ constraints: { patientIds: [member] } });
    expect(await ids([], 5, constrained)).to.deep.equal(mine);
    const other = served.find((claim) => claim.MBR_ID !== member)?.MBR_ID ?? '';
    expect(await ids([criterion('patient', other)], 5, constrained)).to.deep.equal([]);
  });

  it('type: institutional covers inpatient and outpatient; system|code too', async () => {
    const institutional = expected((c) => c.CLM_TYP_CD.startsWith('INST'));
    expect(await ids([criterion('type', 'institutional')])).to.deep.equal(institutional);
    const system = 'http://terminology.hl7.org/CodeSystem/claim-type';
    const both = expected((c) => c.CLM_TYP_CD === 'RX' || c.CLM_TYP_CD === 'DENT');
    const found = await ids([criterion('type', `${system}|pharmacy`, 'oral')]);
    expect(found).to.deep.equal(both);
  });

  it('service-date: any day of service in the range, with prefixes', async () => {
    const claim = served[5] as LegacyClaim;
    const on = day(claim.SVC_FROM_DT);
    const covering = expected(
      (c) => c.SVC_FROM_DT <= claim.SVC_FROM_DT && c.SVC_THRU_DT >= claim.SVC_FROM_DT,
    );
    expect(await ids([criterion('service-date', on)])).to.deep.equal(covering);
    const year = on.slice(0, 4);
    const inYear = expected(
      (c) => c.SVC_FROM_DT <= `${year}1231` && c.SVC_THRU_DT >= `${year}0101`,
    );
    expect(await ids([criterion('service-date', year)])).to.deep.equal(inYear);
    const after = expected((c) => c.SVC_THRU_DT > `${year}1231`);
    expect(await ids([criterion('service-date', `gt${year}`)])).to.deep.equal(after);
  });

  it('service-start-date and billable-period-start: the first day of service', async () => {
    const pivot = (served[Math.floor(served.length / 2)] as LegacyClaim).SVC_FROM_DT;
    const from = expected((c) => c.SVC_FROM_DT >= pivot);
    expect(await ids([criterion('service-start-date', `ge${day(pivot)}`)])).to.deep.equal(from);
    const before = expected((c) => c.SVC_FROM_DT < pivot);
    expect(await ids([criterion('billable-period-start', `lt${day(pivot)}`)])).to.deep.equal(
      before,
    );
    const month = day(pivot).slice(0, 7);
    const inMonth = expected((c) => c.SVC_FROM_DT.startsWith(month.replace('-', '')));
    expect(await ids([criterion('billable-period-start', month)])).to.deep.equal(inMonth);
  });

  it('_lastUpdated with ge and lt', async () => {
    const stamps = served.map((c) => c.LAST_UPD_TS).sort();
    const pivot = stamps[Math.floor(stamps.length / 2)] as string;
    const instant = `${pivot.slice(0, 10)}T${pivot.slice(11).replaceAll('.', ':')}Z`;
    const since = expected((c) => c.LAST_UPD_TS >= pivot);
    expect(await ids([criterion('_lastUpdated', `ge${instant}`)])).to.deep.equal(since);
    const before = expected((c) => c.LAST_UPD_TS < pivot);
    expect(await ids([criterion('_lastUpdated', `lt${instant}`)])).to.deep.equal(before);
  });

  it('provider, care-team, coverage, insurer and payee references', async () => {
    const claim = served.find((c) => c.RNDR_PRV_NPI !== null) as LegacyClaim;
    const byProvider = expected((c) => c.BILL_PRV_NPI === claim.BILL_PRV_NPI);
    const provider = criterion('provider', `Organization/npi-${claim.BILL_PRV_NPI}`);
    expect(await ids([provider])).to.deep.equal(byProvider);
    const npi = claim.RNDR_PRV_NPI ?? '';
    const team = await ids([criterion('care-team', `Practitioner/npi-${npi}`)]);
    expect(team).to.include(`clm-${claim.CLM_ID}`);
    const coverage = `${claim.MBR_ID}-${claim.ELIG_SPAN_SEQ}`;
    const byCoverage = expected((c) => `${c.MBR_ID}-${c.ELIG_SPAN_SEQ}` === coverage);
    expect(await ids([criterion('coverage', `Coverage/${coverage}`)])).to.deep.equal(byCoverage);
    expect(await ids([criterion('insurer', 'Organization/CMHP1')])).to.have.lengthOf(served.length);
    expect(await ids([criterion('insurer', 'Organization/OTHER')])).to.deep.equal([]);
    const paid = served.find((c) => c.PAYEE_TYP_CD === 'PRV') as LegacyClaim;
    const payee = await ids([criterion('payee', `Organization/npi-${paid.PAYEE_ID}`)]);
    expect(payee).to.include(`clm-${paid.CLM_ID}`);
  });

  it('refuses bad dates, modifiers and cursors with a 400', async () => {
    const ctx = testRequestContext();
    const bad = [
      { criteria: [criterion('service-date', 'soon')] },
      { criteria: [{ name: 'patient', modifier: 'missing', values: ['true'] }] },
      { criteria: [], cursor: 'not-a-cursor' },
    ];
    for (const req of bad) {
      const search = plugin.search!({ resourceType: EOB, count: 5, wantTotal: false, ...req }, ctx);
      const err = await search.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(BadRequestError);
    }
  });

  it('every page resource is an EOB of the plugin', async () => {
    const req = { resourceType: EOB, criteria: [], count: 10, wantTotal: false };
    const page = await plugin.search!(req, testRequestContext());
    for (const resource of page.resources as ExplanationOfBenefit[]) {
      expect(resource.resourceType).to.equal(EOB);
      expect(resource.id).to.match(/^clm-\d{17}$/);
    }
  });
});

/**
 * The rule's window (CMS-0057-F; PDex 2.1.0 Prior Authorization): requests are visible while
 * active and for one year after their last status change, drugs never; read, search and
 * stream agree, and the plugin's own check matches the backend's `retainedOn` filter.
 */
import { expect } from 'chai';
import { testRequestContext } from '../sdk/testing.js';
import { authSchema, type LegacyAuth } from './legacy-api.js';
import { eobIdOf } from './map-eob.js';
import { isVisible, yearBefore } from './retention.js';
import {
  AS_OF,
  searchAll,
  startFixture,
  type PriorAuthFixture,
} from '../../test/support/prior-auth-fixture.js';

const TODAY = AS_OF.replaceAll('-', '');

describe('prior-auth plugin: retention window and scope', () => {
  let fixture: PriorAuthFixture;
  let all: LegacyAuth[];

  before(async () => {
    fixture = await startFixture(200);
    const body = (await (await fetch(`${fixture.backend.url}/auths?limit=500`)).json()) as {
      AUTHS: unknown[];
    };
    all = body.AUTHS.map((row) => authSchema.parse(row));
  });
  after(() => fixture.close());

  it('has requests on both sides of the window, and drug requests, to test with', () => {
    expect(all.some((auth) => isVisible(auth, TODAY))).to.equal(true);
    expect(all.some((auth) => !isVisible(auth, TODAY) && auth.AUTH_TYP_CD !== 'DRUG')).to.equal(
      true,
    );
    expect(all.some((auth) => auth.AUTH_TYP_CD === 'DRUG')).to.equal(true);
  });

  it('read answers exactly the visible requests', async () => {
    const ctx = testRequestContext();
    for (const auth of all) {
      const read = await fixture.plugin.read!(
        { resourceType: 'ExplanationOfBenefit', id: eobIdOf(auth.AUTH_NBR) },
        ctx,
      );
      expect(read !== undefined, auth.AUTH_NBR).to.equal(isVisible(auth, TODAY));
    }
  });

  it('search and stream return the visible requests, never a drug', async () => {
    const expected = all
      .filter((auth) => isVisible(auth, TODAY))
      .map((auth) => eobIdOf(auth.AUTH_NBR))
      .sort();
    const searched = (await searchAll(fixture.plugin)).map((eob) => eob.id).sort();
    expect(searched).to.deep.equal(expected);
    const streamed: string[] = [];
    const req = { types: ['ExplanationOfBenefit'] };
    for await (const item of fixture.plugin.stream!(req, testRequestContext())) {
      streamed.push(item.resource.id ?? '');
    }
    expect(streamed.sort()).to.deep.equal(expected);
    const drugs = new Set(all.filter((a) => a.AUTH_TYP_CD === 'DRUG').map((a) => a.AUTH_NBR));
    expect(searched.filter((id) => drugs.has((id ?? '').slice(3)))).to.deep.equal([]);
  });

  it('agrees with the backend retainedOn filter', async () => {
    const url = `${fixture.backend.url}/auths?limit=500&retainedOn=${TODAY}`;
    const body = (await (await fetch(url)).json()) as { AUTHS: unknown[] };
    const kept = body.AUTHS.map((row) => authSchema.parse(row)).filter(
      (a) => a.AUTH_TYP_CD !== 'DRUG',
    );
    const mine = all.filter((auth) => isVisible(auth, TODAY));
    expect(mine.map((a) => a.AUTH_NBR)).to.deep.equal(kept.map((a) => a.AUTH_NBR));
  });

  it('keeps a closed request one year after its status change, then drops it', () => {
    const closed = all.find((a) => a.AUTH_STAT_CD === 'DENY') as LegacyAuth;
    const changed = new Date(`${closed.LAST_STAT_CHG_TS.slice(0, 10)}T00:00:00Z`);
    const yearLater = new Date(changed);
    yearLater.setUTCFullYear(changed.getUTCFullYear() + 1);
    expect(isVisible(closed, legacyDay(changed))).to.equal(true);
    expect(isVisible(closed, legacyDay(yearLater))).to.equal(true);
    const dayAfter = new Date(yearLater.getTime() + 86_400_000);
    expect(isVisible(closed, legacyDay(dayAfter))).to.equal(false);
  });

  it('keeps an approval while it is unexpired, however old its status change', () => {
    const approved = all.find((a) => a.AUTH_STAT_CD === 'APPR' && a.AUTH_EXP_DT) as LegacyAuth;
    const expiry = approved.AUTH_EXP_DT as string;
    const old = { ...approved, LAST_STAT_CHG_TS: '2016-01-04-09.00.00' };
    expect(isVisible(old, expiry)).to.equal(true);
    expect(isVisible(old, `${Number(expiry.slice(0, 4)) + 1}1231`)).to.equal(false);
    expect(isVisible({ ...old, AUTH_STAT_CD: 'PEND' }, '20990101')).to.equal(true);
    expect(isVisible({ ...old, AUTH_TYP_CD: 'DRUG' }, expiry)).to.equal(false);
  });

  it('counts the year from midnight of the same calendar day', () => {
    expect(yearBefore('20251201')).to.equal('2024-12-01-00.00.00');
  });
});

function legacyDay(date: Date): string {
  return date.toISOString().slice(0, 10).replaceAll('-', '');
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { memberAt } from '../synthetic/index.js';
import { createMembershipBackend, type MembershipBackend } from './index.js';

const SEED = 7;
const COUNT = 120;

describe('mock membership backend', () => {
  let backend: MembershipBackend;
  const api = () => request(backend.app);

  before(() => {
    backend = createMembershipBackend({ members: COUNT, seed: SEED, validateResponses: true });
  });
  after(() => backend.close());
  afterEach(() => backend.faults.clear());

  describe('reference data', () => {
    it('reports health with the member count', async () => {
      await api().get('/health').expect(200, { STATUS: 'UP', MBR_CNT: COUNT });
    });

    it('serves the payer and the plan catalog', async () => {
      const payer = await api().get('/payer').expect(200);
      expect(payer.body).to.include({ PAYER_ID: 'CMHP1', PAYER_NM: 'Cascade Mutual Health Plan' });
      const plans = await api().get('/plans').expect(200);
      expect(plans.body.PLANS).to.have.length(6);
      const plan = await api().get('/plans/CMHP-MA-300').expect(200);
      expect(plan.body).to.include({ LOB_CD: 'MA', SOPT_CD: '111' });
    });

    it('answers 404 in its own error shape for an unknown plan or path', async () => {
      await api().get('/plans/NOPE').expect(404, { ERR_CD: 'E404', ERR_MSG: 'Plan not found' });
      const res = await api().get('/nowhere').expect(404);
      expect(res.body).to.include({ ERR_CD: 'E404' });
    });
  });

  describe('GET /members/{id}', () => {
    it('returns the generated member in the legacy layout, with its spans', async () => {
      const expected = memberAt(2, SEED);
      const res = await api().get(`/members/${expected.memberId}`).expect(200);
      expect(res.body).to.include({
        MBR_ID: expected.memberId,
        SUB_ID: expected.subscriberId,
        LAST_NM: expected.familyName,
        FIRST_NM: expected.givenName,
        BIRTH_DT: expected.birthDate.replaceAll('-', ''),
        LANG_CD: expected.language.iso639_2,
      });
      expect(res.body.REL_CD).to.equal(
        { self: '18', spouse: '01', child: '19' }[expected.relationship],
      );
      expect(res.body.ELIG_SPANS).to.have.length(expected.coverage.length);
      const last = res.body.ELIG_SPANS.at(-1);
      expect(last.TERM_DT).to.equal(
        expected.coverage.at(-1)?.end?.replaceAll('-', '') ?? '99991231',
      );
    });

    it('answers 404 for an unknown member, and 400 for a malformed id', async () => {
      await api()
        .get('/members/MBR99999999')
        .expect(404, { ERR_CD: 'E404', ERR_MSG: 'Member not found' });
      await api().get('/members/MBR99999999/eligibility').expect(404);
      const res = await api().get('/members/12345').expect(400);
      expect(res.body.ERR_CD).to.equal('E400');
      expect(res.body.ERR_DTL[0]).to.match(/memberId/);
    });
  });

  describe('GET /members', () => {
    it('pages in a stable order: pages join into the full list', async () => {
      const all = (await api().get('/members').query({ limit: 500, total: 'Y' }).expect(200)).body;
      expect(all.TOTAL_CNT).to.equal(COUNT);
      const ids: string[] = [];
      for (let offset = 0; offset < COUNT; offset += 25) {
        const page = await api().get('/members').query({ offset, limit: 25 }).expect(200);
        expect(page.body).to.not.have.property('TOTAL_CNT');
        ids.push(...page.body.MEMBERS.map((m: { MBR_ID: string }) => m.MBR_ID));
      }
      expect(ids).to.deep.equal(all.MEMBERS.map((m: { MBR_ID: string }) => m.MBR_ID));
    });

    it('matches names exactly (case-sensitive) or by * wildcard (case-insensitive)', async () => {
      const family = memberAt(0, SEED).familyName;
      const exact = await api().get('/members').query({ lastName: family, total: 'Y' }).expect(200);
      expect(exact.body.TOTAL_CNT).to.be.at.least(1);
      expect(exact.body.MEMBERS.every((m: { LAST_NM: string }) => m.LAST_NM === family)).to.equal(
        true,
      );
      const lower = await api()
        .get('/members')
        .query({ lastName: family.toLowerCase(), total: 'Y' });
      expect(lower.body.TOTAL_CNT).to.equal(0);
      const prefix = await api()
        .get('/members')
        .query({ lastName: `${family.slice(0, 3).toLowerCase()}*`, total: 'Y' });
      expect(prefix.body.TOTAL_CNT).to.be.at.least(exact.body.TOTAL_CNT);
      const contains = await api()
        .get('/members')
        .query({ name: `*${family.slice(1, 4)}*`, total: 'Y' });
      expect(contains.body.TOTAL_CNT).to.be.at.least(exact.body.TOTAL_CNT);
    });

    it('filters by birth date range, sex, member ids and subscriber id', async () => {
      const range = await api()
        .get('/members')
        .query({ birthDateFrom: '19700101', birthDateTo: '19791231', limit: 500 });
      for (const m of range.body.MEMBERS) expect(m.BIRTH_DT).to.match(/^197\d/);
      const women = await api().get('/members').query({ sex: 'F', limit: 500 });
      expect(women.body.MEMBERS.every((m: { SEX_CD: string }) => m.SEX_CD === 'F')).to.equal(true);
      const ids = await api().get('/members').query({ memberId: 'MBR00000003,MBR00000001' });
      expect(ids.body.MEMBERS.map((m: { MBR_ID: string }) => m.MBR_ID)).to.deep.equal([
        'MBR00000001',
        'MBR00000003',
      ]);
      const subscriber = memberAt(0, SEED);
      const family = await api().get('/members').query({ subscriberId: subscriber.subscriberId });
      for (const m of family.body.MEMBERS) expect(m.SUBSCR_MBR_ID).to.equal(subscriber.memberId);
    });

    it('filters by last update', async () => {
      const since = '2026-01-01T00:00:00Z';
      const res = await api()
        .get('/members')
        .query({ updatedSince: since, limit: 500, total: 'Y' });
      expect(res.body.TOTAL_CNT).to.be.above(0).and.below(COUNT);
      for (const m of res.body.MEMBERS) {
        expect(m.LAST_UPD_TS >= '2026-01-01-00.00.00').to.equal(true);
      }
    });

    it('answers 400 in its own shape for a bad query', async () => {
      const unknown = await api().get('/members').query({ ssn: '123' }).expect(400);
      expect(unknown.body).to.deep.equal({
        ERR_CD: 'E400',
        ERR_MSG: 'Invalid request',
        ERR_DTL: ["/query/ssn Unknown query parameter 'ssn'"],
      });
      const date = await api().get('/members').query({ birthDate: '1970-01-01' }).expect(400);
      expect(date.body.ERR_DTL[0]).to.match(/birthDate/);
      await api().get('/members').query({ limit: 501 }).expect(400);
      await api().get('/members').query({ lastName: 'Smith%' }).expect(400);
    });
  });

  describe('eligibility', () => {
    it('lists spans with their member keys, by status, subscriber and span', async () => {
      const terminated = await api()
        .get('/eligibility')
        .query({ status: 'T', limit: 500 })
        .expect(200);
      expect(terminated.body.ELIG_SPANS.length).to.be.above(0);
      for (const span of terminated.body.ELIG_SPANS) expect(span.TERM_DT).to.not.equal('99991231');
      const subscriber = memberAt(0, SEED);
      const family = await api()
        .get('/eligibility')
        .query({ subscriberMemberId: subscriber.memberId });
      expect(family.body.ELIG_SPANS[0]).to.include({
        MBR_ID: subscriber.memberId,
        REL_CD: '18',
        SPAN_SEQ: 1,
      });
      const one = await api()
        .get('/eligibility')
        .query({ memberId: subscriber.memberId, spanSeq: 1 });
      expect(one.body.ELIG_SPANS).to.have.length(1);
    });

    it('finds the spans a member holds or subscribes for (memberOrSubscriberId)', async () => {
      const all = (await api().get('/eligibility').query({ limit: 500 }).expect(200)).body
        .ELIG_SPANS as { MBR_ID: string; SUBSCR_MBR_ID: string }[];
      const dependent = all.find((span) => span.MBR_ID !== span.SUBSCR_MBR_ID);
      expect(dependent, 'a dependent in the fixture').to.not.equal(undefined);
      const [subscriber, other] = [dependent?.SUBSCR_MBR_ID ?? '', memberAt(1, SEED).memberId];
      const ids = [subscriber, other];
      const expected = all.filter((s) => ids.includes(s.MBR_ID) || ids.includes(s.SUBSCR_MBR_ID));
      const res = await api()
        .get('/eligibility')
        .query({ memberOrSubscriberId: ids.join(','), limit: 500 })
        .expect(200);
      expect(res.body.ELIG_SPANS).to.deep.equal(expected);
      expect(expected.some((s) => s.MBR_ID === dependent?.MBR_ID)).to.equal(true);
    });

    it("serves a member's spans oldest first", async () => {
      const res = await api().get('/members/MBR00000001/eligibility').expect(200);
      const starts = res.body.ELIG_SPANS.map((span: { EFF_DT: string }) => span.EFF_DT);
      expect(starts).to.deep.equal([...starts].sort());
    });
  });

  describe('fault injection', () => {
    it('is off by default and fails the next requests with the given status', async () => {
      await api().get('/__faults').expect(200, {});
      await api().post('/__faults').send({ status: 503, times: 2 }).expect(204);
      await api().get('/health').expect(503, { ERR_CD: 'E503', ERR_MSG: 'Injected fault' });
      await api().get('/members/MBR00000001').expect(503);
      await api().get('/health').expect(200);
    });

    it('delays answers, only on the given path prefix, until cleared', async () => {
      await api().post('/__faults').send({ delayMs: 300, pathPrefix: '/members' }).expect(204);
      let started = Date.now();
      await api().get('/members/MBR00000001').expect(200);
      expect(Date.now() - started).to.be.at.least(290);
      started = Date.now();
      await api().get('/health').expect(200);
      expect(Date.now() - started).to.be.below(250);
      await api().delete('/__faults').expect(204);
      started = Date.now();
      await api().get('/members/MBR00000001').expect(200);
      expect(Date.now() - started).to.be.below(250);
    });

    it('rejects a malformed fault', async () => {
      await api().post('/__faults').send({ status: 200 }).expect(400);
      await api().post('/__faults').send({ explode: true }).expect(400);
    });
  });
});

describe('mock membership backend: database file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'membership-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a file once, then opens it read-only with the same members', async () => {
    const dbPath = join(dir, 'members.db');
    const first = createMembershipBackend({ members: 30, seed: 4, dbPath });
    const before = (await request(first.app).get('/members').query({ limit: 30 })).body;
    first.close();

    const reopened = createMembershipBackend({ dbPath });
    expect(reopened.population).to.deep.equal({ count: 30, seed: 4 });
    const after = (await request(reopened.app).get('/members').query({ limit: 30 })).body;
    reopened.close();
    expect(after).to.deep.equal(before);
  });

  it('refuses a file holding another population than asked for', () => {
    const dbPath = join(dir, 'members.db');
    expect(() => createMembershipBackend({ dbPath, seed: 5 })).to.throw(
      /holds 30 members of seed 4/,
    );
  });
});

import { expect } from 'chai';
import request from 'supertest';
import { buildDirectory, generateMembers, isValidNpi, priorAuthsOf } from '../synthetic/index.js';
import {
  createUtilizationBackend,
  startUtilizationBackend,
  type UtilizationBackend,
} from './index.js';

const SEED = 6;
const MEMBERS = 1200;

// Response bodies are untyped JSON; the OpenAPI response validation checks their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** Active on `day` (YYYYMMDD), or last status change within the year before it. */
function retained(auth: Json, day: string): boolean {
  const yearBefore = `${Number(day.slice(0, 4)) - 1}-${day.slice(4, 6)}-${day.slice(6)}-00.00.00`;
  if (auth.AUTH_STAT_CD === 'PEND') return true;
  const approved = auth.AUTH_STAT_CD === 'APPR' || auth.AUTH_STAT_CD === 'PART';
  if (approved && auth.AUTH_EXP_DT >= day) return true;
  return auth.LAST_STAT_CHG_TS >= yearBefore;
}

describe('mock utilization management backend', () => {
  let backend: UtilizationBackend;
  let everything: Json[];
  const api = () => request(backend.app);

  async function every(path: string, query: Json = {}): Promise<Json[]> {
    const auths: Json[] = [];
    for (let offset = 0; ; offset += 500) {
      const res = await api()
        .get(path)
        .query({ ...query, offset, limit: 500 })
        .expect(200);
      auths.push(...res.body.AUTHS);
      if (res.body.AUTHS.length < 500) return auths;
    }
  }

  before(async () => {
    backend = createUtilizationBackend({ members: MEMBERS, seed: SEED, validateResponses: true });
    everything = await every('/auths');
  });
  after(() => backend.close());
  afterEach(() => backend.faults.clear());

  describe('contents', () => {
    it('holds every synthetic request of the population, in request number order', () => {
      const members = [...generateMembers({ count: MEMBERS, seed: SEED })];
      const expected = members.flatMap((m) => priorAuthsOf(m, { seed: SEED }));
      const numbers = expected.map((a) => a.authNumber).sort();
      expect(everything.map((a) => a.AUTH_NBR)).to.deep.equal(numbers);
      expect(backend.population.auths).to.equal(expected.length);
    });

    it('uses the legacy codes and carries a specific reason on every denial', () => {
      const statuses = new Set(everything.map((a) => a.AUTH_STAT_CD));
      expect([...statuses].sort()).to.deep.equal(['APPR', 'CANC', 'DENY', 'EXPD', 'PART', 'PEND']);
      for (const auth of everything.filter((a) => a.AUTH_STAT_CD === 'DENY')) {
        expect(auth.DENY_RSN_CD).to.be.oneOf(['MNC', 'DOC', 'ALT', 'NCB']);
        expect(auth.DENY_RSN_TXT).to.match(/\b[A-Z]{2,}-[A-Z0-9]+\b|Evidence of Coverage/);
        expect(auth.RVWR_TYP_CD).to.equal('MD');
        for (const line of auth.LINES) expect(line.LN_STAT_CD).to.equal('DENY');
      }
      for (const auth of everything.filter((a) => a.AUTH_STAT_CD === 'PART')) {
        expect(auth.LINES.some((l: Json) => l.DENY_RSN_CD === 'QTY')).to.equal(true);
      }
      for (const auth of everything) {
        expect(auth.DIAGS[0].DX_CD).to.not.contain('.');
        expect(auth.DOCS.length).to.be.above(0);
      }
    });

    it('names providers of the directory by valid NPIs', () => {
      const directory = buildDirectory({ seed: SEED });
      for (const auth of everything) {
        for (const npi of [auth.REQ_PRV_NPI, auth.SVC_PRV_NPI, auth.FAC_PRV_NPI]) {
          if (npi === null) continue;
          expect(isValidNpi(npi) && directory.byNpi.has(npi), npi).to.equal(true);
        }
      }
    });
  });

  describe('reads', () => {
    it("serves a member's requests and one request by number", async () => {
      const sample = everything.find((a) => a.APPEAL_IND === 'Y') ?? everything[0];
      const mine = await every(`/members/${sample?.MBR_ID}/auths`);
      expect(mine.map((a) => a.AUTH_NBR)).to.include(sample?.AUTH_NBR);
      const one = await api().get(`/auths/${sample?.AUTH_NBR}`).expect(200);
      expect(one.body).to.deep.equal(sample);
    });

    it('answers 404 for unknown members and requests, 400 for malformed ones', async () => {
      await api()
        .get('/auths/PA201600000000999')
        .expect(404, { ERR_CD: 'E404', ERR_MSG: 'Authorization not found' });
      await api()
        .get('/members/MBR09999999/auths')
        .expect(404, { ERR_CD: 'E404', ERR_MSG: 'Member not found' });
      const res = await api().get('/auths/A1').expect(400);
      expect(res.body.ERR_DTL[0]).to.match(/authNbr/);
    });
  });

  describe('search', () => {
    it('filters by status, type (drugs excluded), urgency and member list', async () => {
      const open = await every('/auths', { status: 'PEND,APPR', urgency: 'E' });
      for (const a of open) {
        expect(a.AUTH_STAT_CD).to.be.oneOf(['PEND', 'APPR']);
        expect(a.URG_CD).to.equal('E');
      }
      const nonDrug = await every('/auths', { type: 'INP,OUTP,IMG,DME,THER' });
      expect(nonDrug.length).to.equal(everything.filter((a) => a.AUTH_TYP_CD !== 'DRUG').length);
      const two = [...new Set(everything.map((a) => a.MBR_ID))].slice(0, 2);
      const theirs = await every('/auths', { memberId: two.join(',') });
      expect(new Set(theirs.map((a) => a.MBR_ID))).to.deep.equal(new Set(two));
    });

    it('applies the rule window: active on the day or changed within the year before', async () => {
      const day = '20260701';
      const kept = await every('/auths', { retainedOn: day });
      const expected = everything.filter((a) => retained(a, day));
      expect(kept.map((a) => a.AUTH_NBR)).to.deep.equal(expected.map((a) => a.AUTH_NBR));
      expect(kept.length).to.be.above(0).and.below(everything.length);
      const stale = everything.filter((a) => !retained(a, day));
      expect(stale.some((a) => a.LAST_STAT_CHG_TS < '2025-07-01')).to.equal(true);
    });

    it('filters by last update and by last status change', async () => {
      const since = '2025-07-01T00:00:00Z';
      const changed = await every('/auths', { statusChangedSince: since });
      for (const a of changed) expect(a.LAST_STAT_CHG_TS >= '2025-07-01-00.00.00').to.equal(true);
      const updated = await every('/auths', { updatedSince: since });
      expect(updated.length).to.be.at.least(changed.length);
    });

    it('pages in a stable order', async () => {
      const paged: string[] = [];
      for (let offset = 0; offset < everything.length; offset += 97) {
        const res = await api().get('/auths').query({ offset, limit: 97 }).expect(200);
        paged.push(...res.body.AUTHS.map((a: Json) => a.AUTH_NBR));
      }
      expect(paged).to.deep.equal(everything.map((a) => a.AUTH_NBR));
    });

    it('answers 400 in its own shape for a bad query', async () => {
      const res = await api().get('/auths').query({ status: 'OPEN' }).expect(400);
      expect(res.body.ERR_CD).to.equal('E400');
      expect(res.body.ERR_DTL[0]).to.match(/status/);
      await api().get('/auths').query({ retainedOn: '2026-07-01' }).expect(400);
      await api().get('/auths').query({ since: 'x' }).expect(400);
    });
  });

  describe('fault injection', () => {
    it('fails the next request, then serves again', async () => {
      await api().post('/__faults').send({ status: 502, times: 1 }).expect(204);
      await api().get('/auths').expect(502, { ERR_CD: 'E502', ERR_MSG: 'Injected fault' });
      await api().get('/auths').expect(200);
    });
  });
});

describe('mock utilization management backend: listening', () => {
  it('listens on an ephemeral loopback port and reports its population', async () => {
    const running = await startUtilizationBackend({ members: 50, seed: 2 });
    try {
      const res = await fetch(`${running.url}/health`);
      const body = (await res.json()) as Json;
      expect(body).to.include({ STATUS: 'UP', MBR_CNT: 50 });
    } finally {
      await running.close();
    }
  });
});

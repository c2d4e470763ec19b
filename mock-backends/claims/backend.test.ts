import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { buildDirectory, claimsOf, isValidNpi, memberAt } from '../synthetic/index.js';
import { createClaimsBackend, startClaimsBackend, type ClaimsBackend } from './index.js';

const SEED = 3;
const MEMBERS = 60;

// Response bodies are untyped JSON; the OpenAPI response validation checks their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const cents = (value: number): number => Math.round(value * 100);
const sum = (rows: Json[], key: string): number => rows.reduce((t, r) => t + cents(r[key]), 0);

describe('mock claims backend', () => {
  let backend: ClaimsBackend;
  const api = () => request(backend.app);

  async function every(path: string, query: Json = {}): Promise<Json[]> {
    const claims: Json[] = [];
    for (let offset = 0; ; offset += 200) {
      const res = await api()
        .get(path)
        .query({ ...query, offset, limit: 200 })
        .expect(200);
      claims.push(...res.body.CLAIMS);
      if (res.body.CLAIMS.length < 200) return claims;
    }
  }

  before(() => {
    backend = createClaimsBackend({ members: MEMBERS, seed: SEED, validateResponses: true });
  });
  after(() => backend.close());
  afterEach(() => backend.faults.clear());

  describe('health and reference data', () => {
    it('reports members and claims, and lists its adjustment reason codes', async () => {
      const health = await api().get('/health').expect(200);
      expect(health.body).to.include({ STATUS: 'UP', MBR_CNT: MEMBERS });
      expect(health.body.CLM_CNT).to.equal(backend.population.claims).and.be.above(MEMBERS);
      const codes = await api().get('/reference/adjustment-reasons').expect(200);
      expect(codes.body.CARCS.map((c: Json) => c.CARC_CD)).to.include.members([
        '1',
        '2',
        '3',
        '197',
      ]);
    });
  });

  describe("a member's claims", () => {
    it('serves the synthetic claims of the member by claim id, in the legacy layout', async () => {
      const member = memberAt(4, SEED);
      const expected = claimsOf(member, { seed: SEED });
      const claims = await every(`/members/${member.memberId}/claims`);
      expect(claims.map((c) => c.CLM_ID)).to.deep.equal(expected.map((c) => c.claimId).sort());
      const [first] = claims;
      const source = expected.find((c) => c.claimId === first?.CLM_ID);
      expect(first).to.include({
        MBR_ID: member.memberId,
        SUB_ID: member.subscriberId,
        SVC_FROM_DT: source?.serviceStart.replaceAll('-', ''),
        TOT_PAID_AMT: source?.totals.paid,
        BILL_PRV_NPI: source?.billingNpi,
      });
      expect(first?.DIAGS[0]?.DX_CD).to.equal(source?.diagnoses[0]?.code.replace('.', ''));
    });

    it('answers 404 for a member outside the population and 400 for a malformed id', async () => {
      await api()
        .get('/members/MBR00009999/claims')
        .expect(404, { ERR_CD: 'E404', ERR_MSG: 'Member not found' });
      const res = await api().get('/members/12/claims').expect(400);
      expect(res.body.ERR_DTL[0]).to.match(/memberId/);
    });

    it('serves one claim by id, 404 for an unknown one', async () => {
      const [claim] = await every('/members/MBR00000001/claims');
      const res = await api().get(`/claims/${claim?.CLM_ID}`).expect(200);
      expect(res.body).to.deep.equal(claim);
      await api()
        .get('/claims/99001000000010001')
        .expect(404, { ERR_CD: 'E404', ERR_MSG: 'Claim not found' });
    });
  });

  describe('consistency and realism', () => {
    let claims: Json[];
    before(async () => {
      claims = await every('/claims');
    });

    it('holds the claims of every member, only within their eligibility spans', () => {
      expect(claims).to.have.length(backend.population.claims);
      const members = new Map<string, ReturnType<typeof memberAt>>();
      for (const claim of claims) {
        const index = Number(claim.MBR_ID.slice(3)) - 1;
        const member = members.get(claim.MBR_ID) ?? memberAt(index, SEED);
        members.set(claim.MBR_ID, member);
        const span = member.coverage.find((p) => p.seq === claim.ELIG_SPAN_SEQ);
        const start = span?.start.replaceAll('-', '') ?? '99999999';
        const end = span?.end?.replaceAll('-', '') ?? '99991231';
        expect(claim.SVC_FROM_DT >= start && claim.SVC_THRU_DT <= end, claim.CLM_ID).to.equal(true);
        expect(claim.PLAN_ID).to.equal(span?.planId);
      }
      expect(members.size).to.be.above(MEMBERS / 2);
    });

    it('names providers of the directory by valid NPIs', () => {
      const directory = buildDirectory({ seed: SEED });
      const fields = ['BILL', 'RNDR', 'ATTND', 'OPER', 'REFR', 'PRSCRB', 'FAC'];
      for (const claim of claims) {
        for (const field of fields) {
          const npi = claim[`${field}_PRV_NPI`];
          if (npi === null) continue;
          expect(isValidNpi(npi) && directory.byNpi.has(npi), `${claim.CLM_ID} ${field}`).to.equal(
            true,
          );
        }
      }
    });

    it('balances amounts: totals are the sum of lines, paid <= allowed <= billed', () => {
      const amounts = ['BILLED', 'ALLOWED', 'PAID', 'DED', 'COPAY', 'COINS', 'NONCOV', 'DISC'];
      const problems: string[] = [];
      for (const claim of claims) {
        for (const key of amounts) {
          if (cents(claim[`TOT_${key}_AMT`]) !== sum(claim.LINES, `${key}_AMT`)) {
            problems.push(`${claim.CLM_ID} TOT_${key}_AMT`);
          }
        }
        for (const line of claim.LINES) {
          const shared = ['PAID_AMT', 'DED_AMT', 'COPAY_AMT', 'COINS_AMT'];
          const ok =
            line.PAID_AMT <= line.ALLOWED_AMT &&
            line.ALLOWED_AMT <= line.BILLED_AMT &&
            cents(line.ALLOWED_AMT) === shared.reduce((t, key) => t + sum([line], key), 0) &&
            sum(line.ADJ_RSNS, 'ADJ_AMT') === cents(line.BILLED_AMT) - cents(line.PAID_AMT);
          if (!ok) problems.push(`${claim.CLM_ID}/${line.LN_NBR}`);
        }
      }
      expect(problems).to.deep.equal([]);
    });

    it('gives each type its own fields', () => {
      const types = new Set(claims.map((c) => c.CLM_TYP_CD));
      expect([...types].sort()).to.deep.equal(['DENT', 'INST_IP', 'INST_OP', 'PROF', 'RX']);
      for (const claim of claims) {
        if (claim.CLM_TYP_CD === 'INST_IP') {
          expect(claim.TOB_CD).to.match(/^011[17]$/);
          expect(claim).to.include.keys('DRG_CD', 'ADMSN_DT', 'PTNT_STAT_CD');
          expect(claim.DIAGS[0].POA_IND).to.equal('Y');
        }
        if (claim.CLM_TYP_CD === 'RX') {
          expect(claim.LINES[0].NDC_CD).to.match(/^\d{11}$/);
          expect(claim.LINES[0].DAYS_SUPPLY_CNT).to.be.above(0);
        }
      }
    });
  });

  describe('search', () => {
    it('filters by type, status, dates of service, network and claim ids', async () => {
      const rx = await every('/claims', { type: 'RX,DENT', status: 'DN,PR' });
      for (const c of rx) {
        expect(c.CLM_TYP_CD).to.be.oneOf(['RX', 'DENT']);
        expect(c.CLM_STAT_CD).to.be.oneOf(['DN', 'PR']);
      }
      const window = await every('/claims', { serviceFrom: '20240101', serviceTo: '20241231' });
      expect(window.length).to.be.above(0);
      for (const c of window) {
        expect(c.SVC_THRU_DT >= '20240101' && c.SVC_FROM_DT <= '20241231').to.equal(true);
      }
      const out = await every('/claims', { network: 'O' });
      for (const c of out) expect(c.NTWK_IND).to.equal('O');
      const ids = window.slice(0, 3).map((c) => c.CLM_ID);
      const byId = await every('/claims', { claimId: ids.join(',') });
      expect(byId.map((c) => c.CLM_ID)).to.deep.equal(ids);
    });

    it('filters by last update and counts matches on request', async () => {
      const res = await api()
        .get('/claims')
        .query({ updatedSince: '2026-01-01T00:00:00Z', total: 'Y', limit: 200 })
        .expect(200);
      expect(res.body.TOTAL_CNT).to.be.above(0).and.below(backend.population.claims);
      for (const c of res.body.CLAIMS) {
        expect(c.LAST_UPD_TS >= '2026-01-01-00.00.00').to.equal(true);
      }
    });

    it('pages in a stable order across the member list', async () => {
      const ids = ['MBR00000002', 'MBR00000001', 'MBR00000007'];
      const full = await every('/claims', { memberId: ids.join(',') });
      const paged: string[] = [];
      for (let offset = 0; offset < full.length; offset += 7) {
        const res = await api()
          .get('/claims')
          .query({ memberId: ids.join(','), offset, limit: 7 })
          .expect(200);
        paged.push(...res.body.CLAIMS.map((c: Json) => c.CLM_ID));
      }
      expect(paged).to.deep.equal(full.map((c) => c.CLM_ID));
      expect(full[0]?.MBR_ID).to.equal('MBR00000001');
    });

    it('answers 400 in its own shape for a bad query', async () => {
      const res = await api().get('/claims').query({ provider: '1' }).expect(400);
      expect(res.body).to.deep.equal({
        ERR_CD: 'E400',
        ERR_MSG: 'Invalid request',
        ERR_DTL: ["/query/provider Unknown query parameter 'provider'"],
      });
      await api().get('/claims').query({ type: 'MEDICAL' }).expect(400);
      await api().get('/claims').query({ serviceFrom: '2024-01-01' }).expect(400);
      await api().get('/claims').query({ limit: 201 }).expect(400);
    });
  });

  describe('fault injection', () => {
    it('fails or delays requests until cleared', async () => {
      await api().post('/__faults').send({ status: 500, pathPrefix: '/claims' }).expect(204);
      await api().get('/claims').expect(500, { ERR_CD: 'E500', ERR_MSG: 'Injected fault' });
      await api().get('/health').expect(200);
      await api().delete('/__faults').expect(204);
      backend.faults.set({ delayMs: 200, times: 1 });
      const started = Date.now();
      await api().get('/health').expect(200);
      expect(Date.now() - started).to.be.at.least(190);
    });
  });
});

describe('mock claims backend: database file and listening', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claims-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a file once, reopens it read-only, refuses another population', async () => {
    const dbPath = join(dir, 'claims.db');
    const first = createClaimsBackend({ members: 12, seed: 8, dbPath });
    const before = (await request(first.app).get('/claims').query({ limit: 200 })).body;
    first.close();
    const running = await startClaimsBackend({ dbPath });
    try {
      expect(running.backend.population).to.include({ members: 12, seed: 8 });
      const res = await fetch(`${running.url}/claims?limit=200`);
      expect(await res.json()).to.deep.equal(before);
    } finally {
      await running.close();
    }
    expect(() => createClaimsBackend({ dbPath, seed: 9 })).to.throw(/holds claims of 12 members/);
  });
});

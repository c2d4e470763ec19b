import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { expect } from 'chai';
import request from 'supertest';
import { clinicalAt } from '../synthetic/index.js';
import {
  CLASSES,
  CLINICAL_OAS_PATH,
  createClinicalBackend,
  startClinicalBackend,
  type ClinicalBackend,
} from './index.js';

const SEED = 5;
const COUNT = 60;

describe('mock clinical backend', () => {
  let backend: ClinicalBackend;
  const api = () => request(backend.app);

  before(() => {
    backend = createClinicalBackend({ members: COUNT, seed: SEED, validateResponses: true });
  });
  after(() => backend.close());
  afterEach(() => backend.faults.clear());

  it('reports health with the member count', async () => {
    await api().get('/health').expect(200, { STATUS: 'UP', MBR_CNT: COUNT });
  });

  it("serves every class of a member's generated history, in the legacy layout", async () => {
    const expected = clinicalAt(0, SEED);
    for (const def of CLASSES) {
      const res = await api()
        .get(`/members/MBR00000001/${def.path}`)
        .query({ limit: 500, total: 'Y' })
        .expect(200);
      expect(res.body.TOTAL_CNT, def.path).to.equal(def.records(expected).length);
      const ids = res.body[def.listKey].map((row: Record<string, string>) => row[def.idColumn]);
      expect(ids, def.path).to.deep.equal(
        def
          .records(expected)
          .map((r) => (r as { id: string }).id)
          .sort(),
      );
    }
    const problems = await api().get('/members/MBR00000001/problems');
    const first = expected.conditions[0]!;
    expect(problems.body.PROBLEMS[0]).to.include({
      PRB_ID: first.id,
      MBR_ID: 'MBR00000001',
      SNOMED_CD: first.snomed,
      ICD10_CD: first.icd10,
      ONSET_DT: first.onsetDate.replaceAll('-', ''),
    });
  });

  it('serves a record by id, and 404s in the legacy shape', async () => {
    const encounter = clinicalAt(1, SEED).encounters[0]!;
    const res = await api().get(`/encounters/${encounter.id}`).expect(200);
    expect(res.body).to.include({
      ENC_ID: encounter.id,
      MBR_ID: 'MBR00000002',
      CPT_CD: encounter.cpt,
    });
    expect(res.body.ADMIT_TS).to.match(/^\d{4}-\d\d-\d\d-\d\d\.\d\d\.\d\d$/);
    await api()
      .get('/encounters/ENC9999999999999')
      .expect(404, { ERR_CD: 'E404', ERR_MSG: 'Record not found' });
    await api()
      .get('/members/MBR99999999/problems')
      .expect(404, { ERR_CD: 'E404', ERR_MSG: 'Member not found' });
  });

  it('pages across members in a stable order', async () => {
    const all = await api().get('/encounters').query({ limit: 500, total: 'Y' }).expect(200);
    const ids: string[] = [];
    for (let offset = 0; offset < Math.min(all.body.TOTAL_CNT, 500); offset += 70) {
      const page = await api().get('/encounters').query({ offset, limit: 70 });
      ids.push(...page.body.ENCOUNTERS.map((e: { ENC_ID: string }) => e.ENC_ID));
    }
    const expected = all.body.ENCOUNTERS.map((e: { ENC_ID: string }) => e.ENC_ID);
    expect(ids.slice(0, expected.length)).to.deep.equal(expected);
    const members = all.body.ENCOUNTERS.map((e: { MBR_ID: string }) => e.MBR_ID);
    expect(members).to.deep.equal([...members].sort());
  });

  it('pages by keyset: after the last id, nothing skipped or repeated', async () => {
    const all = await api().get('/problems').query({ limit: 500 }).expect(200);
    const expected = all.body.PROBLEMS.map((p: { PRB_ID: string }) => p.PRB_ID);
    const ids: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 100; guard++) {
      const page = await api()
        .get('/problems')
        .query({ limit: 37, total: 'Y', ...(after ? { after } : {}) })
        .expect(200);
      expect(page.body.TOTAL_CNT).to.equal(expected.length);
      const rows = page.body.PROBLEMS.map((p: { PRB_ID: string }) => p.PRB_ID);
      ids.push(...rows);
      after = rows[rows.length - 1];
      if (rows.length < 37) break;
    }
    expect(ids).to.deep.equal(expected);
    expect(expected).to.deep.equal([...expected].sort());
  });

  it('bounds another date column with dateOf and filters vital groups', async () => {
    const onset = await api()
      .get('/problems')
      .query({ dateOf: 'ONSET_DT', dateFrom: '20200101', dateTo: '20201231', limit: 500 });
    expect(onset.body.PROBLEMS.length).to.be.above(0);
    for (const p of onset.body.PROBLEMS) expect(p.ONSET_DT.slice(0, 4)).to.equal('2020');
    await api().get('/problems').query({ dateOf: 'TGT_DT' }).expect(400);
    const vital = clinicalAt(0, SEED).vitals[0]!;
    const group = await api().get('/vitals').query({ groupId: vital.groupId }).expect(200);
    expect(group.body.VITALS.length).to.be.above(0);
    for (const v of group.body.VITALS) expect(v.VTL_GRP_ID).to.equal(vital.groupId);
  });

  it('filters by date range, code, category, status, encounter, member list and update time', async () => {
    const range = await api()
      .get('/encounters')
      .query({ dateFrom: '20240101', dateTo: '20241231', limit: 500 });
    expect(range.body.ENCOUNTERS.length).to.be.above(0);
    for (const e of range.body.ENCOUNTERS) expect(e.ADMIT_TS.slice(0, 4)).to.equal('2024');
    const dtap = await api().get('/immunizations').query({ code: '20', limit: 500 });
    for (const i of dtap.body.IMMUNIZATIONS) expect(i.CVX_CD).to.equal('20');
    const bp = await api().get('/vitals').query({ category: 'BP_SYS,BP_DIA', limit: 500 });
    expect(new Set(bp.body.VITALS.map((v: { LOINC_CD: string }) => v.LOINC_CD))).to.deep.equal(
      new Set(['8480-6', '8462-4']),
    );
    const active = await api().get('/problems').query({ status: 'A', category: 'PL', limit: 500 });
    for (const p of active.body.PROBLEMS) {
      expect([p.CLIN_STAT_CD, p.PRB_CAT_CD]).to.deep.equal(['A', 'PL']);
    }
    const lab = clinicalAt(0, SEED).labs[0];
    if (lab) {
      const byEncounter = await api().get('/results').query({ encounterId: lab.encounterId });
      expect(
        byEncounter.body.RESULTS.every((r: { ENC_ID: string }) => r.ENC_ID === lab.encounterId),
      ).to.equal(true);
    }
    const two = await api()
      .get('/notes')
      .query({ memberId: 'MBR00000003,MBR00000002', limit: 500 });
    expect(new Set(two.body.NOTES.map((n: { MBR_ID: string }) => n.MBR_ID))).to.satisfy(
      (s: Set<string>) => [...s].every((id) => id === 'MBR00000002' || id === 'MBR00000003'),
    );
    const recent = await api()
      .get('/dispenses')
      .query({ updatedSince: '2026-01-01T00:00:00Z', limit: 500 });
    for (const d of recent.body.MED_DISPENSES) expect(d.LAST_UPD_TS >= '2026-01-01').to.equal(true);
  });

  it('serves the study reports among the notes, found by their LOINC note types and date', async () => {
    const types = ['18748-4', '11524-6', '11526-1'];
    const reports = await api()
      .get('/notes')
      .query({ code: types.join(','), dateFrom: '20200101', limit: 500, total: 'Y' })
      .expect(200);
    const expected = Array.from({ length: COUNT }, (_, i) => clinicalAt(i, SEED)).flatMap((r) =>
      r.notes.filter((n) => types.includes(n.loinc) && n.date >= '2020-01-01'),
    );
    expect(reports.body.TOTAL_CNT).to.equal(expected.length);
    expect(reports.body.NOTES.map((n: { NOTE_ID: string }) => n.NOTE_ID)).to.deep.equal(
      expected.map((n) => n.id).sort(),
    );
    expect(
      new Set(reports.body.NOTES.map((n: { NOTE_LOINC_CD: string }) => n.NOTE_LOINC_CD)),
    ).to.have.property('size', 3);
  });

  it('answers 400 in the legacy shape for a bad query', async () => {
    const status = await api().get('/problems').query({ status: 'Z' }).expect(400);
    expect(status.body.ERR_CD).to.equal('E400');
    expect(status.body.ERR_DTL[0]).to.match(/status/);
    const unknown = await api().get('/members/MBR00000001/vitals').query({ ssn: '1' }).expect(400);
    expect(unknown.body.ERR_DTL).to.deep.equal(["/query/ssn Unknown query parameter 'ssn'"]);
    await api().get('/results').query({ dateFrom: '2024-01-01' }).expect(400);
    await api().get('/encounters').query({ limit: 501 }).expect(400);
    await api().get('/members/12345/problems').expect(400);
  });

  it('injects delays and failures', async () => {
    await api()
      .post('/__faults')
      .send({ status: 503, times: 1, pathPrefix: '/members' })
      .expect(204);
    await api().get('/health').expect(200);
    await api()
      .get('/members/MBR00000001/problems')
      .expect(503, { ERR_CD: 'E503', ERR_MSG: 'Injected fault' });
    await api().get('/members/MBR00000001/problems').expect(200);
    await api().post('/__faults').send({ delayMs: 200 }).expect(204);
    const started = Date.now();
    await api().get('/goals').expect(200);
    expect(Date.now() - started).to.be.at.least(190);
  });

  it('documents every column of every class in its OpenAPI document', () => {
    const yaml = readFileSync(CLINICAL_OAS_PATH, 'utf8');
    for (const def of CLASSES) {
      expect(yaml, def.path).to.contain(`/members/{memberId}/${def.path}:`);
      for (const column of def.columns) {
        expect(yaml, `${def.table}.${column.name}`).to.contain(`${column.name}:`);
      }
    }
  });

  it('has the OpenAPI document its generator writes (the generator is the authority)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clinical-oas-'));
    try {
      const out = join(dir, 'clinical-backend.yaml');
      const generator = fileURLToPath(new URL('./openapi-gen.ts', import.meta.url));
      execFileSync(process.execPath, ['--import', 'tsx', generator, out]);
      const options = (await prettier.resolveConfig(CLINICAL_OAS_PATH)) ?? {};
      const generated = await prettier.format(readFileSync(out, 'utf8'), {
        ...options,
        filepath: CLINICAL_OAS_PATH,
      });
      expect(readFileSync(CLINICAL_OAS_PATH, 'utf8') === generated).to.equal(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('listens on an ephemeral port with startClinicalBackend', async () => {
    const running = await startClinicalBackend({ members: 5, seed: SEED });
    try {
      const res = await fetch(`${running.url}/members/MBR00000005/encounters?limit=1`);
      expect(res.status).to.equal(200);
    } finally {
      await running.close();
    }
  });
});

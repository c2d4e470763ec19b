import { expect } from 'chai';
import request from 'supertest';
import { buildDirectory, isValidNpi, PLANS } from '../synthetic/index.js';
import { distanceKm } from '../synthetic/providers-places.js';
import { createDirectoryBackend, startDirectoryBackend, type DirectoryBackend } from './index.js';

const SEED = 4;
const SIZE = 120;

// Response bodies are untyped JSON; the OpenAPI response validation checks their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

describe('mock provider directory backend', () => {
  let backend: DirectoryBackend;
  const api = () => request(backend.app);
  const directory = buildDirectory({ seed: SEED, practitioners: SIZE });

  async function all(path: string, key: string, query: Json = {}): Promise<Json[]> {
    const res = await api()
      .get(path)
      .query({ ...query, limit: 500 })
      .expect(200);
    return res.body[key];
  }

  before(() => {
    backend = createDirectoryBackend({ seed: SEED, practitioners: SIZE, validateResponses: true });
  });
  after(() => backend.close());
  afterEach(() => backend.faults.clear());

  describe('health and reference data', () => {
    it('reports the record counts of every entity', async () => {
      const res = await api().get('/health').expect(200);
      expect(res.body).to.include({ STATUS: 'UP', PRAC_CNT: SIZE });
      expect(res.body.ENTITY_CNTS).to.include({
        PRAC: SIZE,
        ROLE: directory.roles.length,
        ORG: directory.organizations.length,
        NTWK: 3,
        PLAN: PLANS.length,
      });
    });

    it('lists its NUCC taxonomy codes with displays', async () => {
      const res = await api().get('/reference/taxonomies').expect(200);
      expect(res.body.TAXONOMIES).to.deep.include({
        TAXONOMY_CD: '207Q00000X',
        TAXONOMY_DESC: 'Family Medicine',
        GROUPING_DESC: 'Allopathic & Osteopathic Physicians',
      });
    });
  });

  describe('reads', () => {
    it('serves each entity by id in the legacy layout', async () => {
      const practitioner = directory.practitioners[3];
      const res = await api().get(`/practitioners/${practitioner?.id}`).expect(200);
      expect(res.body).to.include({
        PRAC_ID: practitioner?.id,
        NPI: practitioner?.npi,
        LAST_NM: practitioner?.familyName,
        ACTIVE_IND: 'Y',
      });
      expect(res.body.LAST_UPD_TS).to.match(/^\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2}$/);
      const ids = {
        '/organizations': 'O00001',
        '/locations': 'L000001',
        '/practitioner-roles': 'R000001',
        '/networks': 'NW-CHOICE',
        '/insurance-plans': 'CMHP-PPO-200',
        '/healthcare-services': 'S000001',
        '/endpoints': 'E00001',
        '/affiliations': 'A000001',
      };
      for (const [path, id] of Object.entries(ids)) await api().get(`${path}/${id}`).expect(200);
    });

    it('answers 404 for an unknown id and 400 for a malformed one, in its own shape', async () => {
      await api()
        .get('/practitioners/P999999')
        .expect(404, { ERR_CD: 'E404', ERR_MSG: 'Practitioner not found' });
      await api()
        .get('/organizations/O99999')
        .expect(404, { ERR_CD: 'E404', ERR_MSG: 'Organization not found' });
      const res = await api().get('/locations/12').expect(400);
      expect(res.body).to.deep.equal({
        ERR_CD: 'E400',
        ERR_MSG: 'Invalid request',
        ERR_DTL: ['/params/id must match pattern "^L[0-9]{6}$"'],
      });
    });
  });

  describe('consistency', () => {
    it('gives valid NPIs and links roles to existing practitioners and organizations', async () => {
      const practitioners = await all('/practitioners', 'PRACTITIONERS');
      const npiOf = new Map(practitioners.map((p) => [p.PRAC_ID, p.NPI]));
      for (const p of practitioners) expect(isValidNpi(p.NPI), p.NPI).to.equal(true);
      const roles = await all('/practitioner-roles', 'ROLES');
      const organizations = new Set(
        (await all('/organizations', 'ORGANIZATIONS')).map((o) => o.ORG_ID),
      );
      for (const role of roles) {
        expect(role.PRAC_NPI).to.equal(npiOf.get(role.PRAC_ID));
        expect(organizations.has(role.ORG_ID)).to.equal(true);
      }
    });

    it('offers one insurance product per membership plan, each in a network', async () => {
      const plans = await all('/insurance-plans', 'PLANS');
      expect(plans.map((p) => p.PLAN_ID).sort()).to.deep.equal(PLANS.map((p) => p.id).sort());
      const networks = new Set((await all('/networks', 'NETWORKS')).map((n) => n.NTWK_ID));
      for (const plan of plans) expect(networks.has(plan.NTWK_IDS[0])).to.equal(true);
    });
  });

  describe('search', () => {
    it('matches names case-insensitively, with * as a wildcard', async () => {
      const someone = directory.practitioners[0];
      const exact = await all('/practitioners', 'PRACTITIONERS', {
        name: someone?.familyName.toUpperCase(),
      });
      expect(exact.map((p) => p.PRAC_ID)).to.include(someone?.id);
      const prefix = await all('/practitioners', 'PRACTITIONERS', {
        name: `${someone?.familyName.slice(0, 2).toLowerCase()}*`,
      });
      expect(prefix.length).to.be.at.least(exact.length);
      const clinics = await all('/organizations', 'ORGANIZATIONS', { name: '*clinic*' });
      for (const org of clinics) expect(org.ORG_NM.toLowerCase()).to.contain('clinic');
    });

    it('filters practitioners by NPI list, specialty, place, network and accepting', async () => {
      const [a, b] = directory.practitioners;
      const byNpi = await all('/practitioners', 'PRACTITIONERS', { npi: `${b?.npi},${a?.npi}` });
      expect(byNpi.map((p) => p.PRAC_ID)).to.deep.equal([a?.id, b?.id]);
      const family = await all('/practitioners', 'PRACTITIONERS', {
        taxonomy: '207Q00000X',
        state: 'wa',
        network: 'NW-SELECT',
        acceptingNew: 'Y',
      });
      expect(family.length).to.be.above(0);
      for (const p of family) expect(p.TAXONOMIES[0].TAXONOMY_CD).to.equal('207Q00000X');
      const spanish = await all('/practitioners', 'PRACTITIONERS', { language: 'spa' });
      for (const p of spanish) expect(p.LANG_CDS).to.include('SPA');
    });

    it('filters roles, services, endpoints and affiliations by their keys', async () => {
      const roles = await all('/practitioner-roles', 'ROLES', { pcp: 'Y', network: 'NW-CHOICE' });
      for (const role of roles) {
        expect(role.PCP_IND).to.equal('Y');
        expect(role.NTWK_IDS).to.include('NW-CHOICE');
      }
      const emergency = await all('/healthcare-services', 'SERVICES', { category: 'emerg,urg' });
      for (const s of emergency) expect(s.SVC_CTGY_CD).to.be.oneOf(['EMERG', 'URG']);
      const fhir = await all('/endpoints', 'ENDPOINTS', { type: 'FHIR_R4', orgId: 'O00001' });
      expect(fhir.map((e) => e.ORG_ID)).to.deep.equal(['O00001']);
      const systems = await all('/affiliations', 'AFFILIATIONS', { role: 'HOSP' });
      for (const a of systems) expect(a.AFFIL_ROLE_CD).to.equal('HOSP');
    });

    it('finds locations within a radius of a point', async () => {
      const [lat, lon] = [47.61, -122.33];
      const near = await all('/locations', 'LOCATIONS', { near: `${lat},${lon}`, radiusKm: 15 });
      expect(near.length).to.be.above(0);
      for (const site of near) {
        expect(distanceKm(lat, lon, site.LAT_NBR, site.LON_NBR)).to.be.below(15.5);
      }
      const everything = await all('/locations', 'LOCATIONS');
      expect(near.length).to.be.below(everything.length);
    });

    it('filters by last update', async () => {
      const res = await api()
        .get('/practitioners')
        .query({ updatedSince: '2026-01-01T00:00:00Z', total: 'Y', limit: 500 })
        .expect(200);
      expect(res.body.TOTAL_CNT).to.be.above(0).and.below(SIZE);
      for (const p of res.body.PRACTITIONERS) {
        expect(p.LAST_UPD_TS >= '2026-01-01-00.00.00').to.equal(true);
      }
    });

    it('pages in a stable order: pages join into the full list', async () => {
      const full = await all('/practitioner-roles', 'ROLES');
      const ids: string[] = [];
      for (let offset = 0; offset < full.length; offset += 40) {
        const page = await api()
          .get('/practitioner-roles')
          .query({ offset, limit: 40 })
          .expect(200);
        ids.push(...page.body.ROLES.map((r: Json) => r.ROLE_ID));
      }
      expect(ids).to.deep.equal(full.map((r) => r.ROLE_ID));
    });

    it('answers 400 in its own shape for a bad query', async () => {
      const res = await api().get('/practitioners').query({ specialty: 'x' }).expect(400);
      expect(res.body).to.deep.equal({
        ERR_CD: 'E400',
        ERR_MSG: 'Invalid request',
        ERR_DTL: ["/query/specialty Unknown query parameter 'specialty'"],
      });
      await api().get('/practitioners').query({ npi: '123' }).expect(400);
      await api().get('/practitioners').query({ limit: 501 }).expect(400);
      await api().get('/locations').query({ near: 'here' }).expect(400);
      await api().get('/organizations').query({ type: 'SPA' }).expect(400);
    });
  });

  describe('fault injection', () => {
    it('fails the next requests with the given status, then recovers', async () => {
      await api().post('/__faults').send({ status: 503, times: 1 }).expect(204);
      await api().get('/practitioners').expect(503, { ERR_CD: 'E503', ERR_MSG: 'Injected fault' });
      await api().get('/practitioners').expect(200);
    });

    it('delays answers on a path prefix', async () => {
      backend.faults.set({ delayMs: 250, pathPrefix: '/locations' });
      const started = Date.now();
      await api().get('/locations').expect(200);
      expect(Date.now() - started).to.be.at.least(240);
    });
  });
});

describe('mock provider directory backend: listening', () => {
  it('serves the same directory for the same seed over HTTP on an ephemeral port', async () => {
    const first = await startDirectoryBackend({ seed: 2, practitioners: 40 });
    const second = await startDirectoryBackend({ seed: 2, practitioners: 40 });
    try {
      expect(first.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
      const [a, b] = await Promise.all(
        [first, second].map(async (running) => {
          const res = await fetch(`${running.url}/practitioners?limit=500`);
          return (await res.json()) as Json;
        }),
      );
      expect(a).to.deep.equal(b);
      expect(a?.PRACTITIONERS).to.have.length(40);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

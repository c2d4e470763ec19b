/**
 * What ends up in the files (Bulk Data 2.0 kick-off parameters and "Privacy and Security
 * Considerations"): `_since`, `_type`, `_typeFilter`, `_elements`, the patient compartment
 * of a `patient/` token, Group-level export and the POST `patient` list. Each test compares
 * the exported ids with the ids the filter should select.
 */
import type { Patient, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import {
  downloadAll,
  kickOff,
  pathOf,
  startBulkHarness,
  waitForManifest,
  type BulkHarness,
} from './testing/harness.js';
import { NEW, samplePlugin } from './testing/sample-plugin.js';

const SIZE = 12;
const all = (prefix: string, keep: (n: number) => boolean = () => true) =>
  Array.from({ length: SIZE }, (_, i) => i + 1)
    .filter(keep)
    .map((n) => `${prefix}-${n}`);
const ids = (resources: readonly Resource[] | undefined) => (resources ?? []).map((r) => r.id);

describe('Bulk Data export filters and compartments', () => {
  let h: BulkHarness;
  let token: string;
  before(async () => {
    h = await startBulkHarness({
      plugins: [samplePlugin({ size: SIZE })],
      settings: {
        perClientJobs: 50,
        groups: [{ id: 'g1', name: 'Group one', patients: ['pt-2', 'pt-3', 'pt-5'] }],
      },
    });
    token = await h.gw.systemToken();
  });
  after(async () => h.close());

  const exportOf = async (path: string, bearer = token) =>
    downloadAll(h, await waitForManifest(h, await kickOff(h, path, bearer), bearer), bearer);

  describe('_type', () => {
    it('exports only the listed types, comma-separated or repeated', async () => {
      const files = await exportOf('/$export?_type=Coverage&_type=Organization');
      expect(Object.keys(files).sort()).to.deep.equal(['Coverage', 'Organization']);
      expect(ids(files.Coverage)).to.deep.equal(all('cv'));
    });

    it('defaults to the Patient compartment types at Patient level', async () => {
      const files = await exportOf('/Patient/$export');
      expect(Object.keys(files).sort()).to.deep.equal(['Coverage', 'Patient']);
    });
  });

  describe('_since', () => {
    it('exports only resources changed at or after the instant', async () => {
      const since = encodeURIComponent('2026-01-01T00:00:00Z');
      const files = await exportOf(`/$export?_since=${since}`);
      expect(ids(files.Patient)).to.deep.equal(all('pt', (n) => n % 2 === 0));
      expect(ids(files.Coverage)).to.deep.equal(all('cv', (n) => n % 2 === 0));
      expect(files.Organization).to.equal(undefined);
      for (const resource of [...(files.Patient ?? []), ...(files.Coverage ?? [])]) {
        expect(resource.meta?.lastUpdated).to.equal(NEW);
      }
    });
  });

  describe('_typeFilter', () => {
    it('keeps resources matching one of the type queries; other types are unfiltered', async () => {
      const filter = encodeURIComponent('Coverage?status=active');
      const files = await exportOf(`/$export?_type=Coverage,Patient&_typeFilter=${filter}`);
      expect(ids(files.Coverage)).to.deep.equal(all('cv', (n) => n % 2 === 0));
      expect(ids(files.Patient)).to.deep.equal(all('pt'));
    });

    it('ORs several queries for one type and ANDs the parameters of one query', async () => {
      const filters = ['Patient?gender=male&_id=pt-1,pt-3,pt-4', 'Patient?family=Family10']
        .map(encodeURIComponent)
        .join(',');
      const files = await exportOf(`/$export?_type=Patient&_typeFilter=${filters}`);
      expect(ids(files.Patient)).to.deep.equal(['pt-1', 'pt-3', 'pt-10']);
    });

    it('with lenient handling drops all filters of a type when one cannot be evaluated', async () => {
      const filters = ['Patient?gender=male', 'Patient?birthdate=ge1970-01-01']
        .map(encodeURIComponent)
        .join(',');
      const res = await request(h.gw.app)
        .get(`${h.gw.base}/$export?_type=Patient&_typeFilter=${filters}`)
        .auth(token, { type: 'bearer' })
        .set('Prefer', 'respond-async, handling=lenient')
        .expect(202);
      const files = await downloadAll(
        h,
        await waitForManifest(h, pathOf(res.headers['content-location'] as string), token),
        token,
      );
      expect(ids(files.Patient)).to.deep.equal(all('pt'));
    });
  });

  describe('_elements', () => {
    it('keeps the listed and mandatory root elements and tags the resource SUBSETTED', async () => {
      const files = await exportOf(
        '/$export?_type=Patient,Coverage&_elements=Patient.gender,identifier',
      );
      const patient = files.Patient?.[0] as Patient;
      expect(Object.keys(patient).sort()).to.deep.equal([
        'gender',
        'id',
        'identifier',
        'meta',
        'resourceType',
      ]);
      expect(patient.meta?.tag).to.deep.include({
        system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
        code: 'SUBSETTED',
        display: 'subsetted',
      });
      const coverage = files.Coverage?.[0] as Resource;
      expect(Object.keys(coverage).sort()).to.deep.equal([
        'beneficiary',
        'id',
        'meta',
        'payor',
        'resourceType',
        'status',
      ]);
    });
  });

  describe('patient-level compartment (patient/ token)', () => {
    it("exports only the token's own compartment at Patient and system level", async () => {
      const mine = await h.gw.patientToken('pt-4');
      const files = await exportOf('/Patient/$export', mine);
      expect(ids(files.Patient)).to.deep.equal(['pt-4']);
      expect(ids(files.Coverage)).to.deep.equal(['cv-4']);
      const system = await exportOf('/$export?_type=Patient,Coverage', mine);
      expect(ids(system.Patient)).to.deep.equal(['pt-4']);
      expect(ids(system.Coverage)).to.deep.equal(['cv-4']);
    });

    it('never discloses another patient even when the plugin ignores the constraint', async () => {
      const leaky = samplePlugin({ size: 3 });
      const original = leaky.stream!.bind(leaky);
      leaky.stream = (req, ctx) => original(req, { ...ctx, constraints: {} });
      const other = await startBulkHarness({ plugins: [leaky] });
      try {
        const mine = await other.gw.patientToken('pt-2');
        const manifest = await waitForManifest(
          other,
          await kickOff(other, '/Patient/$export', mine),
          mine,
        );
        const files = await downloadAll(other, manifest, mine);
        expect(ids(files.Patient)).to.deep.equal(['pt-2']);
        expect(ids(files.Coverage)).to.deep.equal(['cv-2']);
      } finally {
        await other.close();
      }
    });
  });

  describe('Group/[id]/$export', () => {
    it("exports the configured group's members only", async () => {
      const files = await exportOf('/Group/g1/$export');
      expect(ids(files.Patient)).to.deep.equal(['pt-2', 'pt-3', 'pt-5']);
      expect(ids(files.Coverage)).to.deep.equal(['cv-2', 'cv-3', 'cv-5']);
    });

    it('narrows to the POST patient list, intersected with a patient token', async () => {
      const res = await request(h.gw.app)
        .post(`${h.gw.base}/Group/g1/$export`)
        .auth(token, { type: 'bearer' })
        .set('Prefer', 'respond-async')
        .set('Content-Type', 'application/fhir+json')
        .send({
          resourceType: 'Parameters',
          parameter: [{ name: 'patient', valueReference: { reference: 'Patient/pt-5' } }],
        })
        .expect(202);
      const files = await downloadAll(
        h,
        await waitForManifest(h, pathOf(res.headers['content-location'] as string), token),
        token,
      );
      expect(ids(files.Patient)).to.deep.equal(['pt-5']);

      const member = await h.gw.patientToken('pt-3');
      const own = await exportOf('/Group/g1/$export', member);
      expect(ids(own.Patient)).to.deep.equal(['pt-3']);
    });
  });
});

/**
 * Bulk Data 2.0 "Bulk Data Status Request", "Delete Request" and "Output File Request": the
 * asynchronous protocol walked with real tokens, the completion manifest, cancellation,
 * expiry, and the rule that only the client that started a job sees it or its files.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import {
  download,
  downloadAll,
  kickOff,
  pathOf,
  startBulkHarness,
  waitForManifest,
  type BulkHarness,
} from './testing/harness.js';
import { samplePlugin, type SamplePlugin } from './testing/sample-plugin.js';
import type { Manifest } from './http/manifest.js';

describe('Bulk Data status, manifest, cancel and files', () => {
  let h: BulkHarness;
  let plugin: SamplePlugin;
  let token: string;
  beforeEach(async () => {
    plugin = samplePlugin({ size: 40, pauseAfter: 15 });
    h = await startBulkHarness({
      plugins: [plugin],
      settings: { maxFileBytes: 2048, expiryHours: 1 },
    });
    token = await h.gw.systemToken();
  });
  afterEach(async () => {
    plugin.resume();
    await h.close();
  });

  const status = (path: string, bearer = token) =>
    request(h.gw.app).get(path).auth(bearer, { type: 'bearer' });

  describe('status while running', () => {
    it('answers 202 with X-Progress and Retry-After', async () => {
      const path = await kickOff(h, '/$export', token);
      await plugin.paused;
      const res = await status(path).expect(202);
      expect(res.headers['retry-after']).to.equal('1');
      expect(res.headers['x-progress']).to.match(
        /^\d+% \(\d+ of ~81 resources\), now (Coverage|Organization|Patient)$/,
      );
      expect(String(res.headers['x-progress']).length).to.be.lessThan(100);
      expect(res.text).to.equal('');
      plugin.resume();
      await waitForManifest(h, path, token);
    });
  });

  describe('manifest', () => {
    it('has transactionTime, request, requiresAccessToken, output with counts and error, with Expires', async () => {
      const before = new Date().toISOString();
      const path = await kickOff(h, '/$export', token);
      plugin.resume();
      await waitForManifest(h, path, token);
      const res = await status(path).expect(200);
      expect(res.headers['content-type']).to.match(/^application\/json/);
      const expires = Date.parse(res.headers.expires as string);
      expect(expires).to.be.within(Date.now() + 3_500_000, Date.now() + 3_700_000);
      const manifest = JSON.parse(res.text) as Manifest;
      expect(manifest.transactionTime >= before).to.equal(true);
      expect(manifest).to.include({
        request: 'http://localhost:8080/fhir/r4/$export',
        requiresAccessToken: true,
      });
      expect(manifest.error).to.deep.equal([]);
      const counts: Record<string, number> = {};
      for (const item of manifest.output) counts[item.type] = (counts[item.type] ?? 0) + item.count;
      expect(counts).to.deep.equal({ Coverage: 40, Organization: 1, Patient: 40 });
      expect(
        manifest.output.filter((item) => item.type === 'Patient').length,
        'split at maxFileBytes',
      ).to.be.greaterThan(1);

      const files = await downloadAll(h, manifest, token);
      expect(files.Patient?.map((p) => p.id)).to.deep.equal(
        Array.from({ length: 40 }, (_, i) => `pt-${i + 1}`),
      );
      for (const item of manifest.output) {
        expect((await download(h, item.url, token)).length, item.url).to.equal(item.count);
      }
    });

    it('writes no output item for a type without data (empty output array)', async () => {
      plugin.resume();
      const path = await kickOff(h, '/$export?_type=Patient&_since=2030-01-01T00:00:00Z', token);
      const manifest = await waitForManifest(h, path, token);
      expect(manifest.output).to.deep.equal([]);
    });
  });

  describe('files', () => {
    it('are served only with a valid token, and only to the client that started the job', async () => {
      plugin.resume();
      const path = await kickOff(h, '/$export?_type=Patient', token);
      const manifest = await waitForManifest(h, path, token);
      const file = pathOf(manifest.output[0]!.url);

      await request(h.gw.app).get(file).expect(401);
      const other = await h.gw.issuer.mint({ scope: 'system/*.rs', client_id: 'other-client' });
      const refused = await request(h.gw.app).get(file).auth(other, { type: 'bearer' }).expect(404);
      expect(refused.body.issue[0].code).to.equal('not-found');
      await status(path, other).expect(404);
      await request(h.gw.app).delete(path).auth(other, { type: 'bearer' }).expect(404);

      const noScope = await h.gw.systemToken('system/Coverage.rs');
      const forbidden = await request(h.gw.app)
        .get(file)
        .auth(noScope, { type: 'bearer' })
        .expect(403);
      expect(forbidden.body.issue[0].diagnostics).to.contain('requires system/Patient.r');
      await request(h.gw.app)
        .get(file)
        .auth(token, { type: 'bearer' })
        .set('Accept', 'text/csv')
        .expect(406);
      await request(h.gw.app)
        .get(file.replace('Patient-1', 'Patient-9'))
        .auth(token, { type: 'bearer' })
        .expect(404);
    });
  });

  describe('cancel (DELETE)', () => {
    it('cancels a running job: 202, then 404, and its files are gone', async () => {
      const path = await kickOff(h, '/$export', token);
      await plugin.paused;
      const jobId = path.split('/').pop() as string;
      const res = await request(h.gw.app).delete(path).auth(token, { type: 'bearer' }).expect(202);
      expect(res.body.issue[0].diagnostics).to.equal('Export job cancelled');
      await status(path).expect(404);
      expect(existsSync(join(h.dir, jobId))).to.equal(false);
      expect(await h.bulk.repo.get(jobId)).to.equal(undefined);
      await request(h.gw.app).delete(path).auth(token, { type: 'bearer' }).expect(404);
    });

    it('deletes the files of a completed job', async () => {
      plugin.resume();
      const path = await kickOff(h, '/$export?_type=Patient', token);
      const manifest = await waitForManifest(h, path, token);
      await request(h.gw.app).delete(path).auth(token, { type: 'bearer' }).expect(202);
      await request(h.gw.app)
        .get(pathOf(manifest.output[0]!.url))
        .auth(token, { type: 'bearer' })
        .expect(404);
      expect(existsSync(join(h.dir, path.split('/').pop() as string))).to.equal(false);
    });
  });

  describe('expiry', () => {
    it('an expired job answers 404 and the sweeper deletes its files', async () => {
      plugin.resume();
      const path = await kickOff(h, '/$export?_type=Patient', token);
      const manifest = await waitForManifest(h, path, token);
      const jobId = path.split('/').pop() as string;
      await h.store.db.execute('UPDATE bulk_jobs SET expires_at = ? WHERE id = ?', [
        new Date(Date.now() - 1000).toISOString(),
        jobId,
      ]);

      await status(path).expect(404);
      await request(h.gw.app)
        .get(pathOf(manifest.output[0]!.url))
        .auth(token, { type: 'bearer' })
        .expect(404);
      expect(existsSync(join(h.dir, jobId))).to.equal(true);
      expect(await h.bulk.engine.sweep()).to.equal(1);
      expect(existsSync(join(h.dir, jobId))).to.equal(false);
      expect(await h.bulk.repo.get(jobId)).to.equal(undefined);
    });
  });

  describe('failure', () => {
    it('reports a job whose backend keeps failing as 500 with an OperationOutcome', async () => {
      await h.close();
      const failing = samplePlugin({ size: 5, failAfter: 2 });
      h = await startBulkHarness({ plugins: [failing], settings: { maxAttempts: 1 } });
      token = await h.gw.systemToken();
      const path = await kickOff(h, '/$export?_type=Patient', token);
      let res = await status(path);
      for (let i = 0; i < 100 && res.status === 202; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        res = await status(path);
      }
      expect(res.status).to.equal(500);
      expect(res.body.issue[0]).to.include({
        severity: 'error',
        code: 'processing',
        diagnostics: 'Export failed: sample backend down',
      });
    });

    it('retries a failing backend from the last checkpoint without losing or repeating resources', async () => {
      await h.close();
      const flaky = samplePlugin({ size: 30, failAfter: 20 });
      h = await startBulkHarness({ plugins: [flaky], settings: { checkpointEvery: 7 } });
      token = await h.gw.systemToken();
      const manifest = await waitForManifest(
        h,
        await kickOff(h, '/$export?_type=Patient', token),
        token,
      );
      const files = await downloadAll(h, manifest, token);
      expect(files.Patient?.map((p) => p.id)).to.deep.equal(
        Array.from({ length: 30 }, (_, i) => `pt-${i + 1}`),
      );
    });
  });
});

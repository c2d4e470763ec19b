/**
 * Engine behaviour beyond one job: several jobs at once up to `workers`, the rest queued
 * (and shown as such in X-Progress); and `includeAssociatedData=RelevantProvenanceResources`
 * over a plugin that serves Provenance (here the gateway's own store).
 */
import type { Provenance } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import type { Plugin, StreamItem } from '../../plugins/sdk/contract.js';
import { createStorePlugin } from '../plugins/store-plugin.js';
import { createStore } from '../store/index.js';
import { downloadAll, kickOff, startBulkHarness, waitForManifest } from './testing/harness.js';
import { samplePatient, samplePlugin } from './testing/sample-plugin.js';

/** Streams three patients, but only after `open()`. */
function gatedPlugin(): Plugin & { open(): void; waiting: { count: number } } {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const waiting = { count: 0 };
  async function* stream(): AsyncIterable<StreamItem> {
    waiting.count++;
    await gate;
    for (let n = 1; n <= 3; n++) yield { resource: samplePatient(n), cursor: String(n) };
  }
  return {
    name: 'gated',
    capabilities: {
      resources: [{ type: 'Patient', profiles: [], interactions: ['read'], searchParams: [] }],
    },
    stream,
    health: async () => ({ status: 'pass' }),
    open: () => open(),
    waiting,
  };
}

describe('bulk export engine scheduling and associated data', () => {
  it('runs jobs concurrently up to the worker limit and queues the rest', async () => {
    const plugin = gatedPlugin();
    const h = await startBulkHarness({
      plugins: [plugin],
      settings: { workers: 2, perClientJobs: 5 },
    });
    try {
      const token = await h.gw.systemToken();
      const paths = [
        await kickOff(h, '/$export', token),
        await kickOff(h, '/$export', token),
        await kickOff(h, '/$export', token),
      ];
      for (let i = 0; i < 100 && plugin.waiting.count < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(plugin.waiting.count).to.equal(2);
      expect(h.bulk.engine.running).to.have.length(2);
      const queued = await request(h.gw.app)
        .get(paths[2]!)
        .auth(token, { type: 'bearer' })
        .expect(202);
      expect(queued.headers['x-progress']).to.equal('queued');

      plugin.open();
      for (const path of paths) {
        const manifest = await waitForManifest(h, path, token);
        expect(manifest.output.map((item) => item.count)).to.deep.equal([3]);
      }
    } finally {
      plugin.open();
      await h.close();
    }
  });

  it('includes the Provenance whose target is of an exported type (RelevantProvenanceResources)', async () => {
    const store = await createStore({ sqlitePath: ':memory:' });
    const provenance = (target: string): Provenance => ({
      resourceType: 'Provenance',
      target: [{ reference: target }],
      recorded: '2026-01-01T00:00:00Z',
      agent: [{ who: { reference: 'Organization/payer' } }],
    });
    const kept = await store.resources.create(provenance('Patient/pt-1'), ['pt-1']);
    await store.resources.create(provenance('Location/clinic'), []);
    const h = await startBulkHarness({
      plugins: [samplePlugin({ size: 3 }), createStorePlugin(store, ['Provenance'])],
      store,
    });
    try {
      const token = await h.gw.systemToken();
      const path = await kickOff(
        h,
        '/$export?_type=Patient&includeAssociatedData=RelevantProvenanceResources',
        token,
      );
      const files = await downloadAll(h, await waitForManifest(h, path, token), token);
      expect(Object.keys(files).sort()).to.deep.equal(['Patient', 'Provenance']);
      expect(files.Provenance?.map((p) => p.id)).to.deep.equal([kept.resource.id]);
    } finally {
      await h.close();
      await store.close();
    }
  });
});

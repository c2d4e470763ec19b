/**
 * Test support for bulk export: the real gateway app (test token issuer, supertest) with the
 * bulk routes and engine over a store and a local file directory, and the client side of the
 * asynchronous protocol (kick-off, poll until done, download).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Resource } from '@medplum/fhirtypes';
import request from 'supertest';
import type { Plugin } from '../../../plugins/sdk/contract.js';
import { silentLogger } from '../../logging/logger.js';
import { createStore } from '../../store/index.js';
import type { Store } from '../../store/types.js';
import { buildTestGateway, TEST_ORIGIN, type TestGateway } from '../../../test/support/gateway.js';
import { LocalFileStore } from '../files/local.js';
import type { FileStore } from '../files/types.js';
import { createBulkExport, type BulkExport } from '../index.js';
import type { Manifest } from '../http/manifest.js';
import type { BulkSettings } from '../settings.js';

/** Fast settings for tests. */
export const TEST_SETTINGS: Partial<BulkSettings> = {
  pollIntervalMs: 20,
  checkpointIntervalMs: 50,
  leaseMs: 1000,
  sweepIntervalMs: 3_600_000,
  retryDelayMs: 10,
  retryAfterSeconds: 1,
};

export interface BulkHarness {
  readonly gw: TestGateway;
  readonly bulk: BulkExport;
  readonly store: Store;
  readonly dir: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly plugins: Plugin[];
  readonly settings?: Partial<BulkSettings>;
  /** Reuse a store (and files) across harnesses, as a restarted gateway would. */
  readonly store?: Store;
  readonly files?: FileStore;
  readonly dir?: string;
  readonly start?: boolean;
}

/** Builds the gateway with bulk export; the engine starts unless `start: false`. */
export async function startBulkHarness(options: HarnessOptions): Promise<BulkHarness> {
  const store = options.store ?? (await createStore({ sqlitePath: ':memory:' }));
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'bulk-test-')));
  const files = options.files ?? new LocalFileStore(dir);
  let bulk: BulkExport | undefined;
  const gw = await buildTestGateway(options.plugins, store, {
    fhirRoutes: ({ registry, access }) => {
      bulk = createBulkExport({
        db: store.db,
        files,
        registry,
        access,
        audit: store.audit,
        logger: silentLogger(),
        settings: { ...TEST_SETTINGS, ...options.settings },
      });
      return bulk.routes;
    },
  });
  const service = bulk as unknown as BulkExport;
  if (options.start !== false) service.start();
  return {
    gw,
    bulk: service,
    store,
    dir,
    close: async () => {
      await service.close();
      await gw.close();
      if (!options.store) await store.close();
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The path part of an absolute gateway URL, for supertest. */
export function pathOf(url: string): string {
  expect(url.startsWith(TEST_ORIGIN), `${url} is under ${TEST_ORIGIN}`).to.equal(true);
  return url.slice(TEST_ORIGIN.length);
}

/** Kick-off by GET; returns the polling path. Fails unless the answer is 202. */
export async function kickOff(h: BulkHarness, path: string, token: string): Promise<string> {
  const res = await request(h.gw.app)
    .get(`${h.gw.base}${path}`)
    .auth(token, { type: 'bearer' })
    .set('Accept', 'application/fhir+json')
    .set('Prefer', 'respond-async');
  expect(res.status, JSON.stringify(res.body)).to.equal(202);
  return pathOf(res.headers['content-location'] as string);
}

/** Polls until the job is done; returns the manifest. */
export async function waitForManifest(
  h: BulkHarness,
  statusPath: string,
  token: string,
  timeoutMs = 15_000,
): Promise<Manifest> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(h.gw.app)
      .get(statusPath)
      .auth(token, { type: 'bearer' })
      .set('Accept', 'application/json');
    if (res.status === 200) return JSON.parse(res.text) as Manifest;
    expect(res.status, res.text).to.equal(202);
    if (Date.now() > deadline) {
      expect.fail(
        `export still running after ${timeoutMs} ms: ${String(res.headers['x-progress'])}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Downloads one file and parses its lines. */
export async function download(h: BulkHarness, url: string, token: string): Promise<Resource[]> {
  const res = await request(h.gw.app)
    .get(pathOf(url))
    .auth(token, { type: 'bearer' })
    .set('Accept', 'application/fhir+ndjson')
    .buffer(true)
    .parse((response, callback) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => callback(null, text));
    });
  expect(res.status, String(res.body)).to.equal(200);
  expect(res.headers['content-type']).to.match(/^application\/fhir\+ndjson/);
  const text = res.body as string;
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Resource);
}

/** Every resource of the manifest's output, by type, in file order. */
export async function downloadAll(
  h: BulkHarness,
  manifest: Manifest,
  token: string,
): Promise<Record<string, Resource[]>> {
  const byType: Record<string, Resource[]> = {};
  for (const item of manifest.output) {
    (byType[item.type] ??= []).push(...(await download(h, item.url, token)));
  }
  return byType;
}

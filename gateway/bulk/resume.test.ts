/**
 * Crash and restart (Bulk Data export engine, "resume without loss or duplication"): a job
 * is started, the engine is killed mid-job as a crash would stop it (no final checkpoint, no
 * lease release, bytes written after the last checkpoint left on disk), and a new engine on
 * the same store and files resumes it once the lease lapses. The output must equal an
 * uninterrupted run's exactly, line for line. Runs on SQLite, on PostgreSQL when
 * TEST_DATABASE_URL is set, and with the S3 file store against the in-process fake.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { openPostgres } from '../store/postgres.js';
import { createStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { LocalFileStore } from './files/local.js';
import { S3FileStore } from './files/s3.js';
import type { FileStore } from './files/types.js';
import type { Manifest } from './http/manifest.js';
import {
  download,
  kickOff,
  startBulkHarness,
  waitForManifest,
  type BulkHarness,
} from './testing/harness.js';
import { startFakeS3, type FakeS3 } from './testing/s3-fake.js';
import { samplePlugin } from './testing/sample-plugin.js';

const SIZE = 200;
const SETTINGS = {
  maxFileBytes: 6000,
  checkpointEvery: 50,
  checkpointIntervalMs: 60_000,
  leaseMs: 300,
};

interface Backend {
  /** Opens (creating on first use) the database called `name`; a second call is a new handle. */
  openStore(name: string): Promise<Store>;
  openFiles(dir: string): FileStore;
  dispose(): Promise<void>;
}

/** Every line of every output file, per type, in manifest order. */
async function linesOf(
  h: BulkHarness,
  manifest: Manifest,
  token: string,
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const item of manifest.output) {
    out[item.type] = [
      ...(out[item.type] ?? []),
      ...(await download(h, item.url, token)).map((r) => JSON.stringify(r)),
    ];
  }
  return out;
}

function describeResume(name: string, backend: () => Promise<Backend>): void {
  describe(`crash-resume exactness: ${name}`, function () {
    this.timeout(30_000);
    let b: Backend;
    let dir: string;
    beforeEach(async () => {
      b = await backend();
      dir = await mkdtemp(join(tmpdir(), 'bulk-resume-'));
    });
    afterEach(async () => {
      await b.dispose();
      await rm(dir, { recursive: true, force: true });
    });

    it('a job killed mid-type resumes on a new engine to exactly the uninterrupted output', async () => {
      const reference = await uninterrupted(b);

      const store = await b.openStore('crash');
      const files = b.openFiles(dir);
      const crashing = samplePlugin({ size: SIZE, pauseAfter: 330 });
      const first = await startBulkHarness({
        plugins: [crashing],
        store,
        files,
        dir,
        settings: SETTINGS,
      });
      const token = await first.gw.systemToken();
      const status = await kickOff(first, '/$export', token);
      await crashing.paused;
      await first.bulk.engine.kill();
      const jobId = status.split('/').pop() as string;
      const torn = await tornTail(first, jobId, dir);
      await first.gw.close();
      await store.close();
      crashing.resume();

      const restarted = await b.openStore('crash');
      const second = await startBulkHarness({
        plugins: [samplePlugin({ size: SIZE })],
        store: restarted,
        files: b.openFiles(dir),
        dir,
        settings: SETTINGS,
      });
      try {
        const token2 = await second.gw.systemToken();
        const manifest = await waitForManifest(second, status, token2);
        expect((await second.bulk.repo.get(jobId))?.attempts).to.equal(2);
        const resumed = await linesOf(second, manifest, token2);
        expect(resumed).to.deep.equal(reference);
        expect(resumed.Patient).to.have.length(SIZE);
        if (files instanceof LocalFileStore) {
          expect(torn, 'bytes after the last checkpoint were on disk').to.be.greaterThan(0);
        }
      } finally {
        await second.close();
        await restarted.close();
      }
    });
  });
}

/** The same export without interruption, on a store and files of its own. */
async function uninterrupted(b: Backend): Promise<Record<string, string[]>> {
  const dir = await mkdtemp(join(tmpdir(), 'bulk-reference-'));
  const store = await b.openStore('reference');
  const h = await startBulkHarness({
    plugins: [samplePlugin({ size: SIZE })],
    store,
    files: b.openFiles(dir),
    dir,
    settings: SETTINGS,
  });
  try {
    const token = await h.gw.systemToken();
    const manifest = await waitForManifest(h, await kickOff(h, '/$export', token), token);
    return await linesOf(h, manifest, token);
  } finally {
    await h.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Bytes of the open file beyond its committed length (local store only). */
async function tornTail(h: BulkHarness, jobId: string, dir: string): Promise<number> {
  const open = (await h.bulk.repo.files(jobId)).find((file) => file.status === 'open');
  if (!open) return 0;
  const size = await stat(join(dir, jobId, open.name)).then(
    (s) => s.size,
    () => 0,
  );
  return size - open.bytes;
}

const sqliteFile = async (): Promise<Backend> => {
  const dbDir = await mkdtemp(join(tmpdir(), 'bulk-db-'));
  return {
    openStore: (name) => createStore({ sqlitePath: join(dbDir, `${name}.db`) }),
    openFiles: (dir) => new LocalFileStore(dir, { bufferBytes: 512 }),
    dispose: () => rm(dbDir, { recursive: true, force: true }),
  };
};

describe('bulk export engine', () => {
  describeResume('SQLite file + local directory', sqliteFile);

  let s3: FakeS3;
  describe('with S3', () => {
    before(async () => (s3 = await startFakeS3()));
    after(async () => s3.close());
    describeResume('SQLite file + S3-compatible store', async () => {
      const base = await sqliteFile();
      const prefix = `t${randomBytes(4).toString('hex')}/`;
      return {
        ...base,
        openFiles: (dir) =>
          new S3FileStore({
            bucket: 'exports',
            prefix: `${prefix}${dir.split('/').pop() ?? ''}/`,
            region: 'us-east-1',
            endpoint: s3.endpoint,
            forcePathStyle: true,
            accessKeyId: 'test-only',
            secretAccessKey: 'test-only',
            partSizeBytes: 2048,
          }),
      };
    });
  });

  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    describe('crash-resume exactness: PostgreSQL', () => {
      it('needs TEST_DATABASE_URL');
    });
    return;
  }
  describeResume('PostgreSQL + local directory', async () => {
    const admin = openPostgres(url, 2);
    const schemas: string[] = [];
    const run = randomBytes(4).toString('hex');
    return {
      openStore: async (name) => {
        const schema = `bulk_test_${run}_${name}`;
        if (!schemas.includes(schema)) schemas.push(schema);
        await admin.execute(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        const parsed = new URL(url);
        parsed.searchParams.set('options', `-c search_path=${schema}`);
        return createStore({ sqlitePath: '', postgresUrl: parsed.toString() });
      },
      openFiles: (dir) => new LocalFileStore(dir, { bufferBytes: 512 }),
      dispose: async () => {
        for (const schema of schemas) await admin.execute(`DROP SCHEMA ${schema} CASCADE`);
        await admin.close();
      },
    };
  });
});

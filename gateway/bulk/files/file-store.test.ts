/**
 * The file store contract, run against both implementations: the local directory and the
 * S3 store talking to an in-process S3-compatible fake on loopback. What matters to the
 * engine: committed bytes survive, uncommitted ones vanish on reopen, sealed files read back.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startFakeS3, type FakeS3 } from '../testing/s3-fake.js';
import { LocalFileStore } from './local.js';
import { S3FileStore } from './s3.js';
import { FileNotFoundError, type FileStore } from './types.js';

interface Fixture {
  readonly store: FileStore;
  dispose(): Promise<void>;
}

async function text(store: FileStore, key: string): Promise<string> {
  const file = await store.read(key);
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

const line = (n: number) => Buffer.from(`{"n":${n}}\n`);

function describeFileStore(name: string, create: () => Promise<Fixture>): void {
  describe(`file store: ${name}`, () => {
    let fx: Fixture;
    beforeEach(async () => (fx = await create()));
    afterEach(async () => fx.dispose());

    it('reads back a sealed, finalized file', async () => {
      const writer = await fx.store.open('job-1/Patient-1.ndjson');
      for (let n = 1; n <= 5; n++) await writer.write(line(n));
      const state = await writer.seal();
      await fx.store.finalize('job-1/Patient-1.ndjson', state);
      expect(state.bytes).to.equal(5 * line(1).length);
      expect(await text(fx.store, 'job-1/Patient-1.ndjson')).to.equal(
        [1, 2, 3, 4, 5].map((n) => line(n).toString()).join(''),
      );
    });

    it('drops what was written after the last commit when reopened from it (crash resume)', async () => {
      const key = 'job-2/Coverage-1.ndjson';
      let writer = await fx.store.open(key);
      for (let n = 1; n <= 4; n++) await writer.write(line(n));
      let state = await writer.commit();
      while (!state) state = await writer.commit();
      for (let n = 5; n <= 7; n++) await writer.write(line(n));
      await writer.abort();

      writer = await fx.store.open(key, state);
      expect(writer.bytes).to.equal(state.bytes);
      for (let n = 5; n <= 6; n++) await writer.write(line(n));
      const sealed = await writer.seal();
      await fx.store.finalize(key, sealed);
      await fx.store.finalize(key, sealed);
      expect(await text(fx.store, key)).to.equal(
        [1, 2, 3, 4, 5, 6].map((n) => line(n).toString()).join(''),
      );
    });

    it('removes one file and a whole job folder; a missing file is FileNotFoundError', async () => {
      for (const key of ['job-3/a-1.ndjson', 'job-3/b-1.ndjson', 'job-4/a-1.ndjson']) {
        const writer = await fx.store.open(key);
        await writer.write(line(1));
        await fx.store.finalize(key, await writer.seal());
      }
      await fx.store.remove('job-3/a-1.ndjson');
      await fx.store.removeAll('job-3/');
      for (const key of ['job-3/a-1.ndjson', 'job-3/b-1.ndjson']) {
        const failure = await fx.store.read(key).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(failure).to.be.instanceOf(FileNotFoundError);
      }
      expect(await text(fx.store, 'job-4/a-1.ndjson')).to.equal(line(1).toString());
    });

    it('abandons an unfinished upload on remove', async () => {
      const writer = await fx.store.open('job-5/x-1.ndjson');
      await writer.write(line(1));
      const state = writer.committed;
      await writer.abort();
      await fx.store.remove('job-5/x-1.ndjson', state);
      const failure = await fx.store.read('job-5/x-1.ndjson').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).to.be.instanceOf(FileNotFoundError);
    });
  });
}

describeFileStore('local directory', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bulk-files-'));
  return {
    store: new LocalFileStore(dir),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('S3 store against the fake', () => {
  let s3: FakeS3;
  before(async () => (s3 = await startFakeS3()));
  after(async () => s3.close());

  describeFileStore('S3-compatible (in-process fake)', async () => {
    const store = new S3FileStore({
      bucket: 'exports',
      prefix: 'bulk/',
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      accessKeyId: 'test-only',
      secretAccessKey: 'test-only',
      partSizeBytes: 16,
    });
    return { store, dispose: async () => store.close() };
  });

  describe('afterwards', () => {
    it('used only the calls the fake implements, and left no upload open', () => {
      expect(s3.calls).to.not.include('notImplemented');
      expect(s3.uploads.size).to.equal(0);
      expect(s3.calls).to.include.members([
        'createMultipartUpload',
        'uploadPart',
        'completeMultipartUpload',
        'listObjectsV2',
      ]);
    });
  });
});

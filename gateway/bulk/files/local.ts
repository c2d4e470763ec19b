/**
 * The default file store: a directory on the gateway's disk (`bulk.directory`, `var/bulk`).
 * Writes are buffered and positioned explicitly; a commit flushes and `fdatasync`s, so the
 * committed length is on disk before the engine records it. Reopening truncates the file to
 * its committed length, removing any tail a crashed writer left behind.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { FileNotFoundError, type FileStore, type FileWriter, type WriterState } from './types.js';

/** Bytes buffered in memory before a write reaches the file. */
const DEFAULT_BUFFER_BYTES = 256 * 1024;

/** A {@link FileStore} over a local directory. */
export class LocalFileStore implements FileStore {
  readonly kind = 'local' as const;
  readonly #root: string;
  readonly #bufferBytes: number;

  constructor(directory: string, options: { bufferBytes?: number } = {}) {
    this.#root = resolve(directory);
    this.#bufferBytes = options.bufferBytes ?? DEFAULT_BUFFER_BYTES;
  }

  async open(key: string, from?: WriterState): Promise<FileWriter> {
    const path = this.#path(key);
    await mkdir(dirname(path), { recursive: true });
    const handle = await openForResume(path, from);
    const bytes = from?.bytes ?? 0;
    await handle.truncate(bytes);
    return new LocalWriter(handle, bytes, this.#bufferBytes);
  }

  /** Nothing to publish: a sealed local file is already complete on disk. */
  async finalize(): Promise<void> {}

  async read(key: string): Promise<{ stream: ReturnType<typeof createReadStream>; size: number }> {
    const path = this.#path(key);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) throw new FileNotFoundError(key);
    return { stream: createReadStream(path), size: info.size };
  }

  async remove(key: string): Promise<void> {
    await unlink(this.#path(key)).catch(ignoreMissing);
  }

  async removeAll(prefix: string): Promise<void> {
    await rm(this.#path(prefix), { recursive: true, force: true });
  }

  /** Resolves a key under the root, refusing anything that would escape it. */
  #path(key: string): string {
    const path = resolve(join(this.#root, key));
    if (!path.startsWith(this.#root + sep)) {
      throw new Error(`Export file key escapes the store: ${key}`);
    }
    return path;
  }
}

/** An existing file is continued (`r+`); a missing one is created. */
async function openForResume(path: string, from: WriterState | undefined): Promise<FileHandle> {
  if (!from) return open(path, 'w');
  try {
    return await open(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || from.bytes > 0) throw error;
    return open(path, 'w');
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}

class LocalWriter implements FileWriter {
  readonly wantsCommit = false;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #written: number;
  #committed: WriterState;

  constructor(
    private readonly handle: FileHandle,
    start: number,
    private readonly bufferBytes: number,
  ) {
    this.#written = start;
    this.#committed = { bytes: start };
  }

  get bytes(): number {
    return this.#written + this.#pendingBytes;
  }

  get committed(): WriterState {
    return this.#committed;
  }

  async write(chunk: Buffer): Promise<void> {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    if (this.#pendingBytes >= this.bufferBytes) await this.#flush();
  }

  async commit(): Promise<WriterState> {
    await this.#flush();
    await this.handle.datasync();
    this.#committed = { bytes: this.#written };
    return this.#committed;
  }

  async seal(): Promise<WriterState> {
    const state = await this.commit();
    await this.handle.close();
    return state;
  }

  async abort(): Promise<void> {
    this.#pending = [];
    this.#pendingBytes = 0;
    await this.handle.close().catch(() => undefined);
  }

  async #flush(): Promise<void> {
    if (this.#pendingBytes === 0) return;
    const data = Buffer.concat(this.#pending, this.#pendingBytes);
    this.#pending = [];
    this.#pendingBytes = 0;
    await this.handle.write(data, 0, data.length, this.#written);
    this.#written += data.length;
  }
}

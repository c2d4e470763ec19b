/**
 * Where export files live, behind one interface: a local directory (default) or an
 * S3-compatible bucket. Files are written by appending whole NDJSON lines; a writer can make
 * what it has durable (`commit`) and hand back a small state that the engine stores with the
 * plugin cursor in one transaction. Reopening a file from that state drops whatever was
 * written after it, which is how an interrupted export resumes without duplicates.
 */
import type { Readable } from 'node:stream';

/** One uploaded part of an S3 multipart upload. */
export interface UploadedPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly size: number;
}

/** The durable extent of a file: its committed length, plus the S3 upload it belongs to. */
export interface WriterState {
  readonly bytes: number;
  readonly uploadId?: string;
  readonly parts?: readonly UploadedPart[];
}

/** Appends to one file. Not safe for concurrent calls: await each before the next. */
export interface FileWriter {
  /** Bytes accepted so far, committed or not. */
  readonly bytes: number;
  /** The state as of the last commit (or the open). */
  readonly committed: WriterState;
  /** True when the writer holds enough uncommitted data that it should commit now. */
  readonly wantsCommit: boolean;
  /** Appends bytes; resolves when they are accepted (backpressure). */
  write(chunk: Buffer): Promise<void>;
  /**
   * Makes everything written so far durable and returns the new state, or undefined when the
   * store cannot commit at this point yet (S3 commits whole parts of at least the part size).
   */
  commit(): Promise<WriterState | undefined>;
  /** Makes everything durable and ends writing; `FileStore.finalize` then publishes it. */
  seal(): Promise<WriterState>;
  /** Drops open handles without committing (the uncommitted tail is lost, as in a crash). */
  abort(): Promise<void>;
}

/** A finished file, for download. */
export interface StoredFile {
  readonly stream: Readable;
  readonly size: number;
}

/** The export file service. Keys look like `<jobId>/<Type>-<n>.ndjson`. */
export interface FileStore {
  readonly kind: 'local' | 's3';
  /**
   * Opens `key` for appending. Without `from`, starts an empty file; with it, continues from
   * that committed state, discarding anything written after it.
   */
  open(key: string, from?: WriterState): Promise<FileWriter>;
  /** Publishes a sealed file (S3: completes the multipart upload). Idempotent. */
  finalize(key: string, state: WriterState): Promise<void>;
  /** Streams a finalized file; throws `FileNotFoundError` when it does not exist. */
  read(key: string): Promise<StoredFile>;
  /** Deletes one file, abandoning its unfinished upload when `state` names one. */
  remove(key: string, state?: WriterState): Promise<void>;
  /** Deletes every file whose key starts with `prefix` (a job's folder). */
  removeAll(prefix: string): Promise<void>;
  close?(): Promise<void>;
}

/** The file does not exist (or no longer does). */
export class FileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No export file ${key}`);
    this.name = 'FileNotFoundError';
  }
}

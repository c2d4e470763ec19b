/**
 * The S3-compatible file store (AWS S3, MinIO, Ceph, ...). Each export file is one multipart
 * upload: a commit uploads the buffered lines as one part (S3 wants at least 5 MiB per part
 * except the last), so the committed state is the list of uploaded parts. Reopening from a
 * state continues the same upload after its last recorded part; parts uploaded after that
 * state are overwritten or left out of the completed object. Sealing uploads the tail as the
 * last part; finalizing completes the upload, and is safe to repeat.
 */
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import {
  FileNotFoundError,
  type FileStore,
  type FileWriter,
  type UploadedPart,
  type WriterState,
} from './types.js';

/** How to reach the bucket. Credentials default to the AWS SDK's provider chain. */
export interface S3StoreOptions {
  readonly bucket: string;
  /** Key prefix for export files, e.g. `bulk/`. */
  readonly prefix: string;
  readonly region: string;
  /** Endpoint of an S3-compatible service; omit for AWS. */
  readonly endpoint?: string;
  readonly forcePathStyle: boolean;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  /** Size at which buffered lines become one uploaded part (S3 minimum: 5 MiB). */
  readonly partSizeBytes: number;
}

/** A {@link FileStore} over an S3 bucket. */
export class S3FileStore implements FileStore {
  readonly kind = 's3' as const;
  readonly #client: S3Client;

  constructor(private readonly options: S3StoreOptions) {
    const credentials =
      options.accessKeyId && options.secretAccessKey
        ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
        : undefined;
    this.#client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async open(key: string, from?: WriterState): Promise<FileWriter> {
    if (from?.uploadId) {
      return new S3Writer(this.#client, this.#target(key), from, this.options.partSizeBytes);
    }
    const created = await this.#client.send(
      new CreateMultipartUploadCommand({
        ...this.#target(key),
        ContentType: 'application/fhir+ndjson',
      }),
    );
    const state: WriterState = { bytes: 0, uploadId: created.UploadId ?? '', parts: [] };
    return new S3Writer(this.#client, this.#target(key), state, this.options.partSizeBytes);
  }

  async finalize(key: string, state: WriterState): Promise<void> {
    try {
      await this.#client.send(
        new CompleteMultipartUploadCommand({
          ...this.#target(key),
          UploadId: state.uploadId,
          MultipartUpload: { Parts: completedParts(state) },
        }),
      );
    } catch (error) {
      if (!isNoSuchUpload(error)) throw error;
      const head = await this.#client.send(new HeadObjectCommand(this.#target(key)));
      if (head.ContentLength !== state.bytes) throw error;
    }
  }

  async read(key: string): Promise<{ stream: Readable; size: number }> {
    try {
      const object = await this.#client.send(new GetObjectCommand(this.#target(key)));
      return { stream: object.Body as Readable, size: object.ContentLength ?? 0 };
    } catch (error) {
      if (statusOf(error) === 404) throw new FileNotFoundError(key);
      throw error;
    }
  }

  async remove(key: string, state?: WriterState): Promise<void> {
    if (state?.uploadId) await this.#abortUpload(key, state.uploadId);
    await this.#client.send(new DeleteObjectCommand(this.#target(key)));
  }

  async #abortUpload(key: string, uploadId: string): Promise<void> {
    try {
      await this.#client.send(
        new AbortMultipartUploadCommand({ ...this.#target(key), UploadId: uploadId }),
      );
    } catch (error) {
      if (!isNoSuchUpload(error)) throw error;
    }
  }

  async removeAll(prefix: string): Promise<void> {
    let token: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.options.bucket,
          Prefix: this.#target(prefix).Key,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        await this.#client.send(
          new DeleteObjectCommand({ Bucket: this.options.bucket, Key: object.Key }),
        );
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async close(): Promise<void> {
    this.#client.destroy();
  }

  #target(key: string): { Bucket: string; Key: string } {
    return { Bucket: this.options.bucket, Key: `${this.options.prefix}${key}` };
  }
}

class S3Writer implements FileWriter {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #committed: WriterState;

  constructor(
    private readonly client: S3Client,
    private readonly target: { Bucket: string; Key: string },
    from: WriterState,
    private readonly partSize: number,
  ) {
    this.#committed = {
      bytes: from.bytes,
      uploadId: from.uploadId,
      parts: [...(from.parts ?? [])],
    };
  }

  get bytes(): number {
    return this.#committed.bytes + this.#pendingBytes;
  }

  get committed(): WriterState {
    return this.#committed;
  }

  get wantsCommit(): boolean {
    return this.#pendingBytes >= this.partSize;
  }

  async write(chunk: Buffer): Promise<void> {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
  }

  async commit(): Promise<WriterState | undefined> {
    if (this.#pendingBytes === 0) return this.#committed;
    if (this.#pendingBytes < this.partSize) return undefined;
    return this.#uploadPending();
  }

  async seal(): Promise<WriterState> {
    if (this.#pendingBytes === 0) return this.#committed;
    return this.#uploadPending();
  }

  async abort(): Promise<void> {
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  async #uploadPending(): Promise<WriterState> {
    const body = Buffer.concat(this.#pending, this.#pendingBytes);
    const parts = this.#committed.parts ?? [];
    const partNumber = parts.length + 1;
    const answer = await this.client.send(
      new UploadPartCommand({
        ...this.target,
        UploadId: this.#committed.uploadId,
        PartNumber: partNumber,
        Body: body,
        ContentLength: body.length,
      }),
    );
    const part: UploadedPart = { partNumber, etag: answer.ETag ?? '', size: body.length };
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#committed = {
      ...this.#committed,
      bytes: this.#committed.bytes + body.length,
      parts: [...parts, part],
    };
    return this.#committed;
  }
}

/** The recorded parts, in order, as CompleteMultipartUpload lists them. */
function completedParts(state: WriterState): Array<{ PartNumber: number; ETag: string }> {
  return (state.parts ?? []).map((part) => ({ PartNumber: part.partNumber, ETag: part.etag }));
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

function isNoSuchUpload(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'NoSuchUpload';
}

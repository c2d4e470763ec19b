/**
 * A tiny S3-compatible server for tests, on loopback: path-style addressing and only the calls
 * the S3 file store makes (multipart create/upload/complete/abort, GetObject, HeadObject,
 * DeleteObject, ListObjectsV2, plus PutObject). Signatures are not checked. Objects live in
 * memory; `calls` records each operation so tests can assert what the store did. Anything
 * else gets 501 so an unexpected call fails loudly.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeS3 {
  readonly endpoint: string;
  readonly objects: Map<string, Buffer>;
  /** Open multipart uploads by id. */
  readonly uploads: Map<string, { key: string; parts: Map<number, Buffer> }>;
  readonly calls: string[];
  close(): Promise<void>;
}

type Handler = (ctx: Ctx) => void;

interface Ctx {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly bucket: string;
  readonly key: string;
  readonly query: URLSearchParams;
  readonly body: Buffer;
  readonly fake: FakeS3;
}

/** Starts the fake on 127.0.0.1 with an ephemeral port. */
export async function startFakeS3(): Promise<FakeS3> {
  const fake: Omit<FakeS3, 'endpoint' | 'close'> = {
    objects: new Map(),
    uploads: new Map(),
    calls: [],
  };
  const server = createServer(
    (req, res) => void collect(req).then((body) => route(req, res, body, fake as FakeS3)),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => closeServer(server),
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

async function collect(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function route(req: IncomingMessage, res: ServerResponse, body: Buffer, fake: FakeS3): void {
  const url = new URL(req.url ?? '/', 'http://fake');
  const [, bucket = '', ...rest] = url.pathname.split('/');
  const ctx: Ctx = {
    req,
    res,
    bucket,
    key: decodeURIComponent(rest.join('/')),
    query: url.searchParams,
    body,
    fake,
  };
  const handler = pick(req.method ?? '', ctx);
  fake.calls.push(handler.name);
  handler(ctx);
}

function pick(method: string, { key, query }: Ctx): Handler {
  if (method === 'GET' && key === '' && query.get('list-type') === '2') return listObjectsV2;
  if (method === 'POST' && query.has('uploads')) return createMultipartUpload;
  if (method === 'PUT' && query.has('uploadId')) return uploadPart;
  if (method === 'POST' && query.has('uploadId')) return completeMultipartUpload;
  if (method === 'DELETE' && query.has('uploadId')) return abortMultipartUpload;
  if (method === 'PUT') return putObject;
  if (method === 'GET') return getObject;
  if (method === 'HEAD') return headObject;
  if (method === 'DELETE') return deleteObject;
  return notImplemented;
}

function xml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
}

function s3Error(res: ServerResponse, status: number, code: string): void {
  xml(res, status, `<Error><Code>${code}</Code><Message>${code}</Message></Error>`);
}

function createMultipartUpload({ res, bucket, key, fake }: Ctx): void {
  const id = randomUUID();
  fake.uploads.set(id, { key, parts: new Map() });
  xml(
    res,
    200,
    `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key>` +
      `<UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
  );
}

function uploadPart({ res, query, body, fake }: Ctx): void {
  const upload = fake.uploads.get(query.get('uploadId') ?? '');
  if (!upload) return s3Error(res, 404, 'NoSuchUpload');
  const number = Number(query.get('partNumber'));
  upload.parts.set(number, body);
  res.writeHead(200, { etag: `"part-${number}-${body.length}"` });
  res.end();
}

function completeMultipartUpload({ res, bucket, key, query, body, fake }: Ctx): void {
  const id = query.get('uploadId') ?? '';
  const upload = fake.uploads.get(id);
  if (!upload) return s3Error(res, 404, 'NoSuchUpload');
  const numbers = [...body.toString().matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) =>
    Number(m[1]),
  );
  const parts = numbers.map((n) => upload.parts.get(n));
  if (parts.some((part) => part === undefined)) return s3Error(res, 400, 'InvalidPart');
  fake.objects.set(key, Buffer.concat(parts as Buffer[]));
  fake.uploads.delete(id);
  xml(
    res,
    200,
    `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key>` +
      `<ETag>"done"</ETag></CompleteMultipartUploadResult>`,
  );
}

function abortMultipartUpload({ res, query, fake }: Ctx): void {
  if (!fake.uploads.delete(query.get('uploadId') ?? '')) return s3Error(res, 404, 'NoSuchUpload');
  res.writeHead(204);
  res.end();
}

function putObject({ res, key, body, fake }: Ctx): void {
  fake.objects.set(key, body);
  res.writeHead(200, { etag: '"put"' });
  res.end();
}

function getObject({ res, key, fake }: Ctx): void {
  const object = fake.objects.get(key);
  if (!object) return s3Error(res, 404, 'NoSuchKey');
  res.writeHead(200, {
    'content-length': object.length,
    'content-type': 'application/fhir+ndjson',
  });
  res.end(object);
}

function headObject({ res, key, fake }: Ctx): void {
  const object = fake.objects.get(key);
  res.writeHead(object ? 200 : 404, object ? { 'content-length': object.length } : {});
  res.end();
}

function deleteObject({ res, key, fake }: Ctx): void {
  fake.objects.delete(key);
  res.writeHead(204);
  res.end();
}

function listObjectsV2({ res, bucket, query, fake }: Ctx): void {
  const prefix = query.get('prefix') ?? '';
  const keys = [...fake.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  const contents = keys
    .map(
      (key) =>
        `<Contents><Key>${key}</Key><Size>${fake.objects.get(key)?.length ?? 0}</Size></Contents>`,
    )
    .join('');
  xml(
    res,
    200,
    `<ListBucketResult><Name>${bucket}</Name><Prefix>${prefix}</Prefix>` +
      `<KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
  );
}

function notImplemented({ res }: Ctx): void {
  s3Error(res, 501, 'NotImplemented');
}

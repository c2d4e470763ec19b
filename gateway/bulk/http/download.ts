/**
 * Bulk Data Output File Request (Bulk Data 2.0): `GET [url from the manifest]` with the same
 * bearer token rules as the kick-off (`requiresAccessToken: true`), only for the client that
 * started the job and only while it has not expired; answered as application/fhir+ndjson.
 */
import { NotAcceptableError, NotFoundError } from '../../../plugins/sdk/errors.js';
import type { FhirRequest, FhirResponse } from '../../fhir/types.js';
import { FileNotFoundError } from '../files/types.js';
import { ownedJob, type BulkContext } from './context.js';

export const NDJSON = 'application/fhir+ndjson';
const ACCEPTABLE = new Set([
  NDJSON,
  'application/ndjson',
  'application/x-ndjson',
  '*/*',
  'application/*',
]);

/** Streams one output or error file. */
export async function downloadFile(ctx: BulkContext, req: FhirRequest): Promise<FhirResponse> {
  checkAccept(req.accept);
  const job = await ownedJob(ctx, req);
  const name = req.pathParams?.file ?? '';
  const file = (await ctx.repo.files(job.id)).find((candidate) => candidate.name === name);
  if (job.status !== 'completed' || file?.status !== 'closed') {
    throw new NotFoundError(`Export job ${job.id} has no file ${name}`);
  }
  try {
    const stored = await ctx.files.read(`${job.id}/${name}`);
    ctx.logger.info('bulk export file served', { jobId: job.id, file: name, bytes: stored.size });
    return {
      status: 200,
      headers: { 'Content-Length': String(stored.size) },
      body: { contentType: NDJSON, content: stored.stream },
    };
  } catch (error) {
    if (error instanceof FileNotFoundError) {
      throw new NotFoundError(`Export file ${name} is no longer available`);
    }
    throw error;
  }
}

function checkAccept(accept: string | undefined): void {
  if (accept === undefined || accept.trim() === '') return;
  const types = accept.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  if (!types.some((type) => ACCEPTABLE.has(type))) {
    throw new NotAcceptableError(
      `Export files are ${NDJSON}; Accept "${accept}" cannot be satisfied`,
    );
  }
}

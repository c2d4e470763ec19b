/**
 * Bulk Data Status Request and Delete Request (Bulk Data 2.0): polling a job answers 202 with
 * `X-Progress` and `Retry-After` while it runs, 500 with an OperationOutcome if it failed, and
 * 200 with `Expires` and the completion manifest when done. DELETE cancels a job or, once it
 * is complete, tells the server its files may go; the job is then unknown (404).
 */
import type { ExportJob, ExportTask } from '../jobs/types.js';
import { outcome } from '../../fhir/outcome.js';
import type { FhirRequest, FhirResponse } from '../../fhir/types.js';
import { ownedJob, type BulkContext } from './context.js';
import { manifestOf } from './manifest.js';

/** `GET [polling location]`. */
export async function jobStatus(ctx: BulkContext, req: FhirRequest): Promise<FhirResponse> {
  const job = await ownedJob(ctx, req);
  if (job.status === 'failed') {
    return {
      status: 500,
      resource: outcome('error', 'processing', job.error ?? 'The export failed', req.requestId),
    };
  }
  if (job.status !== 'completed') {
    const headers = {
      'X-Progress': progressText(job, await ctx.repo.tasks(job.id)),
      'Retry-After': String(ctx.settings.retryAfterSeconds),
    };
    return { status: 202, headers };
  }
  const manifest = manifestOf(job, await ctx.repo.files(job.id), req.baseUrl);
  const headers = { Expires: new Date(job.expiresAt ?? Date.now()).toUTCString() };
  return {
    status: 200,
    headers,
    body: { contentType: 'application/json', content: JSON.stringify(manifest) },
  };
}

/** `DELETE [polling location]`: 202, after which the job is gone. */
export async function cancelJob(ctx: BulkContext, req: FhirRequest): Promise<FhirResponse> {
  const job = await ownedJob(ctx, req);
  await ctx.engine.cancel(job);
  ctx.logger.info('bulk export cancelled', { jobId: job.id, status: job.status });
  const message = job.status === 'completed' ? 'Export files deleted' : 'Export job cancelled';
  return { status: 202, resource: outcome('information', 'informational', message, req.requestId) };
}

/** Under 100 characters (Bulk Data 2.0 "Response - In-Progress Status"). */
export function progressText(job: ExportJob, tasks: readonly ExportTask[]): string {
  if (job.status === 'queued' && job.done === 0) return 'queued';
  const current = tasks.find((task) => task.status !== 'done');
  const where = current ? `, now ${current.resourceType}` : '';
  if (!job.estimate) return `${job.done} resources exported${where}`.slice(0, 99);
  const percent = Math.min(99, Math.floor((job.done / job.estimate) * 100));
  return `${percent}% (${job.done} of ~${job.estimate} resources)${where}`.slice(0, 99);
}

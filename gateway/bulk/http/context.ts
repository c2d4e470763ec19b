/**
 * What the bulk endpoints share, and the ownership rule of Bulk Data 2.0 "Privacy and
 * Security Considerations": status and files are served only to the client (and user) that
 * started the job, with a valid token; anything else looks like an unknown job (404), so a
 * job id reveals nothing to another client.
 */
import type { Logger } from 'winston';
import { NotFoundError } from '../../../plugins/sdk/errors.js';
import type { AccessPolicy } from '../../auth/access.js';
import type { Principal } from '../../auth/principal.js';
import type { FhirRequest } from '../../fhir/types.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import type { ExportEngine } from '../engine/engine.js';
import type { FileStore } from '../files/types.js';
import type { BulkGroup } from '../groups.js';
import type { JobRepository } from '../jobs/repository.js';
import type { ExportJob, JobOwner } from '../jobs/types.js';
import type { BulkSettings } from '../settings.js';

export interface BulkContext {
  readonly repo: JobRepository;
  readonly files: FileStore;
  readonly engine: ExportEngine;
  readonly registry: PluginRegistry;
  readonly access: AccessPolicy;
  readonly settings: BulkSettings;
  readonly logger: Logger;
}

/** The owner recorded for a job started by `principal`. */
export function ownerOf(principal: Principal): JobOwner {
  return { clientId: principal.clientId, subject: principal.subject, patient: principal.patient };
}

/** True when `principal` is the one that started the job. */
export function owns(principal: Principal | undefined, job: ExportJob): boolean {
  if (!principal) return false;
  const { clientId, subject, patient } = job.owner;
  return (
    principal.clientId === clientId &&
    principal.subject === subject &&
    principal.patient === patient
  );
}

/** The job named by the URL, if it exists, is live and belongs to the caller. */
export async function findOwnedJob(
  ctx: BulkContext,
  req: FhirRequest,
): Promise<ExportJob | undefined> {
  const job = req.id === undefined ? undefined : await ctx.repo.get(req.id);
  if (!job || job.status === 'cancelled' || !owns(req.principal, job)) return undefined;
  if (job.expiresAt !== undefined && job.expiresAt <= new Date().toISOString()) return undefined;
  return job;
}

/** Like {@link findOwnedJob}, 404 when there is none. */
export async function ownedJob(ctx: BulkContext, req: FhirRequest): Promise<ExportJob> {
  const job = await findOwnedJob(ctx, req);
  if (!job) {
    throw new NotFoundError(
      `No export job ${req.id ?? ''} for this client (unknown, deleted or expired)`,
    );
  }
  return job;
}

/** A configured group by id. */
export function findGroup(groups: readonly BulkGroup[], id: string | undefined): BulkGroup {
  const group = groups.find((candidate) => candidate.id === id);
  if (!group) throw new NotFoundError(`Group/${id ?? ''} is not known to this server`);
  return group;
}

/** The polling location of a job. */
export function statusUrl(baseUrl: string, jobId: string): string {
  return `${baseUrl}/bulk/status/${jobId}`;
}

/** The download URL of one of a job's files. */
export function fileUrl(baseUrl: string, jobId: string, name: string): string {
  return `${baseUrl}/bulk/files/${jobId}/${name}`;
}

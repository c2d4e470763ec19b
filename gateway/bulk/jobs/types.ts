/**
 * The shapes of a durable export job (Bulk Data 2.0 "Bulk Data Kick-off Request" through
 * "Bulk Data Output File Request"): what was asked (`ExportSpec`, fixed at kick-off), who
 * asked, and what the workers have committed so far (tasks, files, issues).
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { AccessConstraints, SearchCriterion } from '../../../plugins/sdk/contract.js';
import type { WriterState } from '../files/types.js';

export type JobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** `[base]/$export`, `[base]/Patient/$export` or `[base]/Group/[id]/$export`. */
export type ExportLevel = 'system' | 'patient' | 'group';

/** `_elements`: root elements kept for every type, and per type. */
export interface ElementsSpec {
  readonly all: readonly string[];
  readonly byType: Readonly<Record<string, readonly string[]>>;
}

/** The validated request, stored with the job; the worker needs nothing else. */
export interface ExportSpec {
  readonly level: ExportLevel;
  readonly groupId?: string;
  /** `_since` as an ISO instant. */
  readonly since?: string;
  /** Resource types to export, in export order. */
  readonly types: readonly string[];
  /** Per type: the caller's access constraints, narrowed to the group / `patient` list. */
  readonly constraints: Readonly<Record<string, AccessConstraints>>;
  /** `_typeFilter` per type: a resource must match one of the queries (each an AND list). */
  readonly typeFilters: Readonly<Record<string, ReadonlyArray<readonly SearchCriterion[]>>>;
  readonly elements?: ElementsSpec;
  /** Who asked and why, for the audit record written when the job completes. */
  readonly requester?: { readonly purpose: string; readonly fhirUser?: string };
  /** `includeAssociatedData=RelevantProvenanceResources`: keep Provenance of exported types. */
  readonly provenance: boolean;
}

/** The client (and user) that started a job; only they may poll it or download its files. */
export interface JobOwner {
  readonly clientId: string;
  readonly subject: string;
  /** Patient context of a `patient/` token, when there was one. */
  readonly patient?: string;
}

export interface ExportJob {
  readonly id: string;
  readonly owner: JobOwner;
  readonly status: JobStatus;
  /** The kick-off URL for the manifest's `request`. */
  readonly requestUrl: string;
  readonly spec: ExportSpec;
  readonly transactionTime: string;
  readonly createdAt: string;
  readonly completedAt?: string;
  readonly expiresAt?: string;
  readonly leaseOwner?: string;
  readonly leaseUntil?: string;
  /** Times a worker has claimed the job. */
  readonly attempts: number;
  /** Resources written so far (for progress). */
  readonly done: number;
  /** Resources expected in total, when the plugins could tell. */
  readonly estimate?: number;
  /** The fatal error of a failed job (client-safe text). */
  readonly error?: string;
}

export type TaskStatus = 'pending' | 'running' | 'done';

/** One resource type of a job, streamed from its plugin. */
export interface ExportTask {
  readonly jobId: string;
  readonly resourceType: string;
  readonly ordinal: number;
  readonly status: TaskStatus;
  /** Plugin stream cursor just after the last committed resource. */
  readonly cursor?: string;
  readonly count: number;
  readonly estimate?: number;
}

/** `open` while written, `sealed` when complete but not yet published, then `closed`. */
export type FileStatus = 'open' | 'sealed' | 'closed';

export interface ExportFile {
  readonly jobId: string;
  /** e.g. `Patient-1.ndjson`; the store key is `<jobId>/<name>`. */
  readonly name: string;
  readonly resourceType: string;
  readonly part: number;
  readonly status: FileStatus;
  readonly count: number;
  readonly bytes: number;
  readonly state: WriterState;
}

/** What a worker commits atomically: the task's cursor, its files, new issues, the lease. */
export interface Checkpoint {
  readonly jobId: string;
  readonly worker: string;
  readonly leaseUntil: string;
  readonly done: number;
  readonly task: Pick<ExportTask, 'resourceType' | 'cursor' | 'count' | 'status'>;
  readonly files: readonly Omit<ExportFile, 'jobId'>[];
  readonly issues: readonly OperationOutcome[];
}

/** A new job as kick-off creates it. */
export interface NewJob {
  readonly id: string;
  readonly owner: JobOwner;
  readonly requestUrl: string;
  readonly spec: ExportSpec;
  readonly transactionTime: string;
  /** Lenient-handling notes from kick-off, written to the job's error file. */
  readonly issues: readonly OperationOutcome[];
}

/** The worker no longer holds the job (lease expired and taken, or the job was cancelled). */
export class LeaseLostError extends Error {
  constructor(readonly jobId: string) {
    super(`Export job ${jobId} is no longer held by this worker`);
    this.name = 'LeaseLostError';
  }
}

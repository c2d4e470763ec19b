/**
 * Runs one claimed job to its end: publishes files a crash left sealed, estimates the work,
 * streams each remaining type (retrying a failing backend from the last checkpoint), writes
 * the error file, records the disclosure in the audit trail and marks the job completed.
 * A stop signal ends the run early: `kill` (simulated crash) leaves everything as it is,
 * `stop` gives the job back to the queue, `cancel` deletes the job and its files.
 */
import { GatewayError } from '../../../plugins/sdk/errors.js';
import { isPatientData } from '../../auth/compartment.js';
import type { AuditRepository } from '../../store/types.js';
import { LeaseLostError, type ExportJob, type ExportTask } from '../jobs/types.js';
import { writeErrorFile } from './error-file.js';
import { TaskRun, type TaskDeps } from './task-runner.js';

export interface JobDeps extends Omit<TaskDeps, 'progress'> {
  readonly audit?: AuditRepository;
}

/** Why a worker was told to stop. */
export type StopReason = 'kill' | 'stop' | 'cancel';

/** The abort reason the engine gives a worker's signal. */
export class WorkerStop extends Error {
  constructor(readonly reason: StopReason) {
    super(`export worker ${reason}`);
    this.name = 'WorkerStop';
  }
}

/** Runs `job` (already claimed by `deps.worker`); never throws. */
export async function runJob(deps: JobDeps, job: ExportJob): Promise<void> {
  const progress = { done: job.done };
  const heartbeat = setInterval(
    () => void renew(deps, job, progress.done),
    Math.max(100, deps.settings.leaseMs / 3),
  );
  try {
    await publishSealed(deps, job);
    const tasks = await deps.repo.tasks(job.id);
    progress.done = tasks.reduce((sum, task) => sum + task.count, 0);
    const estimated = await estimate(deps, job, tasks);
    for (const task of tasks.filter((candidate) => candidate.status !== 'done')) {
      await runWithRetries(deps, estimated, task, progress);
    }
    await complete(deps, job, progress.done);
  } catch (error) {
    await settle(deps, job, error);
  } finally {
    clearInterval(heartbeat);
  }
}

async function renew(deps: JobDeps, job: ExportJob, done: number): Promise<void> {
  const until = new Date(Date.now() + deps.settings.leaseMs).toISOString();
  await deps.repo.renew(job.id, deps.worker, until, done).catch(() => undefined);
}

/** Files sealed just before a crash are published now (finalize is idempotent). */
async function publishSealed(deps: JobDeps, job: ExportJob): Promise<void> {
  for (const file of await deps.repo.files(job.id)) {
    if (file.status !== 'sealed') continue;
    await deps.files.finalize(`${job.id}/${file.name}`, file.state);
    await deps.repo.markClosed(job.id, file.name);
  }
}

/** Asks each plugin for a total once ("estimated where known"); failures are ignored. */
async function estimate(
  deps: JobDeps,
  job: ExportJob,
  tasks: readonly ExportTask[],
): Promise<ExportJob> {
  if (job.estimate !== undefined) return job;
  let total = 0;
  for (const task of tasks) {
    const known = task.estimate ?? (await totalOf(deps, job, task.resourceType));
    if (known === undefined) return job;
    if (task.estimate === undefined) {
      await deps.repo.setTaskEstimate(job.id, task.resourceType, known);
    }
    total += known;
  }
  await deps.repo.renew(
    job.id,
    deps.worker,
    new Date(Date.now() + deps.settings.leaseMs).toISOString(),
    job.done,
    total,
  );
  return { ...job, estimate: total };
}

async function totalOf(deps: JobDeps, job: ExportJob, type: string): Promise<number | undefined> {
  const route = deps.registry.forType(type);
  if (!route?.plugin.search || !route.capability.interactions.includes('search-type')) {
    return undefined;
  }
  const ctx = {
    requestId: job.id,
    logger: deps.logger,
    constraints: job.spec.constraints[type] ?? {},
    signal: deps.signal,
  };
  try {
    const page = await route.plugin.search(
      { resourceType: type, criteria: [], count: 0, wantTotal: true },
      ctx,
    );
    return page.total;
  } catch {
    return undefined;
  }
}

/** Streams one task; a backend failure is retried from the task's last checkpoint. */
async function runWithRetries(
  deps: JobDeps,
  job: ExportJob,
  first: ExportTask,
  progress: { done: number },
): Promise<void> {
  let task = first;
  for (let attempt = 1; ; attempt++) {
    const files = (await deps.repo.files(job.id)).filter(
      (file) => file.resourceType === task.resourceType,
    );
    const plugin = deps.registry.forType(task.resourceType)?.plugin;
    if (!plugin?.stream) throw new GatewayError(`No plugin streams ${task.resourceType} any more`);
    const run = new TaskRun({ ...deps, progress }, job, task, plugin, files);
    try {
      return await run.run();
    } catch (error) {
      await run.abort();
      if (deps.signal.aborted) throw deps.signal.reason as Error;
      if (!retryable(error) || attempt >= deps.settings.maxAttempts) throw error;
      deps.logger.warn('bulk export retrying type', {
        jobId: job.id,
        resourceType: task.resourceType,
        attempt,
        reason: reasonOf(error),
      });
      await delay(deps.settings.retryDelayMs * 2 ** (attempt - 1), deps.signal);
      task =
        (await deps.repo.tasks(job.id)).find((t) => t.resourceType === task.resourceType) ?? task;
      progress.done = (await deps.repo.tasks(job.id)).reduce((sum, t) => sum + t.count, 0);
    }
  }
}

function retryable(error: unknown): boolean {
  if (error instanceof WorkerStop || error instanceof LeaseLostError) return false;
  return !(error instanceof GatewayError) || error.status >= 500;
}

async function complete(deps: JobDeps, job: ExportJob, done: number): Promise<void> {
  await writeErrorFile(deps, job);
  await recordExport(deps, job);
  const now = new Date();
  await deps.repo.complete(job.id, deps.worker, now.toISOString(), expiry(deps, now));
  deps.logger.info('bulk export completed', {
    jobId: job.id,
    resources: done,
    durationMs: now.getTime() - Date.parse(job.createdAt),
  });
}

/** One audit event for the whole export: who, which patient-data types, how many. */
async function recordExport(deps: JobDeps, job: ExportJob): Promise<void> {
  const tasks = (await deps.repo.tasks(job.id)).filter(
    (task) => isPatientData(task.resourceType) && task.count > 0,
  );
  if (!deps.audit || tasks.length === 0) return;
  await deps.audit.record({
    time: new Date().toISOString(),
    requestId: job.id,
    clientId: job.owner.clientId,
    user: job.spec.requester?.fhirUser,
    patientId: job.owner.patient,
    interaction: `export:${job.spec.level}`,
    resourceTypes: tasks.map((task) => task.resourceType),
    count: tasks.reduce((sum, task) => sum + task.count, 0),
    purpose: job.spec.requester?.purpose ?? 'system',
    outcome: 'success',
  });
}

/** Ends a run that did not complete, according to why. */
async function settle(deps: JobDeps, job: ExportJob, error: unknown): Promise<void> {
  const reason = error instanceof WorkerStop ? error.reason : undefined;
  if (reason === 'kill') return;
  if (reason === 'stop') return deps.repo.release(job.id, deps.worker);
  const current = await deps.repo.get(job.id);
  if (current?.status === 'cancelled') return purgeJob(deps, job.id);
  if (error instanceof LeaseLostError || current?.leaseOwner !== deps.worker) return;
  await failJob(deps, job, error);
}

async function failJob(deps: JobDeps, job: ExportJob, error: unknown): Promise<void> {
  const message =
    error instanceof GatewayError
      ? error.message
      : 'The export failed; quote the job id to the operator';
  deps.logger.error('bulk export failed', { jobId: job.id, reason: reasonOf(error) });
  const now = new Date();
  await deps.files.removeAll(`${job.id}/`).catch(() => undefined);
  await deps.repo.fail(
    job.id,
    deps.worker,
    `Export failed: ${message}`,
    now.toISOString(),
    expiry(deps, now),
  );
}

/** Deletes a job's files (abandoning open uploads) and then the job itself. */
export async function purgeJob(
  deps: Pick<JobDeps, 'repo' | 'files'>,
  jobId: string,
): Promise<void> {
  for (const file of await deps.repo.files(jobId)) {
    if (file.status !== 'closed') {
      await deps.files.remove(`${jobId}/${file.name}`, file.state).catch(() => undefined);
    }
  }
  await deps.files.removeAll(`${jobId}/`);
  await deps.repo.delete(jobId);
}

function expiry(deps: JobDeps, from: Date): string {
  return new Date(from.getTime() + deps.settings.expiryHours * 3_600_000).toISOString();
}

function reasonOf(error: unknown): string {
  if (error instanceof GatewayError) return `${error.code}: ${error.detail ?? error.message}`;
  return error instanceof Error ? error.message : String(error);
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}

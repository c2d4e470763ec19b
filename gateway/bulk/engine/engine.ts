/**
 * The export engine of one gateway instance: up to `workers` jobs at a time, claimed from the
 * store with a lease so that instances sharing a database never run the same job and a job
 * whose instance died is taken over once its lease lapses (and resumed from its last
 * checkpoint). A sweeper deletes expired jobs and cancelled ones with their files.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ExportJob } from '../jobs/types.js';
import { purgeJob, runJob, WorkerStop, type JobDeps, type StopReason } from './job-runner.js';

/** What the engine needs: the job dependencies minus the per-job worker id and signal. */
export type EngineDeps = Omit<JobDeps, 'worker' | 'signal'>;

interface Running {
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

/** Schedules export jobs. Call {@link start} once; {@link stop} (or {@link kill}) at the end. */
export class ExportEngine {
  /** This instance's worker id, stored as the lease owner of the jobs it runs. */
  readonly worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly #running = new Map<string, Running>();
  readonly #timers: NodeJS.Timeout[] = [];
  #ticking = false;
  #again = false;
  #stopped = true;

  constructor(private readonly deps: EngineDeps) {}

  /** Starts polling for jobs and sweeping expired ones. */
  start(): void {
    this.#stopped = false;
    this.#timers.push(setInterval(() => this.wake(), this.deps.settings.pollIntervalMs).unref());
    this.#timers.push(
      setInterval(() => void this.sweep(), this.deps.settings.sweepIntervalMs).unref(),
    );
    void this.sweep();
    this.wake();
  }

  /** Looks for work now (after a kick-off, or when a worker frees up). */
  wake(): void {
    if (this.#stopped) return;
    if (this.#ticking) {
      this.#again = true;
      return;
    }
    void this.#tick();
  }

  /** Jobs running in this instance. */
  get running(): readonly string[] {
    return [...this.#running.keys()];
  }

  /**
   * Cancels a job (DELETE on its status URL). A job running here stops and deletes itself;
   * one running elsewhere stops at its next checkpoint; any other is deleted at once.
   */
  async cancel(job: ExportJob): Promise<void> {
    await this.deps.repo.cancel(job.id, new Date().toISOString());
    const running = this.#running.get(job.id);
    if (running) {
      running.controller.abort(new WorkerStop('cancel'));
      await running.done;
      return;
    }
    const leased =
      job.status === 'running' &&
      job.leaseUntil !== undefined &&
      job.leaseUntil > new Date().toISOString();
    if (!leased) await purgeJob(this.deps, job.id);
  }

  /** Deletes expired jobs and abandoned cancelled ones, with their files. */
  async sweep(): Promise<number> {
    const ids = await this.deps.repo
      .purgeable(new Date().toISOString(), 100)
      .catch((error: unknown) => {
        this.deps.logger.error('bulk export sweep failed', { reason: String(error) });
        return [];
      });
    for (const id of ids.filter((candidate) => !this.#running.has(candidate))) {
      await purgeJob(this.deps, id).catch((error: unknown) =>
        this.deps.logger.error('bulk export purge failed', { jobId: id, reason: String(error) }),
      );
      this.deps.logger.info('bulk export deleted', { jobId: id });
    }
    return ids.length;
  }

  /** Graceful shutdown: running jobs go back to the queue for the next instance. */
  stop(): Promise<void> {
    return this.#halt('stop');
  }

  /** Stops as a crash would: no checkpoint, no release; the leases must lapse first. */
  kill(): Promise<void> {
    return this.#halt('kill');
  }

  async #halt(reason: StopReason): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
    const running = [...this.#running.values()];
    for (const job of running) job.controller.abort(new WorkerStop(reason));
    await Promise.all(running.map((job) => job.done));
  }

  async #tick(): Promise<void> {
    this.#ticking = true;
    try {
      do {
        this.#again = false;
        await this.#fill();
      } while (this.#again && !this.#stopped);
    } catch (error) {
      this.deps.logger.error('bulk export scheduling failed', { reason: String(error) });
    } finally {
      this.#ticking = false;
    }
  }

  /** Claims jobs until every worker is busy or the queue is empty. */
  async #fill(): Promise<void> {
    while (!this.#stopped && this.#running.size < this.deps.settings.workers) {
      const now = Date.now();
      const leaseUntil = new Date(now + this.deps.settings.leaseMs).toISOString();
      const job = await this.deps.repo.claim(this.worker, new Date(now).toISOString(), leaseUntil);
      if (!job) return;
      this.#launch(job);
    }
  }

  #launch(job: ExportJob): void {
    const controller = new AbortController();
    this.deps.logger.info('bulk export started', {
      jobId: job.id,
      attempt: job.attempts,
      types: job.spec.types,
    });
    const deps: JobDeps = { ...this.deps, worker: this.worker, signal: controller.signal };
    const done = runJob(deps, job).finally(() => {
      this.#running.delete(job.id);
      this.wake();
    });
    this.#running.set(job.id, { controller, done });
  }
}

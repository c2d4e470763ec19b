/**
 * Export jobs in the gateway's store, in portable SQL over either dialect. Workers claim a
 * job with a lease (a conditional UPDATE, so two instances never run the same job), renew it
 * with every checkpoint, and lose it when it lapses; a checkpoint writes the task cursor, the
 * file states and new issues in one transaction, only while the lease is still held.
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { Database, Queryable, Row } from '../../store/types.js';
import {
  LeaseLostError,
  type Checkpoint,
  type ExportFile,
  type ExportJob,
  type ExportTask,
  type JobOwner,
  type JobStatus,
  type NewJob,
} from './types.js';

const ACTIVE = `status IN ('queued', 'running')`;

/** Jobs, tasks, files and issues of bulk exports. */
export class JobRepository {
  constructor(private readonly db: Database) {}

  /**
   * Creates a queued job with one pending task per type, unless the client already has
   * `limit` active jobs: then returns false and creates nothing.
   */
  create(job: NewJob, limit: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if (this.db.dialect === 'postgres') {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext(?))', [`bulk:${job.owner.clientId}`]);
      }
      if ((await countActive(tx, job.owner.clientId)) >= limit) return false;
      await insertJob(tx, job);
      for (const [ordinal, type] of job.spec.types.entries()) {
        await tx.execute(
          `INSERT INTO bulk_tasks (job_id, resource_type, ordinal, status, resource_count)
           VALUES (?, ?, ?, 'pending', 0)`,
          [job.id, type, ordinal],
        );
      }
      await insertIssues(tx, job.id, job.issues);
      return true;
    });
  }

  async get(id: string): Promise<ExportJob | undefined> {
    const rows = await this.db.query('SELECT * FROM bulk_jobs WHERE id = ?', [id]);
    return rows[0] && toJob(rows[0]);
  }

  async tasks(jobId: string): Promise<ExportTask[]> {
    const rows = await this.db.query('SELECT * FROM bulk_tasks WHERE job_id = ? ORDER BY ordinal', [
      jobId,
    ]);
    return rows.map(toTask);
  }

  async files(jobId: string): Promise<ExportFile[]> {
    const rows = await this.db.query(
      'SELECT * FROM bulk_files WHERE job_id = ? ORDER BY resource_type, part',
      [jobId],
    );
    return rows.map(toFile);
  }

  /** Issues in insertion order, a page at a time (`after` is the last `seq` seen). */
  async issues(
    jobId: string,
    after: number,
    limit: number,
  ): Promise<Array<{ seq: number; outcome: OperationOutcome }>> {
    const rows = await this.db.query<{ seq: number; outcome: string }>(
      'SELECT seq, outcome FROM bulk_issues WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      [jobId, after, limit],
    );
    return rows.map((row) => ({
      seq: Number(row.seq),
      outcome: JSON.parse(row.outcome) as OperationOutcome,
    }));
  }

  async countIssues(jobId: string): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM bulk_issues WHERE job_id = ?',
      [jobId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Takes the oldest job that is queued, or running under a lapsed lease. */
  async claim(worker: string, now: string, leaseUntil: string): Promise<ExportJob | undefined> {
    const candidates = await this.db.query<{ id: string }>(
      `SELECT id FROM bulk_jobs
       WHERE status = 'queued' OR (status = 'running' AND (lease_until IS NULL OR lease_until < ?))
       ORDER BY created_at LIMIT 5`,
      [now],
    );
    for (const { id } of candidates) {
      const claimed = await this.db.execute(
        `UPDATE bulk_jobs SET status = 'running', lease_owner = ?, lease_until = ?, updated_at = ?,
           attempts = attempts + 1
         WHERE id = ? AND (status = 'queued' OR (status = 'running' AND (lease_until IS NULL OR lease_until < ?)))`,
        [worker, leaseUntil, now, id, now],
      );
      if (claimed === 1) return this.get(id);
    }
    return undefined;
  }

  /** Extends the lease and records progress; throws {@link LeaseLostError} if not held. */
  async renew(
    jobId: string,
    worker: string,
    leaseUntil: string,
    done: number,
    estimate?: number,
  ): Promise<void> {
    await renewIn(this.db, jobId, worker, leaseUntil, done);
    if (estimate !== undefined) {
      await this.db.execute('UPDATE bulk_jobs SET estimate = ? WHERE id = ?', [estimate, jobId]);
    }
  }

  /** Records the estimate of one task (from the plugin's search total). */
  async setTaskEstimate(jobId: string, resourceType: string, estimate: number): Promise<void> {
    await this.db.execute(
      'UPDATE bulk_tasks SET estimate = ? WHERE job_id = ? AND resource_type = ?',
      [estimate, jobId, resourceType],
    );
  }

  /** Commits a task's progress, its files and new issues atomically, under the lease. */
  checkpoint(cp: Checkpoint): Promise<void> {
    return this.db.transaction(async (tx) => {
      await renewIn(tx, cp.jobId, cp.worker, cp.leaseUntil, cp.done);
      await tx.execute(
        `UPDATE bulk_tasks SET stream_cursor = ?, resource_count = ?, status = ?
         WHERE job_id = ? AND resource_type = ?`,
        [cp.task.cursor ?? null, cp.task.count, cp.task.status, cp.jobId, cp.task.resourceType],
      );
      for (const file of cp.files) await upsertFile(tx, cp.jobId, file);
      await insertIssues(tx, cp.jobId, cp.issues);
    });
  }

  /** Records a file outside a checkpoint (the error file, a file published after a seal). */
  async saveFile(jobId: string, file: Omit<ExportFile, 'jobId'>): Promise<void> {
    await this.db.transaction((tx) => upsertFile(tx, jobId, file));
  }

  /** A sealed file was published: it may now be listed in the manifest. */
  async markClosed(jobId: string, name: string): Promise<void> {
    await this.db.execute(`UPDATE bulk_files SET status = 'closed' WHERE job_id = ? AND name = ?`, [
      jobId,
      name,
    ]);
  }

  /** Marks the job completed (with its expiry) and frees the lease. */
  async complete(jobId: string, worker: string, now: string, expiresAt: string): Promise<void> {
    await this.#finish(jobId, worker, `status = 'completed', completed_at = ?, expires_at = ?`, [
      now,
      expiresAt,
    ]);
  }

  /** Marks the job failed with a client-safe message; it expires like a completed one. */
  async fail(
    jobId: string,
    worker: string,
    message: string,
    now: string,
    expiresAt: string,
  ): Promise<void> {
    await this.#finish(
      jobId,
      worker,
      `status = 'failed', error = ?, completed_at = ?, expires_at = ?`,
      [message, now, expiresAt],
    );
  }

  /** Gives the job back to the queue (graceful shutdown); another worker resumes it. */
  async release(jobId: string, worker: string): Promise<void> {
    await this.db.execute(
      `UPDATE bulk_jobs SET status = 'queued', lease_owner = NULL, lease_until = NULL
       WHERE id = ? AND lease_owner = ? AND status = 'running'`,
      [jobId, worker],
    );
  }

  /** Marks a job cancelled; its worker stops at its next checkpoint. False if unknown. */
  async cancel(jobId: string, now: string): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE bulk_jobs SET status = 'cancelled', updated_at = ? WHERE id = ? AND status <> 'cancelled'`,
      [now, jobId],
    );
    return changed === 1;
  }

  /** Jobs whose files may be deleted now: expired, or cancelled and not held by a live worker. */
  async purgeable(now: string, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM bulk_jobs
       WHERE (status IN ('completed', 'failed') AND expires_at < ?)
          OR (status = 'cancelled' AND (lease_until IS NULL OR lease_until < ?))
       ORDER BY updated_at LIMIT ?`,
      [now, now, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Deletes the job and (by cascade) its tasks, files and issues. */
  async delete(jobId: string): Promise<void> {
    await this.db.execute('DELETE FROM bulk_jobs WHERE id = ?', [jobId]);
  }

  /** The client's queued and running jobs. */
  active(clientId: string): Promise<number> {
    return countActive(this.db, clientId);
  }

  async #finish(
    jobId: string,
    worker: string,
    set: string,
    params: readonly (string | number)[],
  ): Promise<void> {
    const changed = await this.db.execute(
      `UPDATE bulk_jobs SET ${set}, lease_owner = NULL, lease_until = NULL
       WHERE id = ? AND lease_owner = ? AND status = 'running'`,
      [...params, jobId, worker],
    );
    if (changed !== 1) throw new LeaseLostError(jobId);
  }
}

async function countActive(db: Queryable, clientId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM bulk_jobs WHERE owner_client = ? AND ${ACTIVE}`,
    [clientId],
  );
  return Number(rows[0]?.n ?? 0);
}

async function renewIn(
  db: Queryable,
  jobId: string,
  worker: string,
  leaseUntil: string,
  done: number,
): Promise<void> {
  const changed = await db.execute(
    `UPDATE bulk_jobs SET lease_until = ?, done_count = ?, updated_at = ?
     WHERE id = ? AND lease_owner = ? AND status = 'running'`,
    [leaseUntil, done, new Date().toISOString(), jobId, worker],
  );
  if (changed !== 1) throw new LeaseLostError(jobId);
}

function insertJob(tx: Queryable, job: NewJob): Promise<number> {
  const now = new Date().toISOString();
  return tx.execute(
    `INSERT INTO bulk_jobs (id, owner_client, owner_subject, owner_patient, status, request_url, spec,
       transaction_time, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)`,
    [
      job.id,
      job.owner.clientId,
      job.owner.subject,
      job.owner.patient ?? null,
      job.requestUrl,
      JSON.stringify(job.spec),
      job.transactionTime,
      now,
      now,
    ],
  );
}

async function insertIssues(
  tx: Queryable,
  jobId: string,
  issues: readonly OperationOutcome[],
): Promise<void> {
  for (const outcome of issues) {
    await tx.execute('INSERT INTO bulk_issues (job_id, outcome) VALUES (?, ?)', [
      jobId,
      JSON.stringify(outcome),
    ]);
  }
}

async function upsertFile(
  tx: Queryable,
  jobId: string,
  file: Omit<ExportFile, 'jobId'>,
): Promise<void> {
  const values = [file.status, file.count, file.bytes, JSON.stringify(file.state)];
  const updated = await tx.execute(
    `UPDATE bulk_files SET status = ?, resource_count = ?, byte_count = ?, writer_state = ?
     WHERE job_id = ? AND name = ?`,
    [...values, jobId, file.name],
  );
  if (updated === 1) return;
  await tx.execute(
    `INSERT INTO bulk_files (status, resource_count, byte_count, writer_state, job_id, name, resource_type, part)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [...values, jobId, file.name, file.resourceType, file.part],
  );
}

const optional = <T>(value: unknown, map: (v: unknown) => T): T | undefined =>
  value === null || value === undefined ? undefined : map(value);

function toJob(row: Row): ExportJob {
  const owner: JobOwner = {
    clientId: String(row.owner_client),
    subject: String(row.owner_subject),
    patient: optional(row.owner_patient, String),
  };
  return {
    id: String(row.id),
    owner,
    status: String(row.status) as JobStatus,
    requestUrl: String(row.request_url),
    spec: JSON.parse(String(row.spec)) as ExportJob['spec'],
    transactionTime: String(row.transaction_time),
    createdAt: String(row.created_at),
    completedAt: optional(row.completed_at, String),
    expiresAt: optional(row.expires_at, String),
    leaseOwner: optional(row.lease_owner, String),
    leaseUntil: optional(row.lease_until, String),
    attempts: Number(row.attempts),
    done: Number(row.done_count),
    estimate: optional(row.estimate, Number),
    error: optional(row.error, String),
  };
}

function toTask(row: Row): ExportTask {
  return {
    jobId: String(row.job_id),
    resourceType: String(row.resource_type),
    ordinal: Number(row.ordinal),
    status: String(row.status) as ExportTask['status'],
    cursor: optional(row.stream_cursor, String),
    count: Number(row.resource_count),
    estimate: optional(row.estimate, Number),
  };
}

function toFile(row: Row): ExportFile {
  return {
    jobId: String(row.job_id),
    name: String(row.name),
    resourceType: String(row.resource_type),
    part: Number(row.part),
    status: String(row.status) as ExportFile['status'],
    count: Number(row.resource_count),
    bytes: Number(row.byte_count),
    state: JSON.parse(String(row.writer_state)) as ExportFile['state'],
  };
}

/**
 * The bulk export settings the engine and endpoints use, in plain units (the config schema's
 * `bulk` section maps onto it; tests pass small values).
 */
import type { BulkConfig } from '../config/schema.js';
import type { BulkGroup } from './groups.js';

export interface BulkSettings {
  /** Jobs one gateway instance runs at the same time. */
  readonly workers: number;
  /** Queued plus running jobs one client may have; more get 429. */
  readonly perClientJobs: number;
  /** An output file is closed and the next one started before it would pass this size. */
  readonly maxFileBytes: number;
  /** Hours a finished job's files stay available (the manifest's `Expires`). */
  readonly expiryHours: number;
  /** `Retry-After` seconds on 202 status answers and 429 kick-offs. */
  readonly retryAfterSeconds: number;
  /** A checkpoint at least every this many resources... */
  readonly checkpointEvery: number;
  /** ...and at least this often (ms). */
  readonly checkpointIntervalMs: number;
  /** A worker's claim on a job; another instance may take the job once it lapses. */
  readonly leaseMs: number;
  /** How often idle workers look for queued jobs (ms). */
  readonly pollIntervalMs: number;
  /** How often expired and cancelled jobs are deleted (ms). */
  readonly sweepIntervalMs: number;
  /** Attempts at a resource type when its backend fails, resuming from the last checkpoint. */
  readonly maxAttempts: number;
  /** Delay before the first retry (ms); doubles each time. */
  readonly retryDelayMs: number;
  readonly groups: readonly BulkGroup[];
}

/** Defaults for anything a caller leaves out (the config schema documents each). */
export const DEFAULT_BULK_SETTINGS: BulkSettings = {
  workers: 2,
  perClientJobs: 2,
  maxFileBytes: 100 * 1024 * 1024,
  expiryHours: 24,
  retryAfterSeconds: 5,
  checkpointEvery: 5000,
  checkpointIntervalMs: 2000,
  leaseMs: 60_000,
  pollIntervalMs: 1000,
  sweepIntervalMs: 60_000,
  maxAttempts: 3,
  retryDelayMs: 1000,
  groups: [],
};

/** The engine settings from the config schema's `bulk` section. */
export function settingsFromConfig(bulk: BulkConfig): BulkSettings {
  return {
    workers: bulk.workers,
    perClientJobs: bulk.perClientJobs,
    maxFileBytes: bulk.maxFileBytes,
    expiryHours: bulk.expiryHours,
    retryAfterSeconds: bulk.retryAfterSeconds,
    checkpointEvery: bulk.checkpointEvery,
    checkpointIntervalMs: bulk.checkpointIntervalMs,
    leaseMs: bulk.leaseSeconds * 1000,
    pollIntervalMs: bulk.pollIntervalMs,
    sweepIntervalMs: bulk.sweepIntervalSeconds * 1000,
    maxAttempts: bulk.maxAttempts,
    retryDelayMs: DEFAULT_BULK_SETTINGS.retryDelayMs,
    groups: bulk.groups,
  };
}

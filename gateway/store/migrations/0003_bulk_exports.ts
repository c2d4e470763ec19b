import type { Migration } from '../types.js';
import { perDialect } from './dialect.js';

/**
 * Bulk Data export jobs (https://hl7.org/fhir/uv/bulkdata/STU2/export.html), durable so that a
 * job survives a restart and any gateway instance sharing the database can resume it.
 * `bulk_jobs` holds the request (`spec`, JSON), its owner, status and the worker lease;
 * `bulk_tasks` one row per resource type with the plugin stream cursor after the last
 * committed resource; `bulk_files` each output file with its committed length and the file
 * store's state (`writer_state`, JSON). A checkpoint updates task and files in one
 * transaction. `bulk_issues` holds the OperationOutcomes of the manifest's `error` files.
 * Instants are ISO-8601 UTC text.
 */
export const bulkExports: Migration = {
  version: 3,
  name: 'bulk_exports',
  sql: perDialect(
    ({ serialKey }) => `
CREATE TABLE bulk_jobs (
  id TEXT PRIMARY KEY,
  owner_client TEXT NOT NULL,
  owner_subject TEXT NOT NULL,
  owner_patient TEXT,
  status TEXT NOT NULL,
  request_url TEXT NOT NULL,
  spec TEXT NOT NULL,
  transaction_time TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  completed_at TEXT,
  expires_at TEXT,
  lease_owner TEXT,
  lease_until TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  done_count INTEGER NOT NULL DEFAULT 0,
  estimate INTEGER,
  error TEXT
);
CREATE INDEX bulk_jobs_status ON bulk_jobs (status, lease_until);
CREATE INDEX bulk_jobs_owner ON bulk_jobs (owner_client, status);
CREATE INDEX bulk_jobs_expiry ON bulk_jobs (expires_at);

CREATE TABLE bulk_tasks (
  job_id TEXT NOT NULL REFERENCES bulk_jobs (id) ON DELETE CASCADE,
  resource_type TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  status TEXT NOT NULL,
  stream_cursor TEXT,
  resource_count INTEGER NOT NULL DEFAULT 0,
  estimate INTEGER,
  PRIMARY KEY (job_id, resource_type)
);

CREATE TABLE bulk_files (
  job_id TEXT NOT NULL REFERENCES bulk_jobs (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  part INTEGER NOT NULL,
  status TEXT NOT NULL,
  resource_count INTEGER NOT NULL,
  byte_count INTEGER NOT NULL,
  writer_state TEXT NOT NULL,
  PRIMARY KEY (job_id, name)
);

CREATE TABLE bulk_issues (
  seq ${serialKey},
  job_id TEXT NOT NULL REFERENCES bulk_jobs (id) ON DELETE CASCADE,
  outcome TEXT NOT NULL
);
CREATE INDEX bulk_issues_job ON bulk_issues (job_id, seq);
`,
  ),
};

import type { Migration } from '../types.js';
import { perDialect } from './dialect.js';

/**
 * One row per access to patient data (`AuditEvent` in ../types.ts), kept for security
 * review and the yearly Patient Access API metrics that CMS-0057-F requires (unique
 * patients whose data went to an app, and how many more than once): indexed by patient,
 * client and time.
 * `resource_types` is a JSON array; `event_time` is ISO-8601 UTC text.
 */
export const audit: Migration = {
  version: 2,
  name: 'audit',
  sql: perDialect(
    ({ serialKey }) => `
CREATE TABLE audit_events (
  seq ${serialKey},
  event_time TEXT NOT NULL,
  request_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  user_ref TEXT,
  patient_id TEXT,
  interaction TEXT NOT NULL,
  resource_types TEXT NOT NULL,
  resource_count INTEGER NOT NULL,
  purpose TEXT NOT NULL,
  outcome TEXT NOT NULL
);
CREATE INDEX audit_events_patient ON audit_events (patient_id, event_time);
CREATE INDEX audit_events_client ON audit_events (client_id, event_time);
CREATE INDEX audit_events_time ON audit_events (event_time);
`,
  ),
};

/**
 * The access log behind security review and the CMS-0057-F Patient Access API metrics.
 * Rows hold identifiers only (client, patient reference, request id), never resource content.
 */
import { placeholders, toInstant } from './sql-helpers.js';
import type { AuditEvent, AuditQuery, AuditRepository, Database, SqlValue } from './types.js';

/** Rows returned when a query sets no limit. */
const DEFAULT_LIMIT = 1000;

type AuditRow = {
  event_time: string;
  request_id: string;
  client_id: string;
  user_ref: string | null;
  patient_id: string | null;
  interaction: string;
  resource_types: string;
  resource_count: number;
  purpose: string;
  outcome: AuditEvent['outcome'];
};

const COLUMNS = [
  'event_time',
  'request_id',
  'client_id',
  'user_ref',
  'patient_id',
  'interaction',
  'resource_types',
  'resource_count',
  'purpose',
  'outcome',
];

/** {@link AuditRepository} on either SQL dialect. */
export class SqlAuditRepository implements AuditRepository {
  constructor(private readonly db: Database) {}

  async record(event: AuditEvent): Promise<void> {
    await this.db.execute(
      `INSERT INTO audit_events (${COLUMNS.join(', ')}) VALUES (${placeholders(COLUMNS.length)})`,
      toParams(event),
    );
  }

  /** Newest first; ties (same instant) in reverse insertion order. */
  async query(query: AuditQuery): Promise<readonly AuditEvent[]> {
    const clauses: string[] = [];
    const params: SqlValue[] = [];
    const add = (clause: string, value: SqlValue): void => {
      clauses.push(clause);
      params.push(value);
    };
    if (query.patientId !== undefined) add('patient_id = ?', query.patientId);
    if (query.clientId !== undefined) add('client_id = ?', query.clientId);
    if (query.from !== undefined) add('event_time >= ?', toInstant(query.from, 'from'));
    if (query.to !== undefined) add('event_time < ?', toInstant(query.to, 'to'));

    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = await this.db.query<AuditRow>(
      `SELECT ${COLUMNS.join(', ')} FROM audit_events ${where}
       ORDER BY event_time DESC, seq DESC LIMIT ?`,
      [...params, Math.max(0, Math.floor(query.limit ?? DEFAULT_LIMIT))],
    );
    return rows.map(toEvent);
  }
}

function toParams(event: AuditEvent): SqlValue[] {
  return [
    toInstant(event.time, 'time'),
    event.requestId,
    event.clientId,
    event.user ?? null,
    event.patientId ?? null,
    event.interaction,
    JSON.stringify(event.resourceTypes),
    event.count,
    event.purpose,
    event.outcome,
  ];
}

/** Optional fields absent in the row are left out, not set to undefined. */
function toEvent(row: AuditRow): AuditEvent {
  return {
    time: row.event_time,
    requestId: row.request_id,
    clientId: row.client_id,
    ...(row.user_ref === null ? {} : { user: row.user_ref }),
    ...(row.patient_id === null ? {} : { patientId: row.patient_id }),
    interaction: row.interaction,
    resourceTypes: JSON.parse(row.resource_types) as string[],
    count: Number(row.resource_count),
    purpose: row.purpose,
    outcome: row.outcome,
  };
}

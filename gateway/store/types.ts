/**
 * The gateway's own state, behind one interface. Two drivers implement {@link Database}
 * (embedded SQLite via better-sqlite3, and PostgreSQL via pg); the repositories are written
 * once in portable SQL on top of it, so both backends behave the same and pass the same tests.
 */
import type { Resource } from '@medplum/fhirtypes';

/** A row as returned by a query: column name to value. */
export type Row = Record<string, unknown>;

/** A SQL parameter. Booleans are stored as 0/1, instants as ISO-8601 UTC strings. */
export type SqlValue = string | number | bigint | null | Uint8Array;

/** Statements use `?` placeholders in both dialects; the PostgreSQL driver numbers them. */
export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement and returns the number of rows it changed. */
  execute(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/** A connection pool (PostgreSQL) or single connection (SQLite). */
export interface Database extends Queryable {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs `work` in one transaction; commits when it resolves, rolls back when it throws.
   * Transactions are serialized on SQLite and isolated per connection on PostgreSQL.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs `work` while holding a lock that spans gateway instances (used by migrations). */
  withExclusiveLock<T>(name: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A versioned schema change. SQL may differ per dialect; most migrations share one text. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string | { readonly sqlite: string; readonly postgres: string };
}

/** Result of applying migrations at start. */
export interface MigrationReport {
  readonly applied: readonly number[];
  readonly current: number;
}

/** A stored version of a resource the gateway owns (Consent, QuestionnaireResponse, ...). */
export interface StoredResource {
  readonly resource: Resource;
  readonly versionId: string;
  readonly lastUpdated: string;
  readonly deleted: boolean;
}

/** Filters for listing stored resources; all optional and combined with AND. */
export interface ResourceQuery {
  readonly resourceType: string;
  readonly ids?: readonly string[];
  /** Patient compartment membership, as computed by the gateway on write. */
  readonly patientIds?: readonly string[];
  /** Inclusive lower bound on `meta.lastUpdated` (ISO instant). */
  readonly updatedFrom?: string;
  /** Exclusive upper bound on `meta.lastUpdated` (ISO instant). */
  readonly updatedTo?: string;
  /** Keyset cursor from a previous page (opaque). */
  readonly cursor?: string;
  readonly limit: number;
}

export interface ResourcePage {
  readonly resources: readonly Resource[];
  readonly nextCursor?: string;
  readonly total: number;
  /** For each resource, the keyset cursor that resumes just after it (streaming). */
  readonly cursors?: readonly string[];
}

/** Versioned FHIR resources the gateway owns, with history. */
export interface ResourceRepository {
  /** Stores version 1 under a new id (the resource's own id is ignored). */
  create(resource: Resource, patientIds: readonly string[]): Promise<StoredResource>;
  /**
   * Stores a new version (or version 1 when absent: update-as-create). When `ifMatch` is
   * given and differs from the current version, throws `PreconditionFailedError`.
   */
  update(
    resource: Resource & { id: string },
    patientIds: readonly string[],
    ifMatch?: string,
  ): Promise<StoredResource & { created: boolean }>;
  read(resourceType: string, id: string): Promise<StoredResource | undefined>;
  vread(resourceType: string, id: string, versionId: string): Promise<StoredResource | undefined>;
  history(resourceType: string, id: string, limit: number): Promise<readonly StoredResource[]>;
  /** Current, non-deleted versions matching the query, in a stable order. */
  search(query: ResourceQuery): Promise<ResourcePage>;
}

/** One access to patient data, for security review and the CMS Patient Access metrics. */
export interface AuditEvent {
  readonly time: string;
  readonly requestId: string;
  readonly clientId: string;
  /** The `fhirUser` of the token, if any. */
  readonly user?: string;
  /** The patient whose data was accessed, if the access concerned one patient. */
  readonly patientId?: string;
  /** e.g. `read`, `search-type`, `create`, `operation:$everything`, `export`. */
  readonly interaction: string;
  readonly resourceTypes: readonly string[];
  /** Number of resources disclosed (or written). */
  readonly count: number;
  /** Purpose of use: `patient`, `provider`, `payer`, `system`, `staff`. */
  readonly purpose: string;
  readonly outcome: 'success' | 'denied' | 'error';
}

export interface AuditQuery {
  readonly patientId?: string;
  readonly clientId?: string;
  /** Inclusive lower bound (ISO instant). */
  readonly from?: string;
  /** Exclusive upper bound (ISO instant). */
  readonly to?: string;
  readonly limit?: number;
}

export interface AuditRepository {
  record(event: AuditEvent): Promise<void>;
  /** Matching events, newest first. */
  query(query: AuditQuery): Promise<readonly AuditEvent[]>;
}

/** The store: a database with migrations applied and the repositories over it. */
export interface Store {
  readonly db: Database;
  readonly resources: ResourceRepository;
  readonly audit: AuditRepository;
  /** Pings the database, for `/health`. */
  health(): Promise<{ status: 'pass' | 'fail'; detail?: string }>;
  close(): Promise<void>;
}

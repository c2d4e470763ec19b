/**
 * The embedded driver: one better-sqlite3 connection in WAL mode, for single-instance
 * deployments, demos and tests. Every statement goes through one FIFO mutex so that a
 * transaction spanning `await`s never sees another caller's statements.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Mutex } from './mutex.js';
import type { Database, Queryable, Row, SqlValue } from './types.js';

/** How long a statement waits for another process's write lock before failing (ms). */
const BUSY_TIMEOUT_MS = 5000;

type Connection = BetterSqlite3.Database;

/**
 * Opens (creating when missing) the SQLite database at `path`; `':memory:'` gives a private
 * in-memory database. Foreign keys are enforced and the parent directory is created.
 */
export function openSqlite(path: string): Database {
  if (isFilePath(path)) mkdirSync(dirname(path), { recursive: true });
  const conn = new BetterSqlite3(path);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('foreign_keys = ON');
  conn.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return new SqliteDatabase(conn);
}

function isFilePath(path: string): boolean {
  return path !== '' && path !== ':memory:' && !path.startsWith('file:');
}

/** Runs statements directly on the connection; callers must hold the mutex. */
class SqliteStatements implements Queryable {
  constructor(protected readonly conn: Connection) {}

  query<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return attempt(() => {
      const statement = this.conn.prepare(sql);
      if (!statement.reader) {
        statement.run(...bind(params));
        return [];
      }
      return statement.all(...bind(params)) as T[];
    });
  }

  execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return attempt(() => {
      const statement = this.conn.prepare(sql);
      if (statement.reader) return statement.all(...bind(params)).length;
      return statement.run(...bind(params)).changes;
    });
  }
}

class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  readonly #mutex = new Mutex();
  readonly #direct: SqliteStatements;

  constructor(private readonly conn: Connection) {
    this.#direct = new SqliteStatements(conn);
  }

  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.#mutex.run(() => this.#direct.query<T>(sql, params));
  }

  execute(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.#mutex.run(() => this.#direct.execute(sql, params));
  }

  /** BEGIN IMMEDIATE takes the write lock up front, so a transaction never fails mid-way. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.#mutex.run(async () => {
      this.conn.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.#direct);
        this.conn.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.conn.inTransaction) this.conn.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /**
   * Within one process the mutex is the lock. Across processes sharing a file, SQLite's own
   * write lock serializes each transaction, which is why migrations re-check inside theirs.
   */
  withExclusiveLock<T>(_name: string, work: () => Promise<T>): Promise<T> {
    return this.#mutex.run(work);
  }

  close(): Promise<void> {
    return this.#mutex.run(() => {
      if (this.conn.open) this.conn.close();
      return Promise.resolve();
    });
  }
}

/** better-sqlite3 binds Buffers, not bare Uint8Arrays. */
function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((value) =>
    value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value) : value,
  );
}

/** Turns a synchronous throw into a rejected promise, as the pg driver would. */
function attempt<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

/**
 * The server driver: a pg connection pool, for deployments with several gateway instances.
 * Statements are written with `?` placeholders (shared with SQLite) and numbered here.
 */
import pg from 'pg';
import type { Database, Queryable, Row, SqlValue } from './types.js';

/** OID of int8 (`bigint`), e.g. `count(*)` and identity columns. */
const INT8_OID = 20;

/**
 * Parses int8 as a JS number rather than a string. The store's int8 values (row counts,
 * sequence numbers) stay far below 2^53, and both dialects then return the same types.
 */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : (pg.types.getTypeParser(oid, format) as (value: string) => unknown),
};

/**
 * Opens a pool of at most `poolMax` connections to the PostgreSQL database at `url`.
 * `onIdleError` hears about idle connections the server dropped (the pool replaces them);
 * without a listener such an error would crash the process.
 */
export function openPostgres(
  url: string,
  poolMax: number,
  onIdleError: (error: Error) => void = () => undefined,
): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, types: TYPES });
  pool.on('error', onIdleError);
  return new PostgresDatabase(pool, url);
}

/**
 * Rewrites `?` placeholders as `$1..$n`, leaving any `?` inside a single-quoted literal,
 * a double-quoted identifier or a `--` comment untouched.
 */
export function numberPlaceholders(sql: string): string {
  let out = '';
  let quote: string | undefined;
  let count = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql.charAt(i);
    if (quote === undefined && ch === '-' && sql.charAt(i + 1) === '-') quote = '\n';
    else if (quote === undefined && (ch === "'" || ch === '"')) quote = ch;
    else if (ch === quote) quote = undefined;
    out += quote === undefined && ch === '?' ? `$${++count}` : ch;
  }
  return out;
}

/** Runs statements on one pooled client, or on the pool (any free client). */
class PostgresStatements implements Queryable {
  constructor(private readonly target: pg.Pool | pg.PoolClient) {}

  async query<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const result = await this.target.query<T>(numberPlaceholders(sql), [...params]);
    return result.rows;
  }

  async execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const result = await this.target.query(numberPlaceholders(sql), [...params]);
    return result.rowCount ?? 0;
  }
}

class PostgresDatabase extends PostgresStatements implements Database {
  readonly dialect = 'postgres' as const;

  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
  ) {
    super(pool);
  }

  /** Runs `work` on one dedicated client between BEGIN and COMMIT (READ COMMITTED). */
  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(new PostgresStatements(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = await rollback(client);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * Holds a session-level advisory lock, keyed by `hashtext(name)`, on a connection of its
   * own (outside the pool, so `work` can still use every pooled connection). Another
   * instance calling with the same name waits until this one has finished.
   */
  async withExclusiveLock<T>(name: string, work: () => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.url, types: TYPES });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
      return await work();
    } finally {
      await client.end();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Rolls back; reports whether the client is unusable and must be discarded. */
async function rollback(client: pg.PoolClient): Promise<boolean> {
  try {
    await client.query('ROLLBACK');
    return false;
  } catch {
    return true;
  }
}

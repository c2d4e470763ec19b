/**
 * Small pieces of portable SQL shared by the repositories: placeholder lists, instant
 * normalisation (so ISO text compares correctly) and unique-violation detection per driver.
 */
import { BadRequestError } from '../../plugins/sdk/errors.js';

/** `?, ?, ?` for an IN list of `count` values (count > 0). */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/**
 * Normalises an instant (or FHIR date such as `2024-01-01`) to `YYYY-MM-DDTHH:mm:ss.sssZ`.
 * Instants are stored as text in that one format, so string order is time order; a bound
 * given with an offset must be converted before it is compared.
 */
export function toInstant(value: string, field: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new BadRequestError(`Invalid instant for ${field}`, { expression: [field] });
  }
  return new Date(time).toISOString();
}

/** SQLSTATE 23505 (PostgreSQL) or a SQLite UNIQUE / PRIMARY KEY constraint failure. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = error.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

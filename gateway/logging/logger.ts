/**
 * Structured JSON-lines logging (winston). One root logger per process; each request gets a
 * child carrying its request id, trace id and client id. Messages never carry tokens or PHI:
 * log identifiers of requests and jobs, resource types and counts, never patient data.
 */
import winston from 'winston';

export type { Logger } from 'winston';

/** Creates the root logger. `silent` drops everything (tests). */
export function createLogger(level: string, service = 'gateway'): winston.Logger {
  return winston.createLogger({
    level: level === 'silent' ? 'error' : level,
    silent: level === 'silent',
    defaultMeta: { service },
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports: [new winston.transports.Console({ stderrLevels: [] })],
  });
}

/** A logger that writes nowhere, for tests and tools. */
export function silentLogger(): winston.Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console()] });
}

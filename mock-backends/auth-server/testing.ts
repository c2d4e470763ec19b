/**
 * Test support: an auth server on an ephemeral loopback port with the demo clients and users,
 * and the names tests need. Not used outside tests.
 */
import { Writable } from 'node:stream';
import winston from 'winston';
import { startAuthServer } from './server.js';
import type { RunningAuthServer } from './server.js';
import type { AuthServerConfigInput } from './config.js';
import { DEMO_CONFIDENTIAL_SECRET } from './config.js';

/** The FHIR base URL the test servers issue tokens for (never contacted). */
export const TEST_AUDIENCE = 'http://127.0.0.1:9/fhir';

/** The demo public patient app. */
export const PATIENT_APP = {
  clientId: 'demo-patient-app',
  redirectUri: 'http://localhost:4200/callback',
} as const;

/** The demo confidential provider app. */
export const PROVIDER_APP = {
  clientId: 'demo-confidential-app',
  clientSecret: DEMO_CONFIDENTIAL_SECRET,
  redirectUri: 'http://localhost:4201/callback',
} as const;

/** One JSON log line, parsed. */
export type LogEntry = Record<string, unknown>;

/** A winston logger appending every entry to `entries` (or dropping them all). */
export function testLogger(entries?: LogEntry[]): winston.Logger {
  if (!entries) {
    return winston.createLogger({ silent: true, transports: [new winston.transports.Console()] });
  }
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      entries.push(JSON.parse(chunk.toString()) as LogEntry);
      done();
    },
  });
  const transport = new winston.transports.Stream({ stream });
  return winston.createLogger({ format: winston.format.json(), transports: [transport] });
}

/** Starts a server on 127.0.0.1 with a free port; logs go to `logs` when given. */
export function startTestAuthServer(
  overrides: Partial<AuthServerConfigInput> = {},
  logs?: LogEntry[],
): Promise<RunningAuthServer> {
  const config = { issuer: 'http://127.0.0.1:0', port: 0, audience: TEST_AUDIENCE, ...overrides };
  return startAuthServer(config, { logger: testLogger(logs) });
}

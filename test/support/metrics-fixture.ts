/**
 * Test fixture for the Patient Access API metrics: the real gateway over real membership and
 * directory plugins on their mock backends, a real store (SQLite file, or PostgreSQL in a
 * schema of its own when TEST_DATABASE_URL is set), and a script of requests made with real
 * signed tokens at chosen instants. The audit clock is the only thing simulated: the store's
 * audit repository is wrapped so each event carries the scripted instant.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  startDirectoryBackend,
  type RunningDirectoryBackend,
} from '../../mock-backends/directory/index.js';
import {
  startMembershipBackend,
  type RunningMembershipBackend,
} from '../../mock-backends/membership/index.js';
import createDirectoryPlugin from '../../plugins/directory/index.js';
import createMembershipPlugin from '../../plugins/membership/index.js';
import type { Plugin } from '../../plugins/sdk/contract.js';
import { testPluginContext } from '../../plugins/sdk/testing.js';
import { buildTestGateway, type TestGateway } from './gateway.js';
import { openPostgres } from '../../gateway/store/postgres.js';
import { createStore } from '../../gateway/store/index.js';
import type { AuditRepository, Store } from '../../gateway/store/types.js';

/** Synthetic population: seed 7 has a member who changes plan on 2026-02-01. */
export const SEED = 7;
export const MEMBERS = 600;

/** Members by role in the script (plans as the synthetic generator assigns them). */
export const M = {
  /** CMHP-MCD-400: two sessions on two days in 2026, one in 2025. */
  twoDays: 'MBR00000001',
  /** CMHP-PPO-200: two tokens on one day. */
  oneDay: 'MBR00000003',
  /** CMHP-PPO-200 to 2026-01-31, then CMHP-HMO-100: one day under each. */
  switcher: 'MBR00000579',
  /** Covered 2022-2023 only: no plan in 2026. */
  formerMember: 'MBR00000017',
  /** CMHP-MCD-400 ended 2026-06-30; accessed in September. */
  lapsed: 'MBR00000031',
  /** Accessed only on the edges of 2026 (the instants just outside it). */
  edges: 'MBR00000010',
  /** Touched only by callers that must not count. */
  notPatientApp: 'MBR00000011',
} as const;

/** The mock backends and the plugins over them. */
export interface Backends {
  readonly plugins: Plugin[];
  readonly membershipUrl: string;
  close(): Promise<void>;
}

/** Starts the membership and directory backends (ephemeral loopback ports) and plugins. */
export async function startBackends(): Promise<Backends> {
  const membership: RunningMembershipBackend = await startMembershipBackend({
    members: MEMBERS,
    seed: SEED,
  });
  const directory: RunningDirectoryBackend = await startDirectoryBackend({
    practitioners: 30,
    seed: 3,
  });
  const ctx = testPluginContext({ timeoutMs: 15_000 });
  const plugins = [
    await createMembershipPlugin({ baseUrl: membership.url }, ctx),
    await createDirectoryPlugin({ baseUrl: directory.url }, ctx),
  ];
  return {
    plugins,
    membershipUrl: membership.url,
    close: async () => {
      await membership.close();
      await directory.close();
    },
  };
}

/** A real store for one test run, and how the CLI reaches the same database. */
export interface TestStore {
  readonly store: Store;
  /** Environment for the CLI: SQLITE_PATH or DATABASE_URL. */
  readonly env: Record<string, string>;
  dispose(): Promise<void>;
}

/** Where stores come from: a SQLite file always, PostgreSQL when TEST_DATABASE_URL is set. */
export function storeTargets(): { name: string; open?: () => Promise<TestStore> }[] {
  const url = process.env.TEST_DATABASE_URL;
  return [
    { name: 'SQLite file', open: openSqliteStore },
    { name: 'PostgreSQL', ...(url ? { open: () => openPostgresStore(url) } : {}) },
  ];
}

async function openSqliteStore(): Promise<TestStore> {
  const dir = await mkdtemp(join(tmpdir(), 'metrics-store-'));
  const sqlitePath = join(dir, 'gateway.db');
  const store = await createStore({ sqlitePath });
  return {
    store,
    env: { SQLITE_PATH: sqlitePath },
    dispose: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgresStore(url: string): Promise<TestStore> {
  const schema = `metrics_test_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(url, 1);
  await admin.execute(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const store = await createStore({ sqlitePath: '', postgresUrl: scoped.toString() });
  return {
    store,
    env: { DATABASE_URL: scoped.toString() },
    dispose: async () => {
      await store.close();
      await admin.execute(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

/** The instant audit events are stamped with; the script moves it. */
export interface AuditClock {
  now: string;
}

/** The store's audit repository, stamping each event with the clock's instant. */
export function clockedAudit(audit: AuditRepository, clock: AuditClock): AuditRepository {
  return {
    record: (event) => audit.record({ ...event, time: clock.now }),
    query: (query) => audit.query(query),
  };
}

/** The real gateway over the backends' plugins, auditing into `store` on `clock`. */
export function gatewayOver(
  backends: Backends,
  store: Store,
  clock: AuditClock,
): Promise<TestGateway> {
  return buildTestGateway(backends.plugins, { ...store, audit: clockedAudit(store.audit, clock) });
}

/** One scripted request: when, who (a token, or none), what, and the status it must get. */
interface Call {
  readonly at: string;
  readonly token?: string;
  readonly path: string;
  readonly status: number;
}

function call(at: string, token: string | undefined, path: string, status = 200): Call {
  return { at, ...(token === undefined ? {} : { token }), path, status };
}

/** Tokens for a patient app: a fresh token (own jti) per session, as after a new login. */
function patientApp(gw: TestGateway, patient: string): Promise<string> {
  return gw.patientToken(patient, { client_id: 'member-app' });
}

/**
 * Requests that must count: patient-facing app sessions for several members on different
 * days and sessions, and two instants just outside 2026.
 */
async function countedCalls(gw: TestGateway): Promise<Call[]> {
  const app = (patient: string) => patientApp(gw, patient);
  const read = (patient: string) => `/Patient/${patient}`;
  const coverage = (patient: string) => `/Coverage?patient=${patient}`;
  return [
    call('2025-12-31T23:59:59.999Z', await app(M.twoDays), read(M.twoDays)),
    call('2026-03-02T09:00:00.000Z', await app(M.twoDays), read(M.twoDays)),
    call('2026-03-02T09:00:01.000Z', await app(M.twoDays), coverage(M.twoDays)),
    call('2026-03-09T18:30:00.000Z', await app(M.twoDays), read(M.twoDays)),
    call('2026-05-10T08:00:00.000Z', await app(M.oneDay), read(M.oneDay)),
    call('2026-05-10T20:00:00.000Z', await app(M.oneDay), coverage(M.oneDay)),
    call('2026-01-15T12:00:00.000Z', await app(M.switcher), read(M.switcher)),
    call('2026-06-01T12:00:00.000Z', await app(M.switcher), coverage(M.switcher)),
    call('2026-08-01T07:00:00.000Z', await app(M.formerMember), read(M.formerMember)),
    call('2026-09-15T07:00:00.000Z', await app(M.lapsed), read(M.lapsed)),
    call('2025-12-31T23:59:59.999Z', await app(M.edges), read(M.edges)),
    call('2027-01-01T00:00:00.000Z', await app(M.edges), read(M.edges)),
  ];
}

/**
 * Requests in 2026 that must not count: a backend-services (system) token, a practitioner in
 * a patient-context launch, a practitioner user/ token, a member's app denied another
 * member's record, and anonymous Provider Directory and patient-data calls.
 */
async function uncountedCalls(gw: TestGateway): Promise<Call[]> {
  const target = M.notPatientApp;
  const practitionerLaunch = await gw.issuer.mint({
    patient: target,
    scope: 'launch/patient patient/*.rs',
    fhirUser: 'Practitioner/pract-1',
    client_id: 'ehr-app',
  });
  const practitioner = await gw.issuer.mint({
    scope: 'user/*.rs',
    fhirUser: 'Practitioner/pract-1',
    client_id: 'ehr-app',
  });
  const otherMember = await patientApp(gw, target);
  return [
    call('2026-04-01T10:00:00.000Z', await gw.systemToken(), `/Patient/${target}`),
    call('2026-04-02T10:00:00.000Z', practitionerLaunch, `/Patient/${target}`),
    call('2026-04-03T10:00:00.000Z', practitioner, `/Patient/${target}`, 403),
    call('2026-04-04T10:00:00.000Z', otherMember, `/Patient/${M.oneDay}`, 403),
    call('2026-04-05T10:00:00.000Z', undefined, '/Practitioner?_count=5'),
    call('2026-04-05T10:00:01.000Z', undefined, `/Patient/${target}`, 401),
  ];
}

/** Runs the whole script through the gateway, checking each status. */
export async function driveTraffic(gw: TestGateway, clock: AuditClock): Promise<void> {
  for (const call of [...(await countedCalls(gw)), ...(await uncountedCalls(gw))]) {
    clock.now = call.at;
    const req = request(gw.app).get(`${gw.base}${call.path}`);
    if (call.token) req.set('Authorization', `Bearer ${call.token}`);
    const res = await req;
    if (res.status !== call.status) {
      const body = res.text.slice(0, 300);
      throw new Error(`${call.path} at ${call.at}: want ${call.status}, got ${res.status} ${body}`);
    }
  }
}

/** The figures the metrics command and report must produce for 2026 over this fixture. */
export const EXPECTED_2026 = {
  overall: { uniquePatients: 5, patientsWithMoreThanOneTransfer: 2 },
  plans: [
    { planId: 'CMHP-HMO-100', planName: 'Cascade Select HMO', uniquePatients: 1, more: 0 },
    {
      planId: 'CMHP-MCD-400',
      planName: 'Cascade Community Care (Medicaid)',
      uniquePatients: 2,
      more: 1,
    },
    { planId: 'CMHP-PPO-200', planName: 'Cascade Choice PPO', uniquePatients: 2, more: 0 },
    { planId: null, planName: 'No plan found', uniquePatients: 1, more: 0 },
  ].map(({ more, ...plan }) => ({ ...plan, patientsWithMoreThanOneTransfer: more })),
};

/** The CSV the 2026 report must produce, generated at `generatedAt`. */
export function expectedCsv(generatedAt: string): string {
  const suffix = `2026-01-01,2026-12-31,${generatedAt}`;
  return [
    'scope,plan_id,plan_name,unique_patients,patients_more_than_once,period_start,period_end,' +
      'generated_at',
    `overall,,,5,2,${suffix}`,
    `plan,CMHP-HMO-100,Cascade Select HMO,1,0,${suffix}`,
    `plan,CMHP-MCD-400,Cascade Community Care (Medicaid),2,1,${suffix}`,
    `plan,CMHP-PPO-200,Cascade Choice PPO,2,0,${suffix}`,
    `plan,,No plan found,1,0,${suffix}`,
    '',
  ].join('\r\n');
}

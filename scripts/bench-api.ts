/**
 * Read and search benchmark (issue 4 §8; not a test): requests per second with p50 and p99
 * latency, in one run on one machine, three ways to the same mock membership system:
 *
 *   gateway  `GET /fhir/r4/Patient/{id}` and `GET /fhir/r4/Coverage?patient={id}` through the
 *            real gateway, with a SMART Backend Services token verified by JWKS and scopes
 *            checked on every request, exactly as in production
 *   backend  the backend's native calls the gateway makes for them: `GET /members/{id}` and
 *            `GET /eligibility?memberId={id}&offset=0&limit=21&total=Y`
 *   proxy    the same native calls through a bare Node reverse proxy (http-proxy-middleware)
 *
 * then the ratios between them. Servers run in their own processes (scripts/bench-api/
 * servers.ts); this process only generates load. Members are drawn at random (seeded), in the
 * same sequence for every way.
 *
 *   npm run bench:api -- [--members 10000] [--concurrency 32] [--warmup 5] [--duration 5]
 *                        [--rounds 3] [--seed 1] [--db <membership.db>] [--json]
 *                        [--cpu-prof <dir>] [--proxy-close]
 *
 * Each case and way is warmed up for --warmup seconds, then measured for --duration seconds
 * in each of --rounds rounds (ways in rotated order), the rounds pooled.
 *
 * Figures go to benchmarks/README.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { backendServicesToken } from '../mock-backends/auth-server/client.js';
import { demoBackendPrivateJwk } from '../mock-backends/auth-server/index.js';
import { memberIdOf } from '../mock-backends/synthetic/index.js';
import { checkGatewayAuth, checkTarget, type Target } from './bench-api/checks.js';
import { startServer, type ServerChild } from './bench-api/children.js';
import { formatReport, ratios, type Row, type Way } from './bench-api/report.js';
import { measureAll } from './bench-api/rounds.js';

const PUBLIC = 'http://localhost:8080';
const FHIR = '/fhir/r4';
const SEQUENCE = 1 << 16;

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    db: { type: 'string' },
    concurrency: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '5' },
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    config: { type: 'string', default: 'config/default.json' },
    json: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    'proxy-close': { type: 'boolean', default: false },
  },
});

type NumericFlag = 'members' | 'seed' | 'concurrency' | 'warmup' | 'duration' | 'rounds';

/** A numeric flag; the benchmark refuses to start on a typo rather than measure nothing. */
function flag(name: NumericFlag, min = 0): number {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < min) {
    throw new Error(`--${name} must be a number >= ${min}`);
  }
  return value;
}

interface Servers {
  readonly backend: ServerChild<{ backend: string; auth: string; members: number }>;
  readonly proxy: ServerChild<{ url: string }>;
  readonly gateway: ServerChild<{ url: string }>;
}

/** Member ids drawn uniformly with a seeded generator (mulberry32), same seed same order. */
function memberSequence(members: number, seed: number): string[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: SEQUENCE }, () => memberIdOf(Math.floor(next() * members)));
}

async function startServers(scratch: string): Promise<Servers> {
  const backend = await startServer<{ backend: string; auth: string; members: number }>({
    role: 'backend',
    members: flag('members', 1),
    seed: flag('seed'),
    dbPath: values.db,
    audience: `${PUBLIC}${FHIR}`,
  });
  const proxy = await startServer<{ url: string }>({
    role: 'proxy',
    target: backend.ready.backend,
    keepAlive: !values['proxy-close'],
  });
  const profile = values['cpu-prof'];
  const gateway = await startServer<{ url: string }>(
    {
      role: 'gateway',
      configFile: values.config,
      publicUrl: PUBLIC,
      issuer: backend.ready.auth,
      membershipUrl: backend.ready.backend,
      directory: scratch,
    },
    profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
  );
  return { backend, proxy, gateway };
}

async function token(issuer: string, scope: string): Promise<string> {
  const alg = 'RS384';
  const privateKey = demoBackendPrivateJwk(alg);
  const answer = await backendServicesToken({
    issuer,
    clientId: 'demo-backend',
    privateKey,
    alg,
    scope,
  });
  return answer.access_token;
}

function targets(servers: Servers, bearer: string): Record<Way, Target> {
  const native = (name: string, origin: string): Target => ({
    name,
    origin,
    readPath: (id) => `/members/${id}`,
    searchPath: (id) => `/eligibility?memberId=${id}&offset=0&limit=21&total=Y`,
    headers: {},
  });
  return {
    backend: native('backend', servers.backend.ready.backend),
    proxy: native('proxy', servers.proxy.ready.url),
    gateway: {
      name: 'gateway',
      origin: servers.gateway.ready.url,
      readPath: (id) => `${FHIR}/Patient/${id}`,
      searchPath: (id) => `${FHIR}/Coverage?patient=${id}`,
      headers: { authorization: `Bearer ${bearer}`, accept: 'application/fhir+json' },
    },
  };
}

/** Checks every way, then measures them (see rounds.ts). */
async function measure(servers: Servers): Promise<Row[]> {
  const members = servers.backend.ready.members;
  const bearer = await token(servers.backend.ready.auth, 'system/*.rs');
  const narrow = await token(servers.backend.ready.auth, 'system/Practitioner.rs');
  const ways = targets(servers, bearer);
  const ids = memberSequence(members, flag('seed'));
  for (const target of Object.values(ways)) await checkTarget(target, ids[0] ?? '');
  await checkGatewayAuth(ways.gateway, bearer, narrow, ids[0] ?? '');
  process.stderr.write(`${members} members, concurrency ${flag('concurrency', 1)}\n`);
  const meters = {
    front: (way: Way) => (way === 'backend' ? 0 : servers[way].cpuMs()),
    backend: () => servers.backend.cpuMs(),
  };
  const schedule = {
    concurrency: flag('concurrency', 1),
    warmupMs: flag('warmup') * 1000,
    durationMs: flag('duration') * 1000,
    rounds: flag('rounds', 1),
  };
  const log = (line: string) => process.stderr.write(`  ${line}\n`);
  return measureAll(ways, meters, ids, schedule, log);
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-api-'));
  const servers = await startServers(scratch);
  try {
    const rows = await measure(servers);
    const out = values.json
      ? JSON.stringify({ rows, ratios: ratios(rows) }, null, 2)
      : formatReport(rows);
    process.stdout.write(`${out}\n`);
  } finally {
    await servers.gateway.stop();
    await servers.proxy.stop();
    await servers.backend.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();

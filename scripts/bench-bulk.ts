/**
 * Bulk export benchmark (not a test): a system `$export` of Patient and Coverage from the
 * mock membership system, timed from kick-off until the last file is downloaded, with the
 * gateway in a child process whose peak RSS is measured. Each size gets a fresh gateway.
 *
 *   npx tsx scripts/bench-bulk.ts [--members 40000,400000] [--seed 1]
 *
 * Member databases are generated once into var/bench/ (scripts/generate-members.ts). About
 * 2.47 resources per member (one Patient, 1.47 Coverage), so 40,000 and 400,000 members give
 * roughly 100,000 and 1,000,000 resources. Figures go to benchmarks/README.md.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { backendServicesToken } from '../mock-backends/auth-server/client.js';
import {
  demoBackendPrivateJwk,
  demoClients,
  startAuthServer,
} from '../mock-backends/auth-server/index.js';
import { startMembershipBackend } from '../mock-backends/membership/index.js';
import { silentLogger } from '../gateway/logging/logger.js';

const PUBLIC = 'http://localhost:8080';

interface Result {
  readonly members: number;
  readonly resources: number;
  readonly bytes: number;
  readonly files: number;
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly idleRssMb: number;
  /** Highest RSS sampled while the first and the second half of the resources were written. */
  readonly halvesRssMb: readonly [number, number];
}

function databaseFor(members: number, seed: number): string {
  const path = `var/bench/members-${members}-seed${seed}.db`;
  if (existsSync(path)) return path;
  process.stderr.write(`generating ${members} members into ${path}\n`);
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/generate-members.ts',
      '--count',
      String(members),
      '--seed',
      String(seed),
      '--out',
      path,
    ],
    { stdio: 'inherit' },
  );
  return path;
}

/** A field of /proc/<pid>/status in MB: VmHWM (peak resident set) or VmRSS (current). */
function procMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const line =
    readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`)) ?? '';
  return Number(/(\d+)/.exec(line)?.[1] ?? 0) / 1024;
}

async function startGatewayChild(config: object): Promise<{ child: ChildProcess; url: string }> {
  const child = fork('scripts/bench-bulk-gateway.ts', [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_GATEWAY_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { ready?: string }) =>
      message.ready ? resolve(message.ready) : reject(new Error('no ready')),
    );
    child.once('exit', (code) => reject(new Error(`gateway exited ${code}`)));
  });
  return { child, url };
}

function ask(child: ChildProcess, type: string): Promise<{ maxRssKb: number; rssKb: number }> {
  return new Promise((resolve) => {
    child.once('message', (message: { maxRssKb: number; rssKb: number }) => resolve(message));
    child.send({ type });
  });
}

/** Downloads a file as a stream, counting bytes and lines without keeping them. */
async function fetchFile(url: string, token: string): Promise<{ bytes: number; lines: number }> {
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+ndjson' },
  });
  if (res.status !== 200 || !res.body) throw new Error(`${url} -> ${res.status}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  return { bytes, lines };
}

type Sampler = (fraction: number) => void;

async function exportOnce(
  origin: string,
  token: string,
  sample: Sampler,
): Promise<Omit<Result, 'members' | 'peakRssMb' | 'idleRssMb' | 'halvesRssMb'>> {
  const local = (url: string) => url.replace(PUBLIC, origin);
  const auth = { authorization: `Bearer ${token}` };
  const started = performance.now();
  const kickOff = await fetch(`${origin}/fhir/r4/$export?_type=Patient,Coverage`, {
    headers: { ...auth, accept: 'application/fhir+json', prefer: 'respond-async' },
  });
  if (kickOff.status !== 202) {
    throw new Error(`kick-off ${kickOff.status}: ${await kickOff.text()}`);
  }
  const status = local(kickOff.headers.get('content-location') ?? '');
  let res = await fetch(status, { headers: auth });
  let lastProgress = '';
  while (res.status === 202) {
    const progress = res.headers.get('x-progress') ?? '';
    const [, done, total] = /\((\d+) of ~(\d+)/.exec(progress) ?? [];
    sample(done && total ? Number(done) / Number(total) : 0);
    if (progress !== lastProgress) process.stderr.write(`  ${progress}\n`);
    lastProgress = progress;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    res = await fetch(status, { headers: auth });
  }
  if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
  const manifest = (await res.json()) as { output: Array<{ url: string; count: number }> };
  let bytes = 0;
  let resources = 0;
  for (const item of manifest.output) {
    const file = await fetchFile(local(item.url), token);
    if (file.lines !== item.count) {
      throw new Error(`${item.url}: ${file.lines} lines, manifest says ${item.count}`);
    }
    bytes += file.bytes;
    resources += file.lines;
  }
  return {
    resources,
    bytes,
    files: manifest.output.length,
    seconds: (performance.now() - started) / 1000,
  };
}

async function runSize(members: number, seed: number): Promise<Result> {
  const membership = await startMembershipBackend({ dbPath: databaseFor(members, seed) });
  const auth = await startAuthServer(
    {
      issuer: 'http://localhost:4100',
      port: 0,
      audience: `${PUBLIC}/fhir/r4`,
      clients: demoClients(),
      users: [{ id: 'bench', displayName: 'Bench', fhirUser: 'Patient/MBR00000001' }],
    },
    { logger: silentLogger() },
  );
  const dir = mkdtempSync(join(tmpdir(), 'bulk-bench-'));
  const config = {
    server: { port: 0, host: '127.0.0.1', publicUrl: PUBLIC },
    store: { sqlitePath: join(dir, 'gateway.db') },
    auth: { issuer: auth.url },
    logging: { level: 'warn' },
    demo: { enabled: false },
    bulk: { directory: join(dir, 'bulk'), workers: 1, pollIntervalMs: 200 },
    plugins: [
      {
        name: 'membership',
        module: './plugins/membership/index.ts',
        options: { baseUrl: membership.url, streamPageSize: 500 },
      },
    ],
  };
  const { child, url } = await startGatewayChild(config);
  try {
    const idle = await ask(child, 'stats');
    const token = await backendServicesToken({
      issuer: auth.url,
      clientId: 'demo-backend',
      privateKey: demoBackendPrivateJwk('RS384'),
      alg: 'RS384',
      scope: 'system/*.rs',
    });
    const halves: [number, number] = [0, 0];
    const sample: Sampler = (fraction) => {
      const half = fraction < 0.5 ? 0 : 1;
      halves[half] = Math.max(halves[half], procMb(child.pid ?? 0, 'VmRSS'));
    };
    const run = await exportOnce(url, token.access_token, sample);
    const stats = await ask(child, 'stats');
    const peakRssMb = Math.max(stats.maxRssKb / 1024, procMb(child.pid ?? 0, 'VmHWM'));
    return { members, ...run, peakRssMb, idleRssMb: idle.rssKb / 1024, halvesRssMb: halves };
  } finally {
    child.send({ type: 'stop' });
    await new Promise((resolve) => child.once('exit', resolve));
    await auth.close();
    await membership.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(result: Result): string {
  const mb = result.bytes / 1024 / 1024;
  return [
    `members ${result.members}: ${result.resources} resources, ${mb.toFixed(0)} MB in ${result.files} files`,
    `  ${result.seconds.toFixed(1)} s kick-off to last byte: ` +
      `${Math.round(result.resources / result.seconds)} resources/s, ` +
      `${(mb / result.seconds).toFixed(1)} MB/s`,
    `  gateway RSS idle ${result.idleRssMb.toFixed(0)} MB, peak ${result.peakRssMb.toFixed(0)} MB; ` +
      `highest sampled while writing the 1st half ${result.halvesRssMb[0].toFixed(0)} MB, ` +
      `2nd half ${result.halvesRssMb[1].toFixed(0)} MB`,
  ].join('\n');
}

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '40000,400000' },
    seed: { type: 'string', default: '1' },
  },
});
for (const members of values.members.split(',').map(Number)) {
  process.stdout.write(`${report(await runSize(members, Number(values.seed)))}\n`);
}

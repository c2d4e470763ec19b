/**
 * Measures synthetic claims generation (no database) for populations of members, and,
 * given a generated database, the latency of typical claims backend queries over HTTP:
 *
 *   npx tsx mock-backends/claims/bench.ts --members 1000,10000 [--db var/claims.db]
 *
 * Figures go to benchmarks/README.md.
 */
import { parseArgs } from 'node:util';
import { buildDirectory, generateClaims } from '../synthetic/index.js';
import { startClaimsBackend } from './index.js';

const RUNS = 7;

function generation(members: number): string {
  const directory = buildDirectory({ seed: 1 });
  const started = performance.now();
  let claims = 0;
  let lines = 0;
  for (const claim of generateClaims({ count: members, seed: 1, directory })) {
    claims += 1;
    lines += claim.lines.length;
  }
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round(claims / seconds);
  return (
    `${members} members: ${claims} claims (${lines} lines) generated in ${seconds.toFixed(1)} s ` +
    `(${rate} claims/s, ${(claims / members).toFixed(1)} per member)`
  );
}

async function medianMs(url: string): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} -> ${res.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number;
}

async function latencies(dbPath: string): Promise<void> {
  const running = await startClaimsBackend({ dbPath });
  const last = `MBR${String(running.backend.population.members).padStart(8, '0')}`;
  const queries = [
    `/members/${last}/claims?limit=50`,
    '/members/MBR00000002/claims?type=RX&serviceFrom=20250101&limit=50',
    '/claims?type=INST_IP&limit=50',
    '/claims?memberId=MBR00000001,MBR00000002,MBR00000003&limit=200',
    '/claims?updatedSince=2026-06-01T00:00:00Z&limit=200',
    '/claims?offset=100000&limit=50',
  ];
  try {
    process.stdout.write(`${running.backend.population.claims} claims in ${dbPath}\n`);
    for (const query of queries) {
      const ms = await medianMs(`${running.url}${query}`);
      process.stdout.write(`${ms.toFixed(1)} ms  GET ${query}\n`);
    }
  } finally {
    await running.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { members: { type: 'string', default: '1000,10000' }, db: { type: 'string' } },
  });
  for (const members of values.members.split(',').map(Number)) {
    process.stdout.write(`${generation(members)}\n`);
  }
  process.stdout.write(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
  if (values.db) await latencies(values.db);
}

await main();

/**
 * Measures the mock membership backend and the membership plugin over a generated database:
 *
 *   npm run generate -- --count 1000000 --out var/membership.db
 *   npx tsx scripts/bench-membership.ts --db var/membership.db [--stream 100000]
 *
 * Prints the median latency of typical backend queries (HTTP, loopback) and the plugin's
 * streaming rate (Patient resources per second through the HttpClient and the mapping),
 * with peak RSS. Figures go to benchmarks/README.md.
 */
import { parseArgs } from 'node:util';
import { startMembershipBackend } from '../mock-backends/membership/index.js';
import createMembershipPlugin from '../plugins/membership/index.js';
import { testPluginContext, testRequestContext } from '../plugins/sdk/testing.js';

const QUERIES = [
  '/members/MBR00999999',
  '/members/MBR00500000/eligibility',
  '/members?lastName=Smith&total=Y&limit=50',
  '/members?name=*ars*&limit=50',
  '/members?birthDateFrom=19700101&birthDateTo=19701231&total=Y&limit=50',
  '/members?offset=900000&limit=200',
  '/eligibility?offset=1400000&limit=200',
  '/eligibility?subscriberMemberId=MBR00500001',
  '/eligibility?status=T&limit=200',
];
const RUNS = 7;

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

async function streamRate(baseUrl: string, limit: number): Promise<string> {
  const plugin = await createMembershipPlugin(
    { baseUrl, streamPageSize: 500 },
    testPluginContext({ timeoutMs: 30_000 }),
  );
  const started = performance.now();
  let count = 0;
  for await (const item of plugin.stream!({ types: ['Patient'] }, testRequestContext())) {
    count += item.resource.resourceType === 'Patient' ? 1 : 0;
    if (count >= limit) break;
  }
  const seconds = (performance.now() - started) / 1000;
  return `${count} Patients streamed in ${seconds.toFixed(1)} s (${Math.round(count / seconds)}/s)`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'var/membership.db' },
      stream: { type: 'string', default: '100000' },
    },
  });
  const backend = await startMembershipBackend({ dbPath: values.db });
  try {
    process.stdout.write(`population: ${backend.backend.population.count} members\n`);
    for (const query of QUERIES) {
      process.stdout.write(
        `${(await medianMs(`${backend.url}${query}`)).toFixed(1)} ms  GET ${query}\n`,
      );
    }
    process.stdout.write(`${await streamRate(backend.url, Number(values.stream))}\n`);
    process.stdout.write(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
  } finally {
    await backend.close();
  }
}

await main();

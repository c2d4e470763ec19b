/**
 * The benchmark's schedule: every case and way is warmed up first (JIT, connections, caches),
 * then measured in several rounds with the order of the ways rotated each round, and the
 * rounds pooled. On a shared machine a burst of other work then spreads over all the ways
 * instead of landing on whichever ran at that moment.
 */
import type { Target } from './checks.js';
import { ownCpuMs } from './children.js';
import { runLoad, summarize, type LoadResult } from './load.js';
import type { Row, Way } from './report.js';

/** The two measured cases (issue 4 §8). */
export type CaseName = 'read' | 'search';

/** CPU meters, in milliseconds: the front process of a way (0 for none) and the backend. */
export interface Meters {
  readonly front: (way: Way) => number;
  readonly backend: () => number;
}

/** How long and how hard to drive each case and way. */
export interface Schedule {
  readonly concurrency: number;
  readonly warmupMs: number;
  /** Measured time per case and way in each round. */
  readonly durationMs: number;
  readonly rounds: number;
}

const CASES: readonly CaseName[] = ['read', 'search'];
const WAYS: readonly Way[] = ['backend', 'proxy', 'gateway'];

interface Tally {
  readonly results: LoadResult[];
  front: number;
  backend: number;
  client: number;
}

type Cpu = { front: number; backend: number; client: number };

function cpuOf(meters: Meters, way: Way): Cpu {
  return { front: meters.front(way), backend: meters.backend(), client: ownCpuMs() };
}

async function once(
  target: Target,
  name: CaseName,
  ids: readonly string[],
  timing: { warmupMs: number; durationMs: number; concurrency: number },
  onMark?: (phase: 'start' | 'end') => void,
): Promise<LoadResult> {
  const path = name === 'read' ? target.readPath : target.searchPath;
  return runLoad({
    origin: target.origin,
    path: (n) => path(ids[n % ids.length] ?? ''),
    headers: target.headers,
    ...timing,
    mark: onMark,
  });
}

async function measureInto(
  tally: Tally,
  run: (mark: (phase: 'start' | 'end') => void) => Promise<LoadResult>,
  read: () => Cpu,
): Promise<void> {
  const cpu: Record<'start' | 'end', Cpu> = { start: read(), end: read() };
  tally.results.push(await run((phase) => (cpu[phase] = read())));
  tally.front += cpu.end.front - cpu.start.front;
  tally.backend += cpu.end.backend - cpu.start.backend;
  tally.client += cpu.end.client - cpu.start.client;
}

function merge(results: readonly LoadResult[]): LoadResult {
  const total = results.reduce((sum, r) => sum + r.latencies.length, 0);
  const latencies = new Float64Array(total);
  const failures: Record<string, number> = {};
  let offset = 0;
  for (const result of results) {
    latencies.set(result.latencies, offset);
    offset += result.latencies.length;
    for (const [key, count] of Object.entries(result.failures)) {
      failures[key] = (failures[key] ?? 0) + count;
    }
  }
  const sum = (pick: (r: LoadResult) => number) => results.reduce((s, r) => s + pick(r), 0);
  return {
    latencies,
    failures,
    errors: sum((r) => r.errors),
    bytes: sum((r) => r.bytes),
    seconds: sum((r) => r.seconds),
  };
}

function toRow(name: CaseName, way: Way, tally: Tally): Row {
  const result = merge(tally.results);
  const stats = summarize(result);
  const per = (ms: number) => (ms * 1000) / Math.max(1, stats.requests - stats.errors);
  return {
    case: name,
    way,
    ...stats,
    failures: result.failures,
    frontCpuUs: per(tally.front),
    backendCpuUs: per(tally.backend),
    clientCpuUs: per(tally.client),
  };
}

/** Warms up every case and way, measures them in rotated rounds, and pools each one's rounds. */
export async function measureAll(
  targets: Readonly<Record<Way, Target>>,
  meters: Meters,
  ids: readonly string[],
  schedule: Schedule,
  log: (line: string) => void,
): Promise<Row[]> {
  const { concurrency } = schedule;
  const warm = { warmupMs: schedule.warmupMs, durationMs: 0, concurrency };
  const timed = { warmupMs: 0, durationMs: schedule.durationMs, concurrency };
  const tallies = new Map<string, Tally>();
  for (const name of CASES) {
    for (const way of WAYS) {
      log(`warming up ${name} via ${way}`);
      await once(targets[way], name, ids, warm);
      tallies.set(`${name} ${way}`, { results: [], front: 0, backend: 0, client: 0 });
    }
  }
  for (let round = 0; round < schedule.rounds; round++) {
    log(`round ${round + 1} of ${schedule.rounds}`);
    for (const name of CASES) {
      for (const way of [...WAYS.slice(round % 3), ...WAYS.slice(0, round % 3)]) {
        const tally = tallies.get(`${name} ${way}`) as Tally;
        const run = (mark: (phase: 'start' | 'end') => void) =>
          once(targets[way], name, ids, timed, mark);
        await measureInto(tally, run, () => cpuOf(meters, way));
      }
    }
  }
  return CASES.flatMap((name) =>
    WAYS.map((way) => toRow(name, way, tallies.get(`${name} ${way}`) as Tally)),
  );
}

/**
 * The benchmark's load generator: a fixed number of concurrent requesters over one keep-alive
 * `node:http` agent, each sending its next GET as soon as the previous answer has been read
 * in full (closed loop). Every latency is recorded; any status outside 2xx, and any socket
 * error, counts as an error and is reported, never silently dropped.
 */
import { Agent, request } from 'node:http';

/** What one case sends: the URL of request number `n` (same `n`, same member, every way). */
export interface LoadPlan {
  readonly origin: string;
  readonly path: (n: number) => string;
  readonly headers: Readonly<Record<string, string>>;
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  /** Called right before and right after the measured period (e.g. to read CPU counters). */
  readonly mark?: (phase: 'start' | 'end') => void;
}

/** Raw result of the measured period. */
export interface LoadResult {
  /** Latencies of every completed request (errors included), in milliseconds. */
  readonly latencies: Float64Array;
  readonly errors: number;
  /** Status (or error code) -> count, for the requests that failed. */
  readonly failures: Readonly<Record<string, number>>;
  readonly bytes: number;
  readonly seconds: number;
}

/** Summary figures of a {@link LoadResult}. */
export interface LoadStats {
  readonly requests: number;
  readonly errors: number;
  /** Successful (2xx) requests per second. */
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanBytes: number;
}

class Recorder {
  latencies = new Float64Array(1 << 16);
  count = 0;
  errors = 0;
  bytes = 0;
  readonly failures: Record<string, number> = {};

  add(ms: number, outcome: string | undefined, bytes: number): void {
    if (this.count === this.latencies.length) {
      const grown = new Float64Array(this.latencies.length * 2);
      grown.set(this.latencies);
      this.latencies = grown;
    }
    this.latencies[this.count++] = ms;
    this.bytes += bytes;
    if (outcome === undefined) return;
    this.errors++;
    this.failures[outcome] = (this.failures[outcome] ?? 0) + 1;
  }
}

/** One GET; resolves with the failure (status or error code) or undefined, and body size. */
function get(
  agent: Agent,
  url: string,
  headers: Readonly<Record<string, string>>,
): Promise<{ failure?: string; bytes: number }> {
  return new Promise((resolve) => {
    const req = request(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        resolve({ failure: status >= 200 && status < 300 ? undefined : String(status), bytes });
      });
      res.on('error', (err: NodeJS.ErrnoException) => resolve({ failure: err.code, bytes }));
    });
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve({ failure: err.code ?? 'error', bytes: 0 }),
    );
    req.end();
  });
}

/** Runs `plan`'s requesters until `until` (performance.now() time), numbering from `next`. */
async function drive(plan: LoadPlan, agent: Agent, until: number, recorder?: Recorder) {
  let next = 0;
  const requester = async (): Promise<void> => {
    while (performance.now() < until) {
      const url = `${plan.origin}${plan.path(next++)}`;
      const started = performance.now();
      const outcome = await get(agent, url, plan.headers);
      recorder?.add(performance.now() - started, outcome.failure, outcome.bytes);
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, requester));
}

/** Warms up (not recorded), then measures for the plan's duration. */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });
  try {
    await drive(plan, agent, performance.now() + plan.warmupMs);
    const recorder = new Recorder();
    plan.mark?.('start');
    const started = performance.now();
    await drive(plan, agent, started + plan.durationMs, recorder);
    const seconds = (performance.now() - started) / 1000;
    plan.mark?.('end');
    const latencies = recorder.latencies.slice(0, recorder.count);
    const { errors, failures, bytes } = recorder;
    return { latencies, errors, failures, bytes, seconds };
  } finally {
    agent.destroy();
  }
}

/** Nearest-rank percentile of sorted values (0 when there are none). */
export function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? 0;
}

/** Throughput, p50/p99 latency and error count of a run. */
export function summarize(result: LoadResult): LoadStats {
  const sorted = result.latencies.slice().sort();
  const requests = sorted.length;
  return {
    requests,
    errors: result.errors,
    perSecond: (requests - result.errors) / result.seconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    meanBytes: requests === 0 ? 0 : result.bytes / requests,
  };
}

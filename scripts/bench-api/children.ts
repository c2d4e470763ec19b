/**
 * Starting and stopping the benchmark's server processes (`servers.ts`), and reading how much
 * CPU each has used, so a case can report CPU time per request besides wall-clock figures:
 * on a shared machine CPU per request moves less with other load than throughput does.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServerSettings } from './servers.js';

const SERVERS = fileURLToPath(new URL('./servers.ts', import.meta.url));
/** Linux reports process times in clock ticks; USER_HZ is 100 on every mainstream build. */
const TICK_MS = 10;

/** A running server process and what it reported when ready. */
export interface ServerChild<R> {
  readonly process: ChildProcess;
  readonly ready: R;
  /** CPU time (user + system) the process has used so far, in milliseconds. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/**
 * Forks one server process. `execArgv` adds Node options (e.g. `--cpu-prof`); its stdout is
 * dropped (the gateway logs JSON lines there), stderr is passed through. The child is killed
 * if this process exits first, so a failed run leaves no server behind.
 */
export async function startServer<R>(
  settings: ServerSettings,
  execArgv: readonly string[] = [],
): Promise<ServerChild<R>> {
  const child = fork(SERVERS, [], {
    execArgv: ['--import', 'tsx', ...execArgv],
    env: { ...process.env, BENCH_API_SERVER: JSON.stringify(settings) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  process.once('exit', () => child.kill());
  const ready = await new Promise<R>((resolve, reject) => {
    child.once('message', (message: { ready?: R }) =>
      message.ready ? resolve(message.ready) : reject(new Error(`${settings.role}: no ready`)),
    );
    child.once('exit', (code) => reject(new Error(`${settings.role} exited with ${code}`)));
  });
  return { process: child, ready, cpuMs: () => processCpuMs(child.pid), stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.send({ type: 'stop' });
  });
}

/** utime + stime of a process from /proc (0 where /proc is unavailable). */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** The load generator's own CPU time, in milliseconds. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

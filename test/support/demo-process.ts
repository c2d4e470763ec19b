/**
 * Runs `scripts/start.ts` (what `npm start` runs) in a child process on free ports and a
 * throwaway directory, for end-to-end tests of the one-command demo. Every port comes from
 * the environment, so suites can run while another demo is up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT_VARIABLES = [
  'GATEWAY_PORT',
  'AUTH_PORT',
  'MEMBERSHIP_PORT',
  'CLAIMS_PORT',
  'UTILIZATION_PORT',
  'DIRECTORY_PORT',
  'FORMULARY_PORT',
  'CLINICAL_PORT',
] as const;

export interface DemoProcess {
  /** The environment the demo runs with (pass it to `scripts/token.ts`). */
  readonly env: NodeJS.ProcessEnv;
  /** Gateway origin, e.g. `http://localhost:41234`. */
  readonly origin: string;
  /** FHIR base URL. */
  readonly base: string;
  stop(): void;
}

/** Starts the demo and resolves once it prints that it is running. */
export async function startDemoProcess(): Promise<DemoProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'gw-demo-'));
  const ports = await freePorts(PORT_VARIABLES.length);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...Object.fromEntries(PORT_VARIABLES.map((name, i) => [name, String(ports[i])])),
    AUTH_SERVER_URL: `http://localhost:${ports[1]}`,
    SQLITE_PATH: join(dir, 'gateway.db'),
    BULK_DIR: join(dir, 'bulk'),
    LOG_LEVEL: 'warn',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForOutput(child, 'payer gateway is running');
  const origin = `http://localhost:${ports[0]}`;
  return {
    env,
    origin,
    base: `${origin}/fhir/r4`,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve) => {
          const server = createServer().listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function waitForOutput(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(text)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) =>
      reject(new Error(`npm start exited (${code}):\n${output.slice(-2000)}`)),
    );
  });
}

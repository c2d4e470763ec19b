/**
 * The server processes of the read/search benchmark (`scripts/bench-api.ts` forks this file
 * once per role), so that no server shares an event loop with the load generator:
 *
 *   backend  the mock membership system and the bundled SMART authorization server
 *   gateway  the real gateway, configured by the same loader as `npm start`
 *   proxy    a bare reverse proxy (http-proxy-middleware 3 on node:http) to the backend
 *
 * The role's settings come as JSON in `BENCH_API_SERVER`; the process answers with
 * `{ ready: { ... } }` over IPC and exits on a `stop` message.
 */
import { Agent, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { loadConfig } from '../../gateway/config/load.js';
import { createLogger, silentLogger } from '../../gateway/logging/logger.js';
import { startGateway } from '../../gateway/server.js';
import { demoClients, startAuthServer } from '../../mock-backends/auth-server/index.js';
import { startMembershipBackend } from '../../mock-backends/membership/index.js';
import { memberIdOf } from '../../mock-backends/synthetic/index.js';

/** Settings of one server process, sent by the benchmark as JSON. */
export type ServerSettings =
  | {
      readonly role: 'backend';
      readonly members: number;
      readonly seed: number;
      readonly dbPath?: string;
      /** The FHIR base URL tokens are issued for (the gateway's audience). */
      readonly audience: string;
    }
  | {
      readonly role: 'gateway';
      readonly configFile: string;
      readonly publicUrl: string;
      readonly issuer: string;
      readonly membershipUrl: string;
      /** Scratch directory for the gateway's SQLite store and bulk files. */
      readonly directory: string;
    }
  | {
      readonly role: 'proxy';
      readonly target: string;
      /** Reuse backend connections (http-proxy otherwise sends `Connection: close`). */
      readonly keepAlive: boolean;
    };

type Stop = () => Promise<void>;

async function startBackend(settings: Extract<ServerSettings, { role: 'backend' }>) {
  const membership = await startMembershipBackend(
    settings.dbPath
      ? { dbPath: settings.dbPath }
      : { members: settings.members, seed: settings.seed },
  );
  const auth = await startAuthServer(
    {
      issuer: 'http://localhost:4100',
      port: 0,
      audience: settings.audience,
      clients: demoClients(),
      users: [{ id: 'bench', displayName: 'Bench', fhirUser: `Patient/${memberIdOf(0)}` }],
    },
    { logger: silentLogger() },
  );
  const stop: Stop = async () => {
    await auth.close();
    await membership.close();
  };
  const members = membership.backend.population.count;
  return { ready: { backend: membership.url, auth: auth.url, members }, stop };
}

/**
 * The gateway as production builds it: `loadConfig` over the shipped configuration file,
 * overridden only where the benchmark must (ports, scratch paths, the issuer and backend it
 * started, the membership plugin alone, no demo systems).
 */
async function startGatewayRole(settings: Extract<ServerSettings, { role: 'gateway' }>) {
  const config = loadConfig(
    { CONFIG_FILE: settings.configFile },
    {
      server: { port: 0, host: '127.0.0.1', publicUrl: settings.publicUrl },
      store: { sqlitePath: `${settings.directory}/gateway.db` },
      auth: { issuer: settings.issuer },
      demo: { enabled: false },
      bulk: { directory: `${settings.directory}/bulk` },
      plugins: [
        {
          name: 'membership',
          module: './plugins/membership/index.ts',
          options: { baseUrl: settings.membershipUrl },
        },
      ],
    },
  );
  const gateway = await startGateway(config, createLogger(config.logging.level));
  return { ready: { url: gateway.url }, stop: () => gateway.close() };
}

/**
 * Nothing but `createProxyMiddleware` in front of the backend, with its defaults except a
 * keep-alive agent: without one, http-proxy asks the backend to close every connection, while
 * the gateway's client keeps its connections open.
 */
async function startProxy(settings: Extract<ServerSettings, { role: 'proxy' }>) {
  const agent = settings.keepAlive ? new Agent({ keepAlive: true }) : undefined;
  const proxy = createProxyMiddleware({ target: settings.target, agent });
  const server: Server = createServer((req, res) => {
    void proxy(req, res, () => {
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stop: Stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { ready: { url: `http://127.0.0.1:${port}` }, stop };
}

function start(settings: ServerSettings): Promise<{ ready: object; stop: Stop }> {
  if (settings.role === 'backend') return startBackend(settings);
  if (settings.role === 'gateway') return startGatewayRole(settings);
  return startProxy(settings);
}

const started = await start(JSON.parse(process.env.BENCH_API_SERVER ?? '{}') as ServerSettings);
process.send?.({ ready: started.ready });
process.on('message', (message: { type?: string }) => {
  if (message.type === 'stop') void started.stop().finally(() => process.exit(0));
});

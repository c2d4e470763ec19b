/**
 * `npm start`: the whole demo in one process on embedded defaults. Starts the mock legacy
 * systems (membership, claims, utilization management, provider directory, formulary,
 * clinical), the bundled SMART authorization server (with the first synthetic members as its
 * demo users) and the gateway, then prints the URLs it serves. With
 * `demo.enabled: false` only the gateway starts, against the configured systems.
 */
import { loadConfig } from '../gateway/config/load.js';
import type { GatewayConfig } from '../gateway/config/schema.js';
import { createLogger } from '../gateway/logging/logger.js';
import { publicBaseUrl } from '../gateway/app.js';
import { startGateway } from '../gateway/server.js';
import { startAuthServer, demoClients } from '../mock-backends/auth-server/index.js';
import { startClaimsBackend } from '../mock-backends/claims/index.js';
import { startClinicalBackend } from '../mock-backends/clinical/index.js';
import { startDirectoryBackend } from '../mock-backends/directory/index.js';
import { startFormularyBackend } from '../mock-backends/formulary/index.js';
import { startMembershipBackend } from '../mock-backends/membership/index.js';
import { startUtilizationBackend } from '../mock-backends/utilization/index.js';
import { memberAt } from '../mock-backends/synthetic/index.js';

/** How many synthetic members get a login on the demo authorization server. */
const DEMO_LOGINS = 5;
const DEMO_PRACTITIONER = 'practitioner-0001';

type Closer = () => Promise<void>;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logging.level);
  const closers: Closer[] = [];
  const stop = once(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    process.exit(0);
  });
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  if (config.demo.enabled) closers.push(...(await startDemoBackends(config)));
  const gateway = await startGateway(config, logger);
  closers.push(() => gateway.close());
  printUrls(config, gateway.fhirBaseUrl);
}

async function startDemoBackends(config: GatewayConfig): Promise<Closer[]> {
  const { demo } = config;
  const population = { members: demo.members, seed: demo.seed };
  const host = '127.0.0.1';
  const systems = await Promise.all([
    startMembershipBackend({
      port: demo.membershipPort,
      host,
      ...(demo.membershipDbPath ? { dbPath: demo.membershipDbPath } : population),
    }),
    startClaimsBackend({ port: demo.claimsPort, host, ...population }),
    startUtilizationBackend({ port: demo.utilizationPort, host, ...population }),
    startDirectoryBackend({ port: demo.directoryPort, host, seed: demo.seed }),
    startFormularyBackend({ port: demo.formularyPort, host }),
    startClinicalBackend({ port: demo.clinicalPort, host, ...population }),
  ]);
  const auth = await startAuthServer(
    {
      issuer: config.auth.issuer,
      port: demo.authPort,
      audience: config.auth.audience ?? publicBaseUrl(config.server),
      clients: demoClients(),
      users: demoUsers(config),
    },
    { logger: createLogger(config.logging.level, 'auth-server') },
  );
  return [...systems.map((system) => () => system.close()), () => auth.close()];
}

/** Logins for the first synthetic members (synthetic names only) and a demo practitioner. */
function demoUsers(config: GatewayConfig) {
  const count = Math.min(DEMO_LOGINS, config.demo.members);
  const members = Array.from({ length: count }, (_, index) => memberAt(index, config.demo.seed));
  return [
    ...members.map((member) => ({
      id: member.memberId.toLowerCase(),
      displayName: `${member.givenName} ${member.familyName} (member ${member.memberId})`,
      fhirUser: `Patient/${member.memberId}`,
    })),
    {
      id: DEMO_PRACTITIONER,
      displayName: 'Dr. Drew Demo (practitioner)',
      fhirUser: `Practitioner/${DEMO_PRACTITIONER}`,
    },
  ];
}

function printUrls(config: GatewayConfig, fhirBaseUrl: string): void {
  const first = memberAt(0, config.demo.seed).memberId;
  const lines = [
    '',
    'CMS-0057-F payer gateway is running',
    `  FHIR R4 base            ${fhirBaseUrl}`,
    `  CapabilityStatement     ${fhirBaseUrl}/metadata`,
    `  SMART configuration     ${fhirBaseUrl}/.well-known/smart-configuration`,
    `  Health                  ${new URL('/health', fhirBaseUrl).href}`,
  ];
  if (config.demo.enabled) {
    lines.push(
      `  Authorization server    ${config.auth.issuer}`,
      `  Mock legacy systems     membership :${config.demo.membershipPort}, claims :${config.demo.claimsPort}, ` +
        `utilization :${config.demo.utilizationPort}, directory :${config.demo.directoryPort}, ` +
        `formulary :${config.demo.formularyPort}, clinical :${config.demo.clinicalPort} (127.0.0.1)`,
      '',
      'Try it:',
      `  TOKEN=$(npm run -s token -- --patient ${first})`,
      `  curl -H "Authorization: Bearer $TOKEN" ${fhirBaseUrl}/Patient/${first}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let started: Promise<void> | undefined;
  return () => (started ??= fn());
}

main().catch((err: unknown) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

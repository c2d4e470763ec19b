/**
 * Bulk Data export end to end, as a payer's backend client would run it: the demo services
 * (membership system, its plugin, the bundled SMART server), a SMART Backend Services token
 * (private_key_jwt with the demo RS384 key), then kick-off, polling and download over real
 * HTTP. Every NDJSON line must be a valid R4 resource of its file's type. A second suite does
 * the same against `npm start` with the token from `npm run -s token -- --system`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { backendServicesToken } from '../../mock-backends/auth-server/client.js';
import {
  demoBackendPrivateJwk,
  demoClients,
  startAuthServer,
  type RunningAuthServer,
} from '../../mock-backends/auth-server/index.js';
import {
  startMembershipBackend,
  type RunningMembershipBackend,
} from '../../mock-backends/membership/index.js';
import { parseConfig } from '../../gateway/config/load.js';
import { silentLogger } from '../../gateway/logging/logger.js';
import { startGateway, type RunningGateway } from '../../gateway/server.js';
import { startDemoProcess, type DemoProcess } from '../support/demo-process.js';
import { expectValid } from '../support/fhir-validator.js';

const PUBLIC = 'http://localhost:8080';
const MEMBERS = 30;

interface Manifest {
  transactionTime: string;
  requiresAccessToken: boolean;
  output: Array<{ type: string; url: string; count: number }>;
  error: Array<{ type: string; url: string }>;
}

/** Kick-off, poll to the end, download: the whole asynchronous protocol over HTTP. */
async function runExport(origin: string, publicOrigin: string, path: string, token: string) {
  const local = (url: string) => url.replace(publicOrigin, origin);
  const auth = { authorization: `Bearer ${token}` };
  const kickOff = await fetch(`${origin}/fhir/r4${path}`, {
    headers: { ...auth, accept: 'application/fhir+json', prefer: 'respond-async' },
  });
  expect(kickOff.status, await kickOff.clone().text()).to.equal(202);
  const status = local(kickOff.headers.get('content-location') ?? '');
  let res = await fetch(status, { headers: auth });
  for (let i = 0; res.status === 202 && i < 600; i++) {
    expect(res.headers.get('x-progress')).to.be.a('string');
    await new Promise((resolve) => setTimeout(resolve, 100));
    res = await fetch(status, { headers: auth });
  }
  expect(res.status).to.equal(200);
  const manifest = (await res.json()) as Manifest;
  const files: Array<{ type: string; lines: string[] }> = [];
  for (const item of manifest.output) {
    const file = await fetch(local(item.url), {
      headers: { ...auth, accept: 'application/fhir+ndjson' },
    });
    expect(file.status).to.equal(200);
    expect(file.headers.get('content-type')).to.match(/^application\/fhir\+ndjson/);
    files.push({
      type: item.type,
      lines: (await file.text()).split('\n').filter((line) => line !== ''),
    });
  }
  return { manifest, files };
}

/** Every line is a valid resource of its file's type; returns counts per type. */
function checkLines(files: Array<{ type: string; lines: string[] }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { type, lines } of files) {
    for (const line of lines) {
      const resource = JSON.parse(line) as Resource;
      expect(resource.resourceType).to.equal(type);
      expectValid(resource);
      counts[type] = (counts[type] ?? 0) + 1;
    }
  }
  return counts;
}

describe('Bulk Data export end to end (membership system, SMART backend services)', function () {
  this.timeout(60_000);
  let membership: RunningMembershipBackend;
  let auth: RunningAuthServer;
  let gateway: RunningGateway;
  let dir: string;
  let token: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulk-e2e-'));
    membership = await startMembershipBackend({ members: MEMBERS, seed: 7 });
    auth = await startAuthServer(
      {
        issuer: 'http://localhost:4100',
        port: 0,
        audience: `${PUBLIC}/fhir/r4`,
        clients: demoClients(),
        users: [{ id: 'me', displayName: 'Member One', fhirUser: 'Patient/MBR00000001' }],
      },
      { logger: silentLogger() },
    );
    const config = parseConfig({
      server: { port: 0, host: '127.0.0.1', publicUrl: PUBLIC },
      store: { sqlitePath: join(dir, 'gateway.db') },
      auth: { issuer: auth.url },
      logging: { level: 'silent' },
      demo: { enabled: false },
      bulk: {
        directory: join(dir, 'bulk'),
        maxFileBytes: 16_384,
        pollIntervalMs: 50,
        groups: [
          {
            id: 'first-three',
            name: 'First three members',
            patients: ['MBR00000001', 'MBR00000002', 'MBR00000003'],
          },
        ],
      },
      plugins: [
        {
          name: 'membership',
          module: './plugins/membership/index.ts',
          options: { baseUrl: membership.url },
        },
      ],
    });
    gateway = await startGateway(config, silentLogger());
    const tokens = await backendServicesToken({
      issuer: auth.url,
      clientId: 'demo-backend',
      privateKey: demoBackendPrivateJwk('RS384'),
      alg: 'RS384',
      scope: 'system/*.rs',
    });
    token = tokens.access_token;
  });
  after(async () => {
    await gateway.close();
    await auth.close();
    await membership.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a system export to the end; every line is a valid resource of its file type', async () => {
    const { manifest, files } = await runExport(gateway.url, PUBLIC, '/$export', token);
    expect(manifest.requiresAccessToken).to.equal(true);
    expect(manifest.error).to.deep.equal([]);
    const counts = checkLines(files);
    expect(counts.Patient).to.equal(MEMBERS);
    expect(counts.Organization).to.be.greaterThan(0);
    expect(counts.Coverage).to.be.at.least(MEMBERS);
    expect(counts.Group).to.equal(1);
    const perType: Record<string, number> = {};
    for (const item of manifest.output) perType[item.type] = (perType[item.type] ?? 0) + item.count;
    expect(perType).to.deep.equal(counts);
    expect(
      manifest.output.filter((item) => item.type === 'Coverage').length,
      'files split',
    ).to.be.greaterThan(1);
  });

  it('runs a Group export of a configured group: only its members and their coverage', async () => {
    const { files } = await runExport(gateway.url, PUBLIC, '/Group/first-three/$export', token);
    const patients = files
      .filter((f) => f.type === 'Patient')
      .flatMap((f) => f.lines.map((l) => (JSON.parse(l) as Resource).id));
    expect(patients).to.deep.equal(['MBR00000001', 'MBR00000002', 'MBR00000003']);
    for (const line of files.filter((f) => f.type === 'Coverage').flatMap((f) => f.lines)) {
      expect(line).to.match(/"beneficiary":\{"reference":"Patient\/MBR0000000[123]"/);
    }
    checkLines(files);
  });
});

const run = promisify(execFile);

describe('Bulk Data export with npm start and npm run -s token -- --system', function () {
  this.timeout(90_000);
  let demo: DemoProcess;
  let env: NodeJS.ProcessEnv;
  let origin: string;

  before(async () => {
    demo = await startDemoProcess();
    env = demo.env;
    origin = demo.origin;
  });
  after(() => demo.stop());

  it('a backend-services token from the token script runs a system export to the end', async () => {
    const token = (
      await run(process.execPath, ['--import', 'tsx', 'scripts/token.ts', '--system'], { env })
    ).stdout.trim();
    const { manifest, files } = await runExport(origin, origin, '/$export', token);
    const counts = checkLines(files);
    expect(counts.Patient).to.equal(50);
    expect(Object.keys(counts)).to.include.members([
      'Coverage',
      'Group',
      'Organization',
      'Patient',
    ]);
    expect(manifest.error).to.deep.equal([]);
  });
});

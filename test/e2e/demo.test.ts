/**
 * The README's promise, tested as a user would meet it: `npm start` on a fresh checkout (here
 * on free ports and a throwaway store) serves the CapabilityStatement, refuses patient data
 * without a token, and accepts the tokens every `npm run -s token` variant prints. What it
 * returns is valid R4 and carries its profiles.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Bundle, CapabilityStatement, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { expectValid } from '../support/fhir-validator.js';

const run = promisify(execFile);

describe('npm start (the one-command demo)', function () {
  this.timeout(90_000);
  let child: ChildProcess;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let base: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gw-demo-'));
    const [gatewayPort, authPort, membershipPort] = await freePorts(3);
    env = {
      ...process.env,
      GATEWAY_PORT: String(gatewayPort),
      AUTH_PORT: String(authPort),
      MEMBERSHIP_PORT: String(membershipPort),
      AUTH_SERVER_URL: `http://localhost:${authPort}`,
      SQLITE_PATH: join(dir, 'gateway.db'),
      LOG_LEVEL: 'warn',
    };
    base = `http://localhost:${gatewayPort}/fhir/r4`;
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    await waitForOutput(child, 'payer gateway is running');
  });
  after(() => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  const token = async (...args: string[]) =>
    (await run(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], { env })).stdout.trim();
  const get = async (path: string, bearer?: string) =>
    fetch(`${base}/${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });

  it('serves a CapabilityStatement listing Patient and Coverage with their search parameters', async () => {
    const statement = (await (await get('metadata')).json()) as CapabilityStatement;
    const resources = statement.rest?.[0]?.resource ?? [];
    for (const type of ['Patient', 'Coverage']) {
      const entry = resources.find((r) => r.type === type);
      expect(entry, type).to.not.equal(undefined);
      expect(entry?.searchParam?.length, `${type} search params`).to.be.greaterThan(2);
    }
    expect(statement.rest?.[0]?.operation?.map((op) => op.name)).to.include('export');
    const patientOps = resources.find((r) => r.type === 'Patient')?.operation?.map((op) => op.definition);
    expect(patientOps).to.include('http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export');
  });

  it('publishes a SMART configuration pointing at the running authorization server', async () => {
    const doc = (await (await get('.well-known/smart-configuration')).json()) as Record<string, unknown>;
    const authUrl = env.AUTH_SERVER_URL as string;
    expect(doc.issuer).to.equal(authUrl);
    for (const key of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'introspection_endpoint', 'revocation_endpoint']) {
      expect(doc[key], key).to.be.a('string').and.satisfy((url: string) => url.startsWith(authUrl));
    }
    expect(doc.grant_types_supported).to.include.members(['authorization_code', 'client_credentials', 'refresh_token']);
    expect(doc.token_endpoint_auth_methods_supported).to.include('private_key_jwt');
    expect(doc.code_challenge_methods_supported).to.deep.equal(['S256']);
    expect(doc.capabilities).to.include.members(['launch-standalone', 'launch-ehr', 'permission-v2']);
  });

  it('refuses patient data without a token', async () => {
    const res = await get('Patient/MBR00000001');
    expect(res.status).to.equal(401);
    expect(res.headers.get('www-authenticate')).to.equal('Bearer realm="fhir"');
  });

  it('accepts a --patient token and returns valid, profiled resources of that member', async () => {
    const bearer = await token('--patient', 'MBR00000001');
    const patient = (await (await get('Patient/MBR00000001', bearer)).json()) as Resource;
    expectValid(patient);
    expect(patient.meta?.profile).to.include('http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient');

    const bundle = (await (await get('Coverage?_include=Coverage:payor', bearer)).json()) as Bundle;
    const resources = (bundle.entry ?? []).map((e) => e.resource as Resource);
    expect(resources.map((r) => r.resourceType)).to.include.members(['Coverage', 'Organization']);
    for (const resource of resources) {
      expectValid(resource);
      expect(resource.meta?.profile?.[0], resource.resourceType).to.match(/^http:\/\/hl7\.org\/fhir\/us\/carin-bb\//);
    }
    expect((await get('Patient/MBR00000002', bearer)).status).to.equal(403);
  });

  it('accepts a --system token for population searches', async () => {
    const res = await get('Patient?_count=3', await token('--system'));
    expect(res.status).to.equal(200);
    expect(((await res.json()) as Bundle).total).to.equal(50);
  });

  it('accepts a --practitioner token (patient data needs a launch patient until attribution)', async () => {
    const bearer = await token('--practitioner', 'practitioner-0001');
    expect((await get('Organization?_count=1', bearer)).status).to.equal(200);
    expect((await get('Patient/MBR00000001', bearer)).status).to.equal(403);
  });
});

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => resolve(server));
    })),
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
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output.slice(-2000)}`)));
  });
}

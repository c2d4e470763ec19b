/**
 * The README's promise, tested as a user would meet it: `npm start` on a fresh checkout (here
 * on free ports and a throwaway store) serves the CapabilityStatement, refuses patient data
 * without a token, and accepts the tokens every `npm run -s token` variant prints. What it
 * returns is valid R4 and carries its profiles.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Bundle, CapabilityStatement, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { startDemoProcess, type DemoProcess } from '../support/demo-process.js';
import { expectValid } from '../support/fhir-validator.js';

const run = promisify(execFile);

describe('npm start (the one-command demo)', function () {
  this.timeout(90_000);
  let demo: DemoProcess;
  let env: NodeJS.ProcessEnv;
  let base: string;

  before(async () => {
    demo = await startDemoProcess();
    env = demo.env;
    base = demo.base;
  });
  after(() => demo.stop());

  const token = async (...args: string[]) =>
    (
      await run(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], { env })
    ).stdout.trim();
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
    const patientOps = resources
      .find((r) => r.type === 'Patient')
      ?.operation?.map((op) => op.definition);
    expect(patientOps).to.include(
      'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export',
    );
    expect(patientOps).to.include('http://hl7.org/fhir/OperationDefinition/Patient-everything');
    expect(statement.instantiates).to.have.members([
      'http://hl7.org/fhir/us/carin-bb/CapabilityStatement/c4bb|2.1.0',
      'http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server|6.1.0',
      'http://hl7.org/fhir/us/davinci-pdex/CapabilityStatement/pdex-server|2.1.0',
      'http://hl7.org/fhir/us/davinci-pdex-plan-net/CapabilityStatement/plan-net|1.1.0',
      'http://hl7.org/fhir/us/davinci-drug-formulary/CapabilityStatement/usdf-server|2.0.1',
      'http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data|2.0.0',
    ]);
  });

  it('publishes a SMART configuration pointing at the running authorization server', async () => {
    const doc = (await (await get('.well-known/smart-configuration')).json()) as Record<
      string,
      unknown
    >;
    const authUrl = env.AUTH_SERVER_URL as string;
    expect(doc.issuer).to.equal(authUrl);
    for (const key of [
      'authorization_endpoint',
      'token_endpoint',
      'jwks_uri',
      'introspection_endpoint',
      'revocation_endpoint',
    ]) {
      expect(doc[key], key)
        .to.be.a('string')
        .and.satisfy((url: string) => url.startsWith(authUrl));
    }
    expect(doc.grant_types_supported).to.include.members([
      'authorization_code',
      'client_credentials',
      'refresh_token',
    ]);
    expect(doc.token_endpoint_auth_methods_supported).to.include('private_key_jwt');
    expect(doc.code_challenge_methods_supported).to.deep.equal(['S256']);
    expect(doc.capabilities).to.include.members([
      'launch-standalone',
      'launch-ehr',
      'permission-v2',
    ]);
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
    expect(patient.meta?.profile).to.include(
      'http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient',
    );

    const bundle = (await (await get('Coverage?_include=Coverage:payor', bearer)).json()) as Bundle;
    const resources = (bundle.entry ?? []).map((e) => e.resource as Resource);
    expect(resources.map((r) => r.resourceType)).to.include.members(['Coverage', 'Organization']);
    for (const resource of resources) {
      expectValid(resource);
      expect(resource.meta?.profile?.[0], resource.resourceType).to.match(
        /^http:\/\/hl7\.org\/fhir\/us\/carin-bb\//,
      );
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

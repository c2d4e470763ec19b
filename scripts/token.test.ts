/**
 * `npm run -s token`: runs the real flows against a live demo auth server and prints only the
 * access token, so `curl -H "Authorization: Bearer $(npm run -s token -- --patient x)"` works.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { decodeJwt } from 'jose';
import type { RunningAuthServer } from '../mock-backends/auth-server/server.js';
import { startTestAuthServer } from '../mock-backends/auth-server/testing.js';

const run = promisify(execFile);

describe('scripts/token.ts', () => {
  let server: RunningAuthServer;
  const token = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], {
      env: { ...process.env, AUTH_SERVER_URL: server.url },
    });

  before(async () => {
    server = await startTestAuthServer();
  });
  after(() => server.close());

  it('prints only a patient access token with the default scopes', async () => {
    const { stdout, stderr } = await token('--patient', 'member-0002');
    expect(stderr).to.equal('');
    expect(stdout).to.match(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(decodeJwt(stdout.trim())).to.include({
      patient: 'member-0002',
      scope: 'openid fhirUser launch/patient patient/*.rs',
    });
  });

  it('prints a system token and honours --scope', async () => {
    const { stdout } = await token('--system', '--alg', 'ES384', '--scope', 'system/Patient.rs');
    expect(decodeJwt(stdout.trim())).to.include({
      sub: 'demo-backend',
      scope: 'system/Patient.rs',
    });
  });

  it('runs an EHR launch for a practitioner with a patient', async () => {
    const { stdout } = await token(
      '--practitioner',
      'practitioner-0001',
      '--patient',
      'member-0003',
    );
    expect(decodeJwt(stdout.trim())).to.include({
      fhirUser: 'Practitioner/practitioner-0001',
      patient: 'member-0003',
    });
  });

  it('fails with a message and no token for an unknown member', async () => {
    try {
      await token('--patient', 'nobody');
      expect.fail('expected a non-zero exit');
    } catch (err) {
      const { code, stdout, stderr } = err as { code: number; stdout: string; stderr: string };
      expect(code).to.equal(1);
      expect(stdout).to.equal('');
      expect(stderr).to.equal(
        'token: no demo user with fhirUser Patient/nobody on the login page\n',
      );
    }
  });
});

/**
 * Options validation and backend failures: a bad option names itself; a slow backend is a
 * 504, a failing or API-breaking one a 502, and health reports it without PHI.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { PluginOptionsError } from '../sdk/contract.js';
import { BadGatewayError, GatewayTimeoutError } from '../sdk/errors.js';
import { testPluginContext, testRequestContext } from '../sdk/testing.js';
import createPriorAuthPlugin from './index.js';
import { parseOptions } from './options.js';
import { startFixture, type PriorAuthFixture } from '../../test/support/prior-auth-fixture.js';

const ctx = testRequestContext();
const READ = { resourceType: 'ExplanationOfBenefit', id: 'pa-PA202500000022005' };

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  return expect.fail('expected the call to fail');
}

describe('prior-auth plugin: options', () => {
  it('applies defaults and derives the identifier systems', () => {
    const options = parseOptions({ baseUrl: 'http://127.0.0.1:8085/', asOf: '2025-12-01' });
    expect(options).to.include({ baseUrl: 'http://127.0.0.1:8085', payerId: 'CMHP1' });
    expect(options.authNumberSystem).to.match(/\/prior-auth-number$/);
    expect(options.today()).to.equal('20251201');
  });

  it('names a bad or unknown option', () => {
    const bad: Record<string, unknown>[] = [
      {},
      { baseUrl: 'ftp://x' },
      { baseUrl: 'http://x', asOf: '1 Dec' },
      { baseUrl: 'http://x', payerId: 'a b' },
      { baseUrl: 'http://x', streamPageSize: 0 },
      { baseUrl: 'http://x', colour: 'blue' },
    ];
    const paths = bad.map((raw) => {
      try {
        parseOptions(raw);
      } catch (err) {
        expect(err).to.be.instanceOf(PluginOptionsError);
        return (err as PluginOptionsError).path;
      }
      return 'accepted';
    });
    expect(paths).to.deep.equal([
      'baseUrl',
      'baseUrl',
      'asOf',
      'payerId',
      'streamPageSize',
      'colour',
    ]);
  });
});

describe('prior-auth plugin: backend failures', () => {
  let fixture: PriorAuthFixture;

  before(async () => {
    fixture = await startFixture(40);
  });
  after(() => fixture.close());
  afterEach(() => fixture.backend.backend.faults.clear());

  it('turns a backend that does not answer in time into a 504', async () => {
    const plugin = await createPriorAuthPlugin(
      { baseUrl: fixture.backend.url },
      testPluginContext({ timeoutMs: 200 }),
    );
    fixture.backend.backend.faults.set({ delayMs: 1000 });
    expect(await failure(plugin.read!(READ, ctx))).to.be.instanceOf(GatewayTimeoutError);
  });

  it('turns a backend 500 into a 502 and fails health', async () => {
    fixture.backend.backend.faults.set({ status: 500 });
    expect(await failure(fixture.plugin.read!(READ, ctx))).to.be.instanceOf(BadGatewayError);
    const health = await fixture.plugin.health(ctx);
    expect(health.status).to.equal('fail');
  });

  it('turns an answer in an unexpected shape into a 502', async () => {
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"AUTHS":[{"X":1}]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const plugin = await createPriorAuthPlugin({ baseUrl: url }, testPluginContext());
    const search = plugin.search!(
      { resourceType: 'ExplanationOfBenefit', criteria: [], count: 5, wantTotal: false },
      ctx,
    );
    expect(await failure(search)).to.be.instanceOf(BadGatewayError);
    await new Promise((resolve) => server.close(resolve));
  });
});

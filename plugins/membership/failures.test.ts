import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import {
  startMembershipBackend,
  type RunningMembershipBackend,
} from '../../mock-backends/membership/index.js';
import type { Plugin } from '../sdk/contract.js';
import {
  BadGatewayError,
  GatewayTimeoutError,
  ServiceUnavailableError,
  type GatewayError,
} from '../sdk/errors.js';
import { testPluginContext, testRequestContext } from '../sdk/testing.js';
import createMembershipPlugin from './index.js';

const ctx = testRequestContext();

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (err) {
    return err as GatewayError;
  }
  return expect.fail('expected the call to fail');
}

/** A server answering every request with the given status and body. */
async function answering(status: number, body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('membership plugin: backend failures', () => {
  let backend: RunningMembershipBackend;
  let plugin: Plugin;

  before(async () => {
    backend = await startMembershipBackend({ members: 20, seed: 2 });
    plugin = await createMembershipPlugin(
      { baseUrl: backend.url },
      testPluginContext({ timeoutMs: 300 }),
    );
  });
  after(() => backend.close());
  afterEach(() => backend.backend.faults.clear());

  it('turns a backend that does not answer in time into a 504', async () => {
    backend.backend.faults.set({ delayMs: 1500 });
    const err = await failure(plugin.read!({ resourceType: 'Patient', id: 'MBR00000001' }, ctx));
    expect(err).to.be.instanceOf(GatewayTimeoutError);
    expect(err).to.include({ status: 504, issueCode: 'timeout' });
  });

  it('turns a backend 500 into a 502', async () => {
    backend.backend.faults.set({ status: 500 });
    const search = { resourceType: 'Coverage', criteria: [], count: 10, wantTotal: false };
    const err = await failure(plugin.search!(search, ctx));
    expect(err).to.be.instanceOf(BadGatewayError);
    expect(err.status).to.equal(502);
  });

  it('turns a backend 503 into a 503, and a stream failure likewise', async () => {
    backend.backend.faults.set({ status: 503 });
    const stream = plugin.stream!({ types: ['Patient'] }, ctx)[Symbol.asyncIterator]();
    const err = await failure(stream.next());
    expect(err).to.be.instanceOf(ServiceUnavailableError);
    expect(err.status).to.equal(503);
  });

  it('turns an unreachable backend into a 503 and a failing health check', async () => {
    const { url, server } = await answering(200, '{}');
    server.close();
    const offline = await createMembershipPlugin({ baseUrl: url }, testPluginContext());
    const err = await failure(offline.read!({ resourceType: 'Patient', id: 'MBR00000001' }, ctx));
    expect(err).to.be.instanceOf(ServiceUnavailableError);
    expect(err.status).to.equal(503);
    const health = await offline.health(ctx);
    expect(health.status).to.equal('fail');
    expect(health.detail).to.match(/\/health/);
  });

  it('turns a backend rejecting the request, or answering oddly, into a 502', async () => {
    const rejecting = await answering(400, '{"ERR_CD":"E400","ERR_MSG":"Invalid request"}');
    const shapeless = await answering(200, '{"MEMBERS":"none"}');
    try {
      for (const url of [rejecting.url, shapeless.url]) {
        const broken = await createMembershipPlugin({ baseUrl: url }, testPluginContext());
        const search = { resourceType: 'Patient', criteria: [], count: 10, wantTotal: false };
        const err = await failure(broken.search!(search, ctx));
        expect(err, url).to.be.instanceOf(BadGatewayError);
      }
    } finally {
      rejecting.server.close();
      shapeless.server.close();
    }
  });

  it('reports health from the backend', async () => {
    expect(await plugin.health(ctx)).to.deep.equal({ status: 'pass' });
    backend.backend.faults.set({ status: 500 });
    expect((await plugin.health(ctx)).status).to.equal('fail');
  });
});

import { expect } from 'chai';
import { startClaimsBackend } from '../../mock-backends/claims/index.js';
import { PluginOptionsError } from '../sdk/contract.js';
import { BadGatewayError } from '../sdk/errors.js';
import { testPluginContext, testRequestContext } from '../sdk/testing.js';
import createClaimsPlugin from './index.js';
import { parseOptions } from './options.js';

describe('claims plugin: options and backend failures', () => {
  it('applies defaults and derives identifier systems', () => {
    const options = parseOptions({ baseUrl: 'http://127.0.0.1:9/' });
    expect(options).to.deep.equal({
      baseUrl: 'http://127.0.0.1:9',
      name: 'claims',
      payerId: 'CMHP1',
      claimIdSystem: 'https://cascade-mutual.example.org/fhir/sid/claim-id',
      subscriberIdSystem: 'https://cascade-mutual.example.org/fhir/sid/subscriber-id',
      streamPageSize: 100,
    });
  });

  it('names the bad option', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'baseUrl'],
      [{ baseUrl: 'ftp://x' }, 'baseUrl'],
      [{ baseUrl: 'http://x', streamPageSize: 0 }, 'streamPageSize'],
      [{ baseUrl: 'http://x', payerId: 'bad id' }, 'payerId'],
      [{ baseUrl: 'http://x', extra: 1 }, 'extra'],
    ];
    for (const [raw, path] of cases) {
      expect(() => parseOptions(raw))
        .to.throw(PluginOptionsError)
        .with.property('path', path);
    }
  });

  it('reports health fail and answers 502 when the backend fails', async () => {
    const backend = await startClaimsBackend({ members: 2, seed: 1 });
    const plugin = await createClaimsPlugin({ baseUrl: backend.url }, testPluginContext());
    const ctx = testRequestContext();
    expect(await plugin.health(ctx)).to.deep.equal({ status: 'pass' });
    backend.backend.faults.set({ status: 500 });
    expect((await plugin.health(ctx)).status).to.equal('fail');
    const req = { resourceType: 'ExplanationOfBenefit', criteria: [], count: 5, wantTotal: false };
    const err = await plugin.search!(req, ctx).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(BadGatewayError);
    await backend.close();
  });
});

import { expect } from 'chai';
import { startClinicalBackend } from '../../mock-backends/clinical/index.js';
import { PluginOptionsError } from '../sdk/contract.js';
import { BadGatewayError } from '../sdk/errors.js';
import { testPluginContext, testRequestContext } from '../sdk/testing.js';
import createClinicalPlugin from './index.js';
import { parseOptions } from './options.js';

describe('clinical plugin: options and backend failures', () => {
  it('applies defaults and derives identifier systems', () => {
    expect(parseOptions({ baseUrl: 'http://127.0.0.1:9/' })).to.deep.equal({
      baseUrl: 'http://127.0.0.1:9',
      name: 'clinical',
      encounterIdSystem: 'https://cascade-mutual.example.org/fhir/sid/encounter-id',
      recordIdSystem: 'https://cascade-mutual.example.org/fhir/sid/clinical-record-id',
      streamPageSize: 200,
    });
  });

  it('names the bad option', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'baseUrl'],
      [{ baseUrl: 'ftp://x' }, 'baseUrl'],
      [{ baseUrl: 'http://x', streamPageSize: 501 }, 'streamPageSize'],
      [{ baseUrl: 'http://x', identifierSystemBase: 'urn' }, 'identifierSystemBase'],
      [{ baseUrl: 'http://x', extra: 1 }, 'extra'],
    ];
    for (const [raw, path] of cases) {
      expect(() => parseOptions(raw), path)
        .to.throw(PluginOptionsError)
        .with.property('path', path);
    }
  });

  it('reports health, and turns backend failures into 502s and a failing health', async () => {
    const backend = await startClinicalBackend({ members: 2, seed: 3 });
    try {
      const http = testPluginContext({ timeoutMs: 20_000 });
      const plugin = await createClinicalPlugin({ baseUrl: backend.url }, http);
      const ctx = testRequestContext();
      expect(await plugin.health(ctx)).to.deep.equal({ status: 'pass' });
      backend.backend.faults.set({ status: 500 });
      expect((await plugin.health(ctx)).status).to.equal('fail');
      let error: unknown;
      const request = { resourceType: 'Goal', criteria: [], count: 5, wantTotal: false };
      await plugin.search!(request, ctx).catch((err: unknown) => (error = err));
      expect(error).to.be.instanceOf(BadGatewayError);
    } finally {
      await backend.close();
    }
  });
});

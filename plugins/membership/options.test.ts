import { expect } from 'chai';
import { PluginOptionsError } from '../sdk/contract.js';
import { testPluginContext } from '../sdk/testing.js';
import createMembershipPlugin from './index.js';

async function optionsError(options: Record<string, unknown>): Promise<PluginOptionsError> {
  try {
    await createMembershipPlugin(options, testPluginContext());
  } catch (err) {
    expect(err).to.be.instanceOf(PluginOptionsError);
    return err as PluginOptionsError;
  }
  return expect.fail('expected a PluginOptionsError');
}

describe('membership plugin: options', () => {
  it('requires baseUrl, an absolute http(s) URL', async () => {
    expect((await optionsError({})).path).to.equal('baseUrl');
    const ftp = await optionsError({ baseUrl: 'ftp://127.0.0.1/' });
    expect(ftp.message).to.equal('baseUrl: must be an absolute http(s) URL');
    expect((await optionsError({ baseUrl: 'members' })).path).to.equal('baseUrl');
  });

  it('names any other bad or unknown option', async () => {
    const pageSize = await optionsError({ baseUrl: 'http://127.0.0.1:1', streamPageSize: 0 });
    expect(pageSize.path).to.equal('streamPageSize');
    const unknown = await optionsError({ baseUrl: 'http://127.0.0.1:1', timeout: 5 });
    expect(unknown.message).to.equal('timeout: unknown option');
    expect(
      (await optionsError({ baseUrl: 'http://127.0.0.1:1', identifierSystemBase: 'x' })).path,
    ).to.equal('identifierSystemBase');
  });

  it('applies defaults, and takes a name', async () => {
    const plugin = await createMembershipPlugin(
      { baseUrl: 'http://127.0.0.1:1/' },
      testPluginContext(),
    );
    expect(plugin.name).to.equal('membership');
    const named = await createMembershipPlugin(
      { baseUrl: 'http://127.0.0.1:1', name: 'eligibility' },
      testPluginContext(),
    );
    expect(named.name).to.equal('eligibility');
  });
});

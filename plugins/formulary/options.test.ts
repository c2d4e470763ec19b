import { expect } from 'chai';
import { PluginOptionsError } from '../sdk/contract.js';
import { parseOptions } from './options.js';

describe('formulary plugin: options', () => {
  it('applies defaults and trims the base URL', () => {
    expect(parseOptions({ baseUrl: 'http://127.0.0.1:8084/' })).to.deep.equal({
      baseUrl: 'http://127.0.0.1:8084',
      name: 'formulary',
      streamPageSize: 200,
    });
  });

  it('names the bad or unknown option', () => {
    expect(() => parseOptions({ baseUrl: 'ftp://x' })).to.throw(PluginOptionsError, /^baseUrl:/);
    expect(() => parseOptions({ baseUrl: 'http://x', streamPageSize: 0 })).to.throw(
      PluginOptionsError,
      /^streamPageSize:/,
    );
    expect(() => parseOptions({ baseUrl: 'http://x', extra: 1 })).to.throw(/^extra: unknown/);
  });
});

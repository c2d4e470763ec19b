import { expect } from 'chai';
import { ConfigError, interpolate, loadConfig, parseConfig } from './load.js';

describe('Configuration', () => {
  it('loads the demo defaults with no edits and freezes them', () => {
    const config = loadConfig({});
    expect(config.server.port).to.equal(8080);
    expect(config.server.fhirBasePath).to.equal('/fhir/r4');
    expect(config.auth.issuer).to.equal('http://localhost:4100');
    expect(config.plugins[0]?.options).to.deep.equal({ baseUrl: 'http://localhost:4101' });
    expect(Object.isFrozen(config.server)).to.equal(true);
  });

  it('takes every port and the database URL from the environment', () => {
    const config = loadConfig({
      GATEWAY_PORT: '9090',
      AUTH_PORT: '5100',
      MEMBERSHIP_PORT: '5101',
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/gw',
    });
    expect(config.server.port).to.equal(9090);
    expect(config.server.publicUrl).to.equal('http://localhost:9090');
    expect(config.demo.authPort).to.equal(5100);
    expect(config.auth.issuer).to.equal('http://localhost:5100');
    expect(config.plugins[0]?.options.baseUrl).to.equal('http://localhost:5101');
    expect(config.store.postgresUrl).to.equal('postgres://u:p@127.0.0.1:5432/gw');
  });

  it('names every problem by its dotted path at once', () => {
    try {
      parseConfig({
        server: { port: 70000, fhirBasePath: 'fhir/' },
        auth: { issuer: 'not a url' },
        plugins: [{ name: 'Bad Name', module: '' }],
      });
      expect.fail('should have thrown');
    } catch (err) {
      expect(err).to.be.instanceOf(ConfigError);
      const paths = (err as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(paths).to.have.members([
        'server.port',
        'server.fhirBasePath',
        'auth.issuer',
        'plugins.0.name',
        'plugins.0.module',
      ]);
    }
  });

  it('reports a non-numeric port variable with its variable name', () => {
    expect(() => loadConfig({ GATEWAY_PORT: 'eighty' })).to.throw(
      ConfigError,
      'server.port (env GATEWAY_PORT): expected a whole number, got "eighty"',
    );
  });

  it('interpolates ${VAR} and ${VAR:-default}, naming unset ones', () => {
    const raw = { a: { b: 'x-${ONE}-${TWO:-2}' }, list: ['${ONE}'] };
    expect(interpolate(raw, { ONE: '1' })).to.deep.equal({ a: { b: 'x-1-2' }, list: ['1'] });
    expect(() => interpolate({ a: { b: '${MISSING}' } }, {})).to.throw(
      ConfigError,
      'a.b: environment variable MISSING is not set',
    );
  });

  it('reads another file from CONFIG_FILE and says when it cannot', () => {
    expect(() => loadConfig({ CONFIG_FILE: '/nonexistent/gw.json' })).to.throw(
      ConfigError,
      '/nonexistent/gw.json',
    );
  });
});

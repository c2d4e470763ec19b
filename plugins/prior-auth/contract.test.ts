import { describePluginContract } from '../sdk/contract-suite.js';
import { testRequestContext } from '../sdk/testing.js';
import { searchAll, startFixture } from '../../test/support/prior-auth-fixture.js';

describePluginContract('prior-auth', async () => {
  const fixture = await startFixture(120);
  const [first] = await searchAll(fixture.plugin);
  return {
    plugin: fixture.plugin,
    ctx: testRequestContext(),
    sample: { ExplanationOfBenefit: first?.id ?? 'none' },
    teardown: () => fixture.close(),
  };
});

import { startMembershipBackend } from '../../mock-backends/membership/index.js';
import { describePluginContract } from '../sdk/contract-suite.js';
import { testPluginContext, testRequestContext } from '../sdk/testing.js';
import createMembershipPlugin from './index.js';

describePluginContract('membership', async () => {
  const backend = await startMembershipBackend({ members: 40, seed: 11, validateResponses: true });
  const plugin = await createMembershipPlugin(
    { baseUrl: backend.url, streamPageSize: 9 },
    testPluginContext(),
  );
  return {
    plugin,
    ctx: testRequestContext(),
    sample: { Patient: 'MBR00000002', Coverage: 'MBR00000002-1', Organization: 'CMHP1' },
    teardown: () => backend.close(),
  };
});

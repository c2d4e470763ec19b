import { startClaimsBackend } from '../../mock-backends/claims/index.js';
import { describePluginContract } from '../sdk/contract-suite.js';
import { testPluginContext, testRequestContext } from '../sdk/testing.js';
import createClaimsPlugin from './index.js';
import { firstClaimFrom2016 } from './test-support.js';

describePluginContract(
  'claims',
  async () => {
    const backend = await startClaimsBackend({ members: 6, seed: 11, validateResponses: true });
    const plugin = await createClaimsPlugin(
      { baseUrl: backend.url, streamPageSize: 9 },
      testPluginContext(),
    );
    const claimId = await firstClaimFrom2016(backend.url);
    return {
      plugin,
      ctx: testRequestContext(),
      sample: { ExplanationOfBenefit: `clm-${claimId}` },
      teardown: () => backend.close(),
    };
  },
  { pageSize: 25, maxPages: 400 },
);

import { startDirectoryBackend } from '../../mock-backends/directory/index.js';
import { describePluginContract } from '../sdk/contract-suite.js';
import { testPluginContext, testRequestContext } from '../sdk/testing.js';
import createDirectoryPlugin from './index.js';

describePluginContract('directory', async () => {
  const backend = await startDirectoryBackend({
    practitioners: 30,
    seed: 3,
    validateResponses: true,
  });
  const plugin = await createDirectoryPlugin(
    { baseUrl: backend.url, streamPageSize: 9 },
    testPluginContext({ timeoutMs: 15_000 }),
  );
  return {
    plugin,
    ctx: testRequestContext(),
    sample: {
      Practitioner: 'npi-1010237604',
      PractitionerRole: 'role-R000001',
      Organization: 'npi-2020237634',
      Location: 'loc-L000001',
      HealthcareService: 'svc-S000001',
      InsurancePlan: 'plan-CMHP-HMO-100',
      Endpoint: 'ep-E00001',
      OrganizationAffiliation: 'aff-A000001',
    },
    teardown: () => backend.close(),
  };
});

import { startFormularyBackend } from '../../mock-backends/formulary/index.js';
import { describePluginContract } from '../sdk/contract-suite.js';
import { testPluginContext, testRequestContext } from '../sdk/testing.js';
import createFormularyPlugin from './index.js';

describePluginContract(
  'formulary',
  async () => {
    const backend = await startFormularyBackend({ validateResponses: true });
    const plugin = await createFormularyPlugin(
      { baseUrl: backend.url, streamPageSize: 97 },
      testPluginContext({ timeoutMs: 15_000, retries: 1 }),
    );
    const first = await plugin.search?.(
      { resourceType: 'MedicationKnowledge', criteria: [], count: 1, wantTotal: false },
      testRequestContext(),
    );
    const frm = await plugin.search?.(
      { resourceType: 'InsurancePlan', criteria: [], count: 1, wantTotal: false },
      testRequestContext(),
    );
    const item = await plugin.search?.(
      { resourceType: 'Basic', criteria: [], count: 1, wantTotal: false },
      testRequestContext(),
    );
    const area = await plugin.search?.(
      { resourceType: 'Location', criteria: [], count: 1, wantTotal: false },
      testRequestContext(),
    );
    return {
      plugin,
      ctx: testRequestContext(),
      sample: {
        MedicationKnowledge: first?.resources[0]?.id ?? 'missing',
        InsurancePlan: frm?.resources[0]?.id ?? 'missing',
        Basic: item?.resources[0]?.id ?? 'missing',
        Location: area?.resources[0]?.id ?? 'missing',
      },
      teardown: () => backend.close(),
    };
  },
  { pageSize: 200, maxPages: 400 },
);

import { expect } from 'chai';
import type { RequestContext, StreamItem } from '../../plugins/sdk/contract.js';
import { silentLogger } from '../logging/logger.js';
import { createGroupPlugin } from './groups.js';

const plugin = createGroupPlugin([{ id: 'cohort', name: 'Cohort', patients: ['p1', 'p2'] }]);

function context(patientIds?: string[]): RequestContext {
  return {
    requestId: 'test',
    logger: silentLogger(),
    constraints: patientIds ? { patientIds } : {},
    signal: new AbortController().signal,
  };
}

async function streamed(ctx: RequestContext): Promise<StreamItem[]> {
  const items: StreamItem[] = [];
  for await (const item of plugin.stream!({ types: ['Group'] }, ctx)) items.push(item);
  return items;
}

describe('bulk Group plugin', () => {
  it('serves configured groups to population-level callers', async () => {
    const group = await plugin.read!({ resourceType: 'Group', id: 'cohort' }, context());
    expect(group).to.include({ resourceType: 'Group', quantity: 2 });
    const found = await plugin.search!(
      { resourceType: 'Group', criteria: [], count: 10, wantTotal: true },
      context(),
    );
    expect(found.total).to.equal(1);
    expect(await streamed(context())).to.have.length(1);
  });

  it('hides a cohort from a caller limited to one of its members (it lists the others)', async () => {
    const member = context(['p1']);
    expect(await plugin.read!({ resourceType: 'Group', id: 'cohort' }, member)).to.equal(undefined);
    const found = await plugin.search!(
      { resourceType: 'Group', criteria: [], count: 10, wantTotal: true },
      member,
    );
    expect(found).to.deep.equal({ resources: [], total: 0 });
    expect(await streamed(member)).to.deep.equal([]);
  });
});

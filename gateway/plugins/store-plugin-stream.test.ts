/**
 * The store plugin's `stream()` (plugin contract: "one streamed resource, with a cursor that
 * resumes the stream just after it"): resuming from any item's cursor yields exactly the
 * items after it, across types, so a bulk export of gateway-owned resources resumes exactly.
 */
import type { Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import type { StreamItem, StreamRequest } from '../../plugins/sdk/contract.js';
import { silentLogger } from '../logging/logger.js';
import { createStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { createStorePlugin } from './store-plugin.js';

describe('store plugin stream cursors', () => {
  let store: Store;
  beforeEach(async () => (store = await createStore({ sqlitePath: ':memory:' })));
  afterEach(async () => store.close());

  const consent = (patient: string): Resource => ({
    resourceType: 'Consent',
    status: 'active',
    scope: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' },
      ],
    },
    category: [{ coding: [{ system: 'http://loinc.org', code: '64292-6' }] }],
    patient: { reference: `Patient/${patient}` },
  });
  const answers = (patient: string): Resource => ({
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    subject: { reference: `Patient/${patient}` },
  });

  async function collect(req: StreamRequest, patientIds?: string[]): Promise<StreamItem[]> {
    const plugin = createStorePlugin(store, ['Consent', 'QuestionnaireResponse']);
    const ctx = {
      requestId: 't',
      logger: silentLogger(),
      constraints: patientIds ? { patientIds } : {},
      signal: new AbortController().signal,
    };
    const items: StreamItem[] = [];
    for await (const item of plugin.stream!(req, ctx)) items.push(item);
    return items;
  }

  it('resumes just after any item, across pages and types', async () => {
    for (let i = 0; i < 5; i++) await store.resources.create(consent(`p${i % 2}`), [`p${i % 2}`]);
    for (let i = 0; i < 3; i++) await store.resources.create(answers('p1'), ['p1']);
    const types = ['Consent', 'QuestionnaireResponse'];
    const all = await collect({ types });
    expect(all.map((item) => item.resource.resourceType)).to.deep.equal([
      ...Array(5).fill('Consent'),
      ...Array(3).fill('QuestionnaireResponse'),
    ]);

    for (const [index, item] of all.entries()) {
      const rest = await collect({ types, cursor: item.cursor });
      expect(
        rest.map((r) => r.resource.id),
        `after item ${index}`,
      ).to.deep.equal(all.slice(index + 1).map((r) => r.resource.id));
    }
  });

  it('honours the patient constraint when resuming', async () => {
    for (let i = 0; i < 6; i++) await store.resources.create(consent(`p${i % 2}`), [`p${i % 2}`]);
    const mine = await collect({ types: ['Consent'] }, ['p1']);
    expect(mine).to.have.length(3);
    const rest = await collect({ types: ['Consent'], cursor: mine[0]!.cursor }, ['p1']);
    expect(rest.map((r) => r.resource.id)).to.deep.equal(mine.slice(1).map((r) => r.resource.id));
  });
});

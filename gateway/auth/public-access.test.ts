import { expect } from 'chai';
import request from 'supertest';
import type { Basic } from '@medplum/fhirtypes';
import type { Plugin } from '../../plugins/sdk/contract.js';
import { fakePlugin } from '../../test/support/fake-plugin.js';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';

describe('Public APIs (Provider Directory and formulary need no token)', () => {
  let gw: TestGateway;

  beforeEach(async () => {
    gw = await buildTestGateway([fakePlugin()], undefined, { anonymousPerMinute: 3 });
  });
  afterEach(() => gw.close());

  it('serves read and search of a public type without a token', async () => {
    await request(gw.app).get(`${gw.base}/Location/clinic`).expect(200);
    const res = await request(gw.app).get(`${gw.base}/Location`).expect(200);
    expect(res.body.total).to.equal(1);
  });

  it('still refuses patient data without a token', async () => {
    await request(gw.app).get(`${gw.base}/Patient/p1`).expect(401);
  });

  it('still rejects an invalid token sent to a public type', async () => {
    await request(gw.app)
      .get(`${gw.base}/Location/clinic`)
      .auth('not-a-valid-token', { type: 'bearer' })
      .expect(401);
  });

  it('serves a public type to a token without a scope for it', async () => {
    const token = await gw.patientToken('p1', { scope: 'patient/Coverage.rs' });
    await request(gw.app)
      .get(`${gw.base}/Location/clinic`)
      .auth(token, { type: 'bearer' })
      .expect(200);
  });

  it('rate limits anonymous callers with 429 and Retry-After', async () => {
    for (let i = 0; i < 3; i++) await request(gw.app).get(`${gw.base}/Location/clinic`).expect(200);
    const res = await request(gw.app).get(`${gw.base}/Location/clinic`).expect(429);
    expect(res.headers['retry-after']).to.equal('60');
    expect(res.body.issue[0]).to.deep.equal({
      severity: 'error',
      code: 'throttled',
      diagnostics: 'Too many requests without a token: at most 3 per 60 s',
    });
    const token = await gw.systemToken();
    await request(gw.app)
      .get(`${gw.base}/Location/clinic`)
      .auth(token, { type: 'bearer' })
      .expect(200);
  });

  it('withholds anything in a patient compartment from a public type', async () => {
    const item: Basic = {
      resourceType: 'Basic',
      id: 'item',
      code: { text: 'formulary item' },
      subject: { reference: 'InsurancePlan/f1' },
    };
    const leak: Basic = {
      resourceType: 'Basic',
      id: 'leak',
      code: { text: 'note' },
      subject: { reference: 'Patient/p1' },
    };
    const basic: Plugin = {
      name: 'basic',
      capabilities: {
        resources: [
          {
            type: 'Basic',
            profiles: [],
            interactions: ['read', 'search-type'],
            searchParams: [],
            public: true,
          },
        ],
      },
      read: async (req) => [item, leak].find((r) => r.id === req.id),
      search: async () => ({ resources: [item, leak], total: 2 }),
      health: async () => ({ status: 'pass' }),
    };
    const open = await buildTestGateway([basic]);
    try {
      const res = await request(open.app).get(`${open.base}/Basic`).expect(200);
      expect(res.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).to.deep.equal([
        'item',
      ]);
      await request(open.app).get(`${open.base}/Basic/leak`).expect(403);
    } finally {
      await open.close();
    }
  });
});

/**
 * PDex 2.x Consent examples (payer-to-payer and provider-access consent) round-trip through
 * the gateway's own store: each official example is accepted by create as-is, read back
 * unchanged apart from server-assigned id and meta, and found by patient.
 */
import type { Consent } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import { createStorePlugin } from '../../gateway/plugins/store-plugin.js';
import { createStore } from '../../gateway/store/index.js';
import type { Store } from '../../gateway/store/types.js';
import { buildTestGateway, type TestGateway } from '../support/gateway.js';
import { expectValid } from '../support/fhir-validator.js';
import { fixtures, fixturesAvailable } from './fixtures.js';

const available = fixturesAvailable();

(available ? describe : describe.skip)(
  'Conformance: PDex Consent examples in the gateway store',
  () => {
    let store: Store;
    let gw: TestGateway;
    let token: string;

    before(async () => {
      store = await createStore({ sqlitePath: ':memory:' });
      gw = await buildTestGateway([createStorePlugin(store, ['Consent'])], store);
      token = await gw.systemToken('system/Consent.cruds');
    });
    after(async () => {
      await gw.close();
      await store.close();
    });

    for (const [name, example] of available
      ? fixtures<Consent>('pdex', /^Consent-.*\.json$/)
      : []) {
      it(`${name}: valid R4, created and read back unchanged`, async () => {
        expectValid(example);
        const created = await request(gw.app)
          .post(`${gw.base}/Consent`)
          .auth(token, { type: 'bearer' })
          .set('Content-Type', 'application/fhir+json')
          .send(example)
          .expect(201);
        const read = await request(gw.app)
          .get(`${gw.base}/Consent/${created.body.id}`)
          .auth(token, { type: 'bearer' })
          .expect(200);
        const strip = ({ id: _id, meta: _meta, ...rest }: Consent) => rest;
        expect(strip(read.body as Consent)).to.deep.equal(strip(example));
        expect(read.body.meta.profile).to.deep.equal(example.meta?.profile);

        const patient = example.patient?.reference;
        if (patient) {
          const found = await request(gw.app)
            .get(`${gw.base}/Consent?patient=${encodeURIComponent(patient)}`)
            .auth(token, { type: 'bearer' })
            .expect(200);
          expect(
            found.body.entry.map((e: { resource: { id: string } }) => e.resource.id),
          ).to.include(created.body.id);
        }
      });
    }
  },
);

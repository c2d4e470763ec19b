/**
 * `$everything` edge cases over in-memory plugins: the search fallback for an owner without
 * `stream()`, a stream that ignores its constraints (the gateway screens), a large record
 * paged with bounded reads per page, and every 400 of the parameters.
 */
import type { Bundle, Observation, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import type { Plugin, StreamItem } from '../../plugins/sdk/contract.js';
import { fakePlugin } from '../../test/support/fake-plugin.js';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';
import { capabilityStatement } from '../fhir/interactions/capabilities.js';
import { EVERYTHING_OPERATION, everythingRoutes } from './index.js';
import { MAX_SKIPPED } from './walk.js';
import { allPages, entries, keyOf } from '../../test/support/everything-fixture.js';

const BIG = 2500;

/** Observations of p1 (BIG of them) and of p2, streamed ignoring constraints, plus junk. */
const OBSERVATIONS: readonly Resource[] = [
  ...Array.from({ length: BIG }, (_, i) => observation(`o${i}`, 'p1', i)),
  observation('other', 'p2', 1),
  { resourceType: 'Organization', id: 'wrong-type' },
];

/** A plugin streaming `data` as Observations, counting the items pulled. */
function observationPlugin(pulled: { count: number }, data = OBSERVATIONS): Plugin {
  return {
    name: 'observations',
    capabilities: {
      resources: [
        {
          type: 'Observation',
          profiles: [],
          interactions: ['read'],
          searchParams: [
            {
              name: 'subject',
              type: 'reference',
              targets: ['Patient'],
              expression: 'Observation.subject',
            },
            { name: 'status', type: 'token', expression: 'Observation.status' },
          ],
        },
      ],
    },
    async *stream(req): AsyncGenerator<StreamItem> {
      const start = req.cursor === undefined ? 0 : Number(req.cursor);
      for (let i = start; i < data.length; i++) {
        pulled.count++;
        yield { resource: data[i] as Resource, cursor: String(i + 1) };
      }
    },
    async health() {
      return { status: 'pass' };
    },
  };
}

function observation(id: string, patient: string, minute: number): Observation {
  return {
    resourceType: 'Observation',
    id,
    meta: { lastUpdated: new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString() },
    status: minute % 10 === 0 ? 'preliminary' : 'final',
    code: { text: 'test' },
    subject: { reference: `Patient/${patient}` },
    performer: [{ reference: 'Organization/payer' }],
  };
}

describe('Patient $everything edge cases', () => {
  const pulled = { count: 0 };
  let gw: TestGateway;
  let token: string;

  before(async () => {
    gw = await buildTestGateway([fakePlugin(), observationPlugin(pulled)], undefined, {
      fhirRoutes: () => everythingRoutes(),
    });
    token = await gw.patientToken('p1');
  });
  after(async () => gw.close());

  const get = (path: string, query: Record<string, string> = {}) =>
    request(gw.app).get(`${gw.base}/${path}`).query(query).auth(token, { type: 'bearer' });

  it('pages a large record with bounded reads per page, screening what the stream leaks', async () => {
    pulled.count = 0;
    const pages = await allPages(gw, 'Patient/p1/$everything', token, { _count: '100' });
    const keys = pages.flatMap((page) => entries(page, 'match')).map(keyOf);
    expect(keys.length).to.equal(BIG + 2);
    expect(new Set(keys).size).to.equal(keys.length);
    expect(keys).to.include.members(['Patient/p1', 'Coverage/c1', 'Observation/o0']);
    expect(keys).to.not.include.members(['Coverage/c2', 'Observation/other']);
    expect(pages.length).to.equal(Math.ceil((BIG + 2) / 100));
    expect(pulled.count).to.be.at.most(BIG + 2 + 2 * pages.length);
  });

  it('falls back to a compartment search and includes the referenced payer', async () => {
    const pages = await allPages(gw, 'Patient/p1/$everything', token, { _type: 'Coverage' });
    const bundle = pages[0] as Bundle;
    expect(entries(bundle, 'match').map(keyOf)).to.deep.equal(['Coverage/c1']);
    const withPayer = await get('Patient/p1/$everything', {
      _type: 'Patient,Coverage,Organization',
    }).expect(200);
    expect(entries(withPayer.body as Bundle, 'include').map(keyOf)).to.deep.equal([
      'Organization/payer',
    ]);
  });

  it('_since applies to the Patient and to what is streamed', async () => {
    const query = { _type: 'Patient,Observation', _count: '100' };
    const res = await get('Patient/p1/$everything', {
      ...query,
      _since: '2025-01-02T17:00:00Z',
    }).expect(200);
    const keys = entries(res.body as Bundle, 'match').map(keyOf);
    expect(keys).to.have.length(1 + BIG - 2460);
    expect(keys[0]).to.equal('Patient/p1');
    const later = await get('Patient/p1/$everything', {
      ...query,
      _since: '2026-01-01T00:00:00.001Z',
    }).expect(200);
    expect((later.body as Bundle).entry ?? []).to.deep.equal([]);
  });

  it('rejects bad parameters with an OperationOutcome naming them', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ _since: '2020-01-01' }, '_since'],
      [{ _since: '2020-13-01T00:00:00Z' }, '_since'],
      [{ _type: 'Nope' }, '_type'],
      [{ _type: 'bad-type' }, '_type'],
      [{ _type: ',' }, '_type'],
      [{ _count: '0' }, '_count'],
      [{ _count: 'ten' }, '_count'],
      [{ _cursor: 'not-a-cursor' }, '_cursor'],
      [{ start: '2020-02-30x' }, 'start'],
      [{ start: '2023-02-29' }, 'start'],
      [{ end: '2024-13' }, 'end'],
      [{ end: '2024-01-01T00:00:00Z' }, 'end'],
    ];
    for (const [query, expression] of cases) {
      const res = await get('Patient/p1/$everything', query).expect(400);
      const outcome = res.body as OperationOutcome;
      expect(outcome.issue[0]?.expression, JSON.stringify(query)).to.deep.equal([expression]);
    }
  });

  it("a cursor of another patient's record is refused", async () => {
    const page = await get('Patient/p1/$everything', { _count: '2' }).expect(200);
    const next = (page.body as Bundle).link?.find((l) => l.relation === 'next')?.url ?? '';
    const cursor = new URL(next).searchParams.get('_cursor') ?? '';
    const system = await gw.systemToken();
    await request(gw.app)
      .get(`${gw.base}/Patient/p2/$everything`)
      .query({ _cursor: cursor })
      .auth(system, { type: 'bearer' })
      .expect(400);
  });

  it('refuses a start after the end, naming both', async () => {
    const res = await get('Patient/p1/$everything', { start: '2024-02-01', end: '2024-01-31' });
    expect(res.status).to.equal(400);
    expect((res.body as OperationOutcome).issue[0]?.expression).to.deep.equal(['start', 'end']);
    await get('Patient/p1/$everything', { start: '2024-01-31', end: '2024-01-31' }).expect(200);
  });

  it('care dates are accepted under strict handling; unknown parameters are not', async () => {
    const res = await get('Patient/p1/$everything', { start: '2024', end: '2024-12' })
      .set('prefer', 'handling=strict')
      .expect(200);
    expect(entries(res.body as Bundle, 'outcome')).to.deep.equal([]);
    await get('Patient/p1/$everything', { foo: 'bar' })
      .set('prefer', 'handling=strict')
      .expect(400);
  });

  it('_count is bounded by the configured maximum', async () => {
    const res = await get('Patient/p1/$everything', { _count: '5000' }).expect(200);
    expect(entries(res.body as Bundle, 'match')).to.have.length(100);
  });

  it('applies granular scopes to every streamed resource', async () => {
    const granular = await gw.patientToken('p1', {
      scope: 'launch/patient patient/Patient.rs patient/Observation.rs?status=preliminary',
    });
    const pages = await allPages(gw, 'Patient/p1/$everything', granular, { _count: '100' });
    const matches = pages.flatMap((page) => entries(page, 'match'));
    const observations = matches.filter((r) => r.resourceType === 'Observation');
    expect(observations).to.have.length(BIG / 10);
    for (const o of observations) expect(o.status).to.equal('preliminary');
  });

  it('is declared for the CapabilityStatement at type and instance level', () => {
    const services = {
      registry: gw.registry,
      access: gw.access,
      limits: { defaultCount: 20, maxCount: 100 },
      software: { name: 'test', version: '0', publisher: 'tests' },
      operations: [EVERYTHING_OPERATION],
    };
    const statement = capabilityStatement(services, gw.baseUrl);
    const patient = statement.rest?.[0]?.resource?.find((r) => r.type === 'Patient');
    expect(patient?.operation).to.deep.include({
      name: 'everything',
      definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
    });
  });

  it('needs a token, and a Patient it may read', async () => {
    await request(gw.app).get(`${gw.base}/Patient/p1/$everything`).expect(401);
    const noPatientScope = await gw.patientToken('p1', {
      scope: 'launch/patient patient/Observation.rs',
    });
    await request(gw.app)
      .get(`${gw.base}/Patient/p1/$everything`)
      .auth(noPatientScope, { type: 'bearer' })
      .expect(403);
    await get('Patient/p2/$everything').expect(403);
  });
});

describe('Patient $everything over a stream full of other patients', () => {
  let gw: TestGateway;

  before(async () => {
    const others = Array.from({ length: MAX_SKIPPED + 1000 }, (_, i) =>
      observation(`x${i}`, 'p2', i),
    );
    const data = [...others, observation('mine', 'p1', 1)];
    gw = await buildTestGateway([fakePlugin(), observationPlugin({ count: 0 }, data)], undefined, {
      fhirRoutes: () => everythingRoutes(),
    });
  });
  after(async () => gw.close());

  it('ends a page early after MAX_SKIPPED screened out, and resumes there', async () => {
    const token = await gw.patientToken('p1');
    const pages = await allPages(gw, 'Patient/p1/$everything', token, { _count: '100' });
    expect(pages).to.have.length(2);
    expect(entries(pages[0] as Bundle, 'match').map(keyOf)).to.deep.equal([
      'Patient/p1',
      'Coverage/c1',
    ]);
    expect(entries(pages[1] as Bundle, 'match').map(keyOf)).to.deep.equal(['Observation/mine']);
  });
});

/**
 * The Patient Access API metrics from audit records the real gateway wrote for requests with
 * real signed tokens, on a SQLite file and (with TEST_DATABASE_URL) PostgreSQL; plans from
 * the membership plugin over its mock backend.
 */
import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../plugins/sdk/testing.js';
import type { TestGateway } from '../../test/support/gateway.js';
import { PluginRegistry } from '../plugins/registry.js';
import {
  computePatientAccessMetrics,
  coveragePlanResolver,
  DEFINITIONS,
  MetricsInputError,
  parseYear,
  type PatientAccessMetrics,
} from './metrics.js';
import { metricsCsv, writeMetricsFiles } from './metrics-output.js';
import { attributeDays, planSpans } from './metrics-plans.js';
import {
  driveTraffic,
  EXPECTED_2026,
  expectedCsv,
  gatewayOver,
  M,
  startBackends,
  storeTargets,
  type AuditClock,
  type Backends,
  type TestStore,
} from '../../test/support/metrics-fixture.js';

const NOW = new Date('2027-01-15T06:00:00.000Z');

describe('Patient Access API metrics', function () {
  this.timeout(60_000);
  let backends: Backends;
  let registry: PluginRegistry;

  before(async function () {
    backends = await startBackends();
    registry = new PluginRegistry(backends.plugins);
  });
  after(async function () {
    await backends.close();
  });

  for (const target of storeTargets()) {
    describe(target.name, function () {
      let db: TestStore;
      let gw: TestGateway;
      const clock: AuditClock = { now: '' };
      const compute = (year: number) =>
        computePatientAccessMetrics(db.store.db, {
          year,
          plans: coveragePlanResolver(registry, silentLogger()),
          now: () => NOW,
        });

      before(async function () {
        if (!target.open) return this.skip();
        db = await target.open();
        gw = await gatewayOver(backends, db.store, clock);
        await driveTraffic(gw, clock);
      });
      after(async function () {
        await gw?.close();
        await db?.dispose();
      });

      it('the gateway audited the calls that must not count', async function () {
        const events = await db.store.audit.query({ patientId: M.notPatientApp });
        const kinds = events.map((event) => [event.purpose, event.user ?? '']).sort();
        expect(kinds).to.deep.include.members([
          ['patient', 'Practitioner/pract-1'],
          ['system', ''],
        ]);
      });

      it('counts unique patients and those with transfers on more than one day', async function () {
        const metrics = await compute(2026);
        expect(metrics.overall).to.deep.equal(EXPECTED_2026.overall);
        expect(metrics.plans).to.deep.equal(EXPECTED_2026.plans);
        expect(metrics.reportingPeriod).to.deep.equal({
          year: 2026,
          start: '2026-01-01',
          end: '2026-12-31',
          timeZone: 'UTC',
        });
        expect(metrics.planBreakdown).to.equal('coverage');
        expect(metrics.definitions).to.deep.equal(DEFINITIONS);
      });

      it('bounds the year: instants just outside 2026 count in 2025 and 2027', async function () {
        const before = await compute(2025);
        expect(before.overall).to.deep.equal({
          uniquePatients: 2,
          patientsWithMoreThanOneTransfer: 0,
        });
        const after = await compute(2027);
        expect(after.overall).to.deep.equal({
          uniquePatients: 1,
          patientsWithMoreThanOneTransfer: 0,
        });
        expect(after.plans.map((plan) => plan.planId)).to.deep.equal(['CMHP-PPO-200']);
      });

      it('leaves writes out: an app sending data is not a transfer to it', async function () {
        await db.store.audit.record({
          time: '2026-10-01T10:00:00.000Z',
          requestId: 'write-1',
          clientId: 'member-app',
          user: `Patient/${M.notPatientApp}`,
          patientId: M.notPatientApp,
          interaction: 'create',
          resourceTypes: ['Consent'],
          count: 1,
          purpose: 'patient',
          outcome: 'success',
        });
        expect((await compute(2026)).overall).to.deep.equal(EXPECTED_2026.overall);
      });

      it('without a plan resolver, reports the overall figures only', async function () {
        const metrics = await computePatientAccessMetrics(db.store.db, { year: 2026 });
        expect(metrics.overall).to.deep.equal(EXPECTED_2026.overall);
        expect(metrics.plans).to.deep.equal([]);
        expect(metrics.planBreakdown).to.equal('unavailable');
      });

      it('writes the CSV and JSON files', async function () {
        const dir = await mkdtemp(join(tmpdir(), 'metrics-out-'));
        try {
          const metrics = await compute(2026);
          const files = await writeMetricsFiles(metrics, join(dir, 'out'), 'both');
          const base = join(dir, 'out', 'patient-access-metrics-2026');
          expect(files).to.deep.equal([`${base}.csv`, `${base}.json`]);
          expect(await readFile(`${base}.csv`, 'utf8')).to.equal(expectedCsv(NOW.toISOString()));
          const json = JSON.parse(await readFile(`${base}.json`, 'utf8')) as PatientAccessMetrics;
          expect(json).to.deep.equal(JSON.parse(JSON.stringify(metrics)));
          expect(json.generatedAt).to.equal(NOW.toISOString());
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      });
    });
  }

  it('counts a day for the plans enrolled that day, else the nearest', function () {
    const spans = [
      { planId: 'A', end: '2026-01-31' },
      { planId: 'B', start: '2026-02-01', end: '2026-06-30' },
      { planId: 'C', start: '2026-08-31' },
    ];
    const days = ['2026-01-10', '2026-03-01', '2026-07-10', '2026-08-30', '2026-07-31'];
    const byPlan = Object.fromEntries(
      [...attributeDays(days, spans)].map(([plan, set]) => [plan, [...set].sort()]),
    );
    expect(byPlan).to.deep.equal({
      A: ['2026-01-10'],
      B: ['2026-03-01', '2026-07-10', '2026-07-31'],
      C: ['2026-07-31', '2026-08-30'],
    });
    expect(attributeDays(days, []).size).to.equal(0);
  });

  it("reads the plan class and period of the patient's own Coverage only", function () {
    const coverage = {
      resourceType: 'Coverage' as const,
      status: 'active' as const,
      beneficiary: { reference: 'http://example.org/fhir/Patient/p1' },
      payor: [{ reference: 'Organization/o1' }],
      period: { start: '2026-02-01T00:00:00Z' },
      class: [
        { type: { coding: [{ code: 'group' }] }, value: 'G1' },
        { type: { coding: [{ code: 'plan' }] }, value: 'P1', name: 'Plan One' },
      ],
    };
    expect(planSpans(coverage, 'p1')).to.deep.equal([
      { planId: 'P1', planName: 'Plan One', start: '2026-02-01' },
    ]);
    expect(planSpans(coverage, '1')).to.deep.equal([]);
    expect(planSpans({ ...coverage, class: [] }, 'p1')).to.deep.equal([]);
  });

  it('rejects a bad year', function () {
    for (const bad of ['26', '1999', 'twenty', '2026.5', undefined]) {
      expect(() => parseYear(bad), String(bad)).to.throw(MetricsInputError);
    }
    expect(parseYear('2026')).to.equal(2026);
  });

  it('quotes CSV fields that need it', function () {
    const csv = metricsCsv({
      ...emptyReport(),
      plans: [
        {
          planId: 'P,1',
          planName: 'Plan "One"',
          uniquePatients: 1,
          patientsWithMoreThanOneTransfer: 0,
        },
      ],
    });
    expect(csv.split('\r\n')[2]).to.equal(
      'plan,"P,1","Plan ""One""",1,0,2026-01-01,2026-12-31,2027-01-15T06:00:00.000Z',
    );
  });
});

function emptyReport(): PatientAccessMetrics {
  return {
    report: 'CMS-0057-F Patient Access API metrics',
    reportingPeriod: { year: 2026, start: '2026-01-01', end: '2026-12-31', timeZone: 'UTC' },
    generatedAt: NOW.toISOString(),
    definitions: DEFINITIONS,
    overall: { uniquePatients: 0, patientsWithMoreThanOneTransfer: 0 },
    planBreakdown: 'coverage',
    plans: [],
  };
}

import { expect } from 'chai';
import type { AuditEvent } from '../types.js';
import { type Harness, useFreshDatabase } from './harness.js';

/** A synthetic access event at `time`. */
function event(time: string, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    time,
    requestId: `req-${time}`,
    clientId: 'app-a',
    user: 'Patient/p1',
    patientId: 'p1',
    interaction: 'search-type',
    resourceTypes: ['ExplanationOfBenefit', 'Coverage'],
    count: 3,
    purpose: 'patient',
    outcome: 'success',
    ...overrides,
  };
}

const JAN = event('2025-01-10T08:00:00.000Z');
const FEB = event('2025-02-10T08:00:00.000Z', { clientId: 'app-b', interaction: 'read' });
const MAR = event('2025-03-10T08:00:00.000Z', { patientId: 'p2', user: 'Patient/p2' });
const SYSTEM: AuditEvent = {
  time: '2025-04-01T00:00:00.000Z',
  requestId: 'req-export',
  clientId: 'payer-b',
  interaction: 'export',
  resourceTypes: [],
  count: 0,
  purpose: 'payer',
  outcome: 'denied',
};

/** The access log behind the CMS-0057-F Patient Access API metrics. */
export function describeAudit(harness: Harness): void {
  describe('audit events', function () {
    useFreshDatabase(harness, true);

    beforeEach(async function () {
      for (const recorded of [FEB, JAN, SYSTEM, MAR]) await harness.audit.record(recorded);
    });

    it('returns every field as recorded, newest first', async function () {
      expect(await harness.audit.query({})).to.deep.equal([SYSTEM, MAR, FEB, JAN]);
    });

    it('queries by patient', async function () {
      expect(await harness.audit.query({ patientId: 'p1' })).to.deep.equal([FEB, JAN]);
      expect(await harness.audit.query({ patientId: 'p9' })).to.deep.equal([]);
    });

    it('queries by client', async function () {
      expect(await harness.audit.query({ clientId: 'app-a' })).to.deep.equal([MAR, JAN]);
      const both = await harness.audit.query({ clientId: 'app-a', patientId: 'p2' });
      expect(both).to.deep.equal([MAR]);
    });

    it('queries a date range: from inclusive, to exclusive', async function () {
      const range = { from: FEB.time, to: MAR.time };
      expect(await harness.audit.query(range)).to.deep.equal([FEB]);
      const wide = await harness.audit.query({ from: '2025-01-01', to: '2025-03-31' });
      expect(wide).to.deep.equal([MAR, FEB, JAN]);
    });

    it('stores instants given with an offset in UTC, so ranges still compare', async function () {
      await harness.audit.record(event('2025-05-01T02:00:00+02:00', { requestId: 'tz' }));
      const may = await harness.audit.query({ from: '2025-05-01T00:00:00Z' });
      expect(may.map((e) => [e.requestId, e.time])).to.deep.equal([
        ['tz', '2025-05-01T00:00:00.000Z'],
      ]);
    });

    it('honours the limit', async function () {
      expect(await harness.audit.query({ limit: 2 })).to.deep.equal([SYSTEM, MAR]);
    });
  });
}

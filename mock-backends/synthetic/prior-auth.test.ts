import { expect } from 'chai';
import { AS_OF_DATE } from './catalog.js';
import { generateMembers, memberAt } from './members.js';
import { generatePriorAuths, priorAuthsOf, UM_START_DATE } from './prior-auth.js';
import type { PriorAuthRecord } from './prior-auth-types.js';
import { buildDirectory } from './providers.js';
import { isValidNpi } from './providers-ids.js';

const SEED = 9;
const COUNT = 1500;
const directory = buildDirectory({ seed: SEED });
const members = [...generateMembers({ count: COUNT, seed: SEED })];
const auths = members.flatMap((member) => priorAuthsOf(member, { seed: SEED, directory }));
const HOUR = 3_600_000;
const ms = (instant: string): number => Date.parse(instant);
const yearBefore = new Date(Date.parse(`${AS_OF_DATE}T00:00:00Z`) - 365 * 24 * HOUR).toISOString();

function isActive(auth: PriorAuthRecord): boolean {
  if (auth.status === 'pended') return true;
  const approved = auth.status === 'approved' || auth.status === 'partial';
  return approved && (auth.expirationDate ?? '') >= AS_OF_DATE;
}

describe('synthetic prior authorizations', () => {
  it('is deterministic: alone, streamed, and different for another seed', () => {
    const member = memberAt(42, SEED);
    const alone = priorAuthsOf(member, { seed: SEED, directory });
    expect(alone).to.deep.equal(auths.filter((a) => a.memberId === member.memberId));
    const streamed = [...generatePriorAuths({ count: 100, seed: SEED, directory })];
    const first = new Set(members.slice(0, 100).map((m) => m.memberId));
    expect(streamed).to.deep.equal(auths.filter((a) => first.has(a.memberId)));
    const other = [...generatePriorAuths({ count: 100, seed: SEED + 1 })];
    expect(other.map((a) => a.authNumber)).to.not.deep.equal(streamed.map((a) => a.authNumber));
  });

  it('has every status, type and urgency, with unique auth numbers', () => {
    const statuses = new Set(auths.map((a) => a.status));
    expect([...statuses].sort()).to.deep.equal([
      'approved',
      'cancelled',
      'denied',
      'expired',
      'partial',
      'pended',
    ]);
    const types = new Set(auths.map((a) => a.type));
    expect([...types].sort()).to.deep.equal([
      'dme',
      'drug',
      'imaging',
      'inpatient',
      'outpatient',
      'therapy',
    ]);
    expect(new Set(auths.map((a) => a.urgency)).size).to.equal(2);
    expect(new Set(auths.map((a) => a.authNumber)).size).to.equal(auths.length);
  });

  it('falls in the member coverage period it names, from 2016 to the as-of date', () => {
    const byId = new Map(members.map((m) => [m.memberId, m]));
    for (const auth of auths) {
      const period = byId.get(auth.memberId)?.coverage.find((p) => p.seq === auth.coverageSeq);
      expect(period?.planId, auth.authNumber).to.equal(auth.planId);
      const received = auth.receivedAt.slice(0, 10);
      expect(received >= UM_START_DATE && received < AS_OF_DATE).to.equal(true);
      expect(received >= (period?.start ?? '') && received <= (period?.end ?? AS_OF_DATE)).to.equal(
        true,
      );
      for (const item of auth.items) {
        expect(item.serviceEnd <= (period?.end ?? '9999'), auth.authNumber).to.equal(true);
      }
    }
  });

  it('decides within the timeframe, or pends; only physicians deny', () => {
    for (const auth of auths) {
      const limit = auth.urgency === 'expedited' ? 72 : auth.receivedAt >= '2026' ? 168 : 336;
      const extension = auth.extended ? 14 * 24 : 0;
      expect(ms(auth.decisionDueAt) - ms(auth.receivedAt)).to.equal((limit + extension) * HOUR);
      if (auth.status === 'pended') {
        expect(auth.decidedAt).to.equal(undefined);
        expect(auth.statusReason).to.be.a('string');
        continue;
      }
      if (auth.status !== 'cancelled') {
        expect(ms(auth.decidedAt ?? '')).to.be.at.most(ms(auth.decisionDueAt));
      }
      if (auth.status === 'denied') expect(auth.reviewer).to.equal('physician');
    }
  });

  it('gives a specific reason for every denial and reduced quantity', () => {
    for (const auth of auths.filter((a) => a.status === 'denied')) {
      expect(auth.denial?.code).to.be.oneOf(['MNC', 'DOC', 'ALT', 'NCB']);
      expect(auth.denial?.text.length).to.be.above(60);
      expect(
        auth.items.every((item) => item.status === 'denied' && item.approvedQuantity === 0),
      ).to.equal(true);
    }
    for (const auth of auths.filter((a) => a.status === 'partial')) {
      const reduced = auth.items.filter((item) => item.denial?.code === 'QTY');
      expect(reduced, auth.authNumber).to.have.length.above(0);
      for (const item of auth.items) {
        expect(item.approvedQuantity).to.be.at.most(item.requestedQuantity);
      }
    }
  });

  it('records submitted documents, appeals and overturned denials', () => {
    expect(auths.every((a) => a.documents.length > 0)).to.equal(true);
    for (const doc of auths.flatMap((a) => a.documents)) {
      expect(doc.contentType).to.be.oneOf([
        'application/pdf',
        'image/tiff',
        'text/plain',
        'application/xml',
      ]);
      expect(doc.title).to.be.a('string');
    }
    const appealed = auths.filter((a) => a.appeal);
    expect(
      appealed.some((a) => a.appeal?.outcome === 'overturned' && a.status === 'approved'),
    ).to.equal(true);
    expect(appealed.some((a) => a.appeal?.outcome === 'upheld' && a.status === 'denied')).to.equal(
      true,
    );
  });

  it('has active requests and inactive ones last changed more than a year ago', () => {
    expect(auths.filter(isActive).length).to.be.above(10);
    const stale = auths.filter((a) => !isActive(a) && a.lastStatusChangeAt < yearBefore);
    expect(stale.length).to.be.above(10);
    for (const auth of auths) expect(auth.updatedAt >= auth.lastStatusChangeAt).to.equal(true);
  });

  it('names requesting and servicing providers of the directory', () => {
    for (const auth of auths) {
      for (const npi of [auth.requestingNpi, auth.servicingNpi, auth.facilityNpi]) {
        if (npi === undefined) continue;
        expect(isValidNpi(npi) && directory.byNpi.has(npi), npi).to.equal(true);
      }
    }
  });
});

import { expect } from 'chai';
import { AS_OF_DATE } from './catalog.js';
import { CLAIMS_START_DATE, claimsOf, generateClaims } from './claims.js';
import { ICD10_START } from './claims-diagnoses.js';
import { drugByNdc } from './drugs.js';
import type { Amounts, ClaimRecord } from './claims-types.js';
import { generateMembers, memberAt, type MemberRecord } from './members.js';
import { priorAuthsOf } from './prior-auth.js';
import { buildDirectory } from './providers.js';
import { isValidNpi } from './providers-ids.js';
import { networkOfPlan } from './providers-networks.js';

const SEED = 5;
const COUNT = 300;
const directory = buildDirectory({ seed: SEED });
const members = [...generateMembers({ count: COUNT, seed: SEED })];
const byMember = new Map(members.map((m) => [m.memberId, claimsOf(m, { seed: SEED, directory })]));
const claims = [...byMember.values()].flat();

const cents = (value: number): number => Math.round(value * 100);

/** Problems with the amount relations of a line or a claim (empty when balanced). */
function imbalances(amounts: Amounts): string[] {
  const { billed, allowed, paid, deductible, copay, coinsurance, noncovered, discount } = amounts;
  const problems: string[] = [];
  if (paid < 0) problems.push('paid < 0');
  if (cents(paid) > cents(allowed)) problems.push('paid > allowed');
  if (cents(allowed) > cents(billed)) problems.push('allowed > billed');
  const shared = cents(deductible) + cents(copay) + cents(coinsurance);
  if (cents(allowed) !== cents(paid) + shared) problems.push('allowed != paid + cost share');
  if (cents(billed) !== cents(allowed) + cents(discount) + cents(noncovered)) {
    problems.push('billed != allowed + discount + noncovered');
  }
  if (cents(amounts.memberLiability) !== shared) problems.push('liability != cost share');
  return problems;
}

function periodOf(member: MemberRecord, claim: ClaimRecord) {
  return member.coverage.find((period) => period.seq === claim.coverageSeq);
}

describe('synthetic claims', () => {
  describe('determinism', () => {
    it('gives the same claims for the same member and seed, computed alone or streamed', () => {
      const member = memberAt(7, SEED);
      expect(claimsOf(member, { seed: SEED, directory })).to.deep.equal(
        byMember.get(member.memberId),
      );
      const streamed = [...generateClaims({ count: 20, from: 0, seed: SEED, directory })];
      expect(streamed).to.deep.equal(members.slice(0, 20).flatMap((m) => byMember.get(m.memberId)));
    });

    it('gives other claims for another seed', () => {
      const other = claimsOf(memberAt(7, SEED + 1), { seed: SEED + 1 });
      expect(other.map((c) => c.claimId)).to.not.deep.equal(
        byMember.get(memberAt(7, SEED).memberId)?.map((c) => c.claimId),
      );
    });
  });

  describe('consistency with members and the directory', () => {
    it('bills only during the member coverage period it names, on its plan and group', () => {
      for (const member of members) {
        for (const claim of byMember.get(member.memberId) ?? []) {
          const period = periodOf(member, claim);
          expect(period, claim.claimId).to.not.equal(undefined);
          expect(claim.planId).to.equal(period?.planId);
          expect(claim.groupId).to.equal(period?.groupId);
          expect(claim.serviceStart >= (period?.start ?? '')).to.equal(true);
          expect(claim.serviceEnd <= (period?.end ?? AS_OF_DATE), claim.claimId).to.equal(true);
          expect(claim.serviceStart >= member.birthDate).to.equal(true);
          expect(claim.subscriberId).to.equal(member.subscriberId);
        }
      }
    });

    it('names only providers of the directory, with valid NPIs', () => {
      for (const claim of claims) {
        const npis = [
          claim.billingNpi,
          claim.renderingNpi,
          claim.attendingNpi,
          claim.operatingNpi,
          claim.referringNpi,
          claim.prescriberNpi,
          claim.facilityNpi,
        ].filter((npi): npi is string => npi !== undefined);
        for (const npi of npis) {
          expect(isValidNpi(npi), npi).to.equal(true);
          expect(directory.byNpi.has(npi), npi).to.equal(true);
        }
      }
    });

    it('marks in-network claims whose billing organization is in the plan network', () => {
      for (const claim of claims.filter((c) => c.type !== 'professional' && c.type !== 'oral')) {
        const org = directory.byNpi.get(claim.billingNpi);
        const networks = directory.networksByOrg.get(org?.id ?? '') ?? [];
        const inNetwork = networks.includes(networkOfPlan(claim.planId).id);
        expect(claim.network, claim.claimId).to.equal(inNetwork ? 'in' : 'out');
      }
      const out = claims.filter((c) => c.network === 'out').length;
      expect(out / claims.length).to.be.within(0.002, 0.1);
    });

    it('references prior authorizations the member has, approved', () => {
      const referenced = claims.filter((c) => c.priorAuthNumber);
      expect(referenced.length).to.be.above(0);
      for (const claim of referenced) {
        const auths = priorAuthsOf(memberAt(claim.memberIndex, SEED), { seed: SEED, directory });
        const auth = auths.find((a) => a.authNumber === claim.priorAuthNumber);
        expect(auth?.status, claim.claimId).to.be.oneOf(['approved', 'partial']);
      }
    });
  });

  describe('dates', () => {
    it('runs from 2013 to the as-of date: service, then receipt, adjudication, payment', () => {
      for (const claim of claims) {
        expect(claim.serviceStart >= CLAIMS_START_DATE).to.equal(true);
        expect(claim.serviceStart <= claim.serviceEnd).to.equal(true);
        expect(claim.receivedDate >= claim.serviceEnd).to.equal(true);
        expect(claim.adjudicatedDate >= claim.receivedDate).to.equal(true);
        expect(claim.adjudicatedDate < AS_OF_DATE).to.equal(true);
        if (claim.payment) expect(claim.payment.date >= claim.adjudicatedDate).to.equal(true);
        for (const line of claim.lines) {
          expect(
            line.serviceStart >= claim.serviceStart && line.serviceEnd <= claim.serviceEnd,
          ).to.equal(true);
        }
      }
      expect(claims.some((c) => c.serviceStart < '2016-01-01')).to.equal(true);
      expect(claims.some((c) => c.serviceStart >= '2026-01-01')).to.equal(true);
    });

    it('codes diagnoses in ICD-9-CM before 2015-10-01 and ICD-10-CM from then on', () => {
      for (const claim of claims) {
        for (const dx of claim.diagnoses) {
          expect(dx.system).to.equal(claim.serviceEnd >= ICD10_START ? 'icd10' : 'icd9');
        }
      }
    });
  });

  describe('amounts (CARIN BB adjudication)', () => {
    it('balances every line and total: paid <= allowed <= billed, cost sharing adds up', () => {
      const problems: string[] = [];
      for (const claim of claims) {
        problems.push(...imbalances(claim.totals).map((p) => `${claim.claimId}: ${p}`));
        for (const line of claim.lines) {
          const where = `${claim.claimId}/${line.seq}`;
          problems.push(...imbalances(line.amounts).map((p) => `${where}: ${p}`));
          const adjusted = line.adjustments.reduce((sum, a) => sum + cents(a.amount), 0);
          if (adjusted !== cents(line.amounts.billed) - cents(line.amounts.paid)) {
            problems.push(`${where}: adjustments != billed - paid`);
          }
        }
      }
      expect(problems).to.deep.equal([]);
    });

    it('denies with a CARC and pays nothing on denied lines; statuses follow the lines', () => {
      for (const claim of claims) {
        const denied = claim.lines.filter((line) => line.status === 'denied');
        for (const line of denied) {
          expect(line.amounts.paid).to.equal(0);
          expect(line.adjustments[0]?.group).to.equal('CO');
        }
        if (claim.status === 'denied') expect(denied).to.have.length(claim.lines.length);
        if (claim.status === 'partial') {
          expect(denied.length).to.be.within(1, claim.lines.length - 1);
        }
        if (claim.status === 'paid') expect(denied).to.have.length(0);
      }
      const statuses = new Set(claims.map((c) => c.status));
      expect([...statuses].sort()).to.deep.equal(['adjusted', 'denied', 'paid', 'partial']);
    });

    it('pays with a payment record whenever the plan pays, to the provider or subscriber', () => {
      for (const claim of claims) {
        if (claim.totals.paid > 0) {
          expect(claim.payment?.amount).to.equal(claim.totals.paid);
          expect(claim.payment?.number).to.match(/^(EFT\d{14}|\d{9})$/);
        } else {
          expect(claim.payment).to.equal(undefined);
        }
      }
    });

    it('replaces adjusted claims with a frequency-7 claim pointing back to them', () => {
      const adjusted = claims.filter((c) => c.status === 'adjusted');
      expect(adjusted.length).to.be.above(0);
      for (const original of adjusted) {
        const replacement = claims.find((c) => c.claimId === original.replacedByClaimId);
        expect(replacement?.frequency).to.equal('7');
        expect(replacement?.originalClaimId).to.equal(original.claimId);
        expect(replacement?.updatedAt).to.equal(original.updatedAt);
      }
    });
  });

  describe('claim types', () => {
    it('produces all five types with the fields each needs', () => {
      const types = new Set(claims.map((c) => c.type));
      expect([...types].sort()).to.deep.equal([
        'inpatient',
        'oral',
        'outpatient',
        'pharmacy',
        'professional',
      ]);
      for (const claim of claims) {
        if (claim.type === 'inpatient') {
          expect(claim.typeOfBill).to.match(/^011[17]$/);
          expect(claim.drg?.code).to.match(/^\d{3}$/);
          expect(claim.admission?.dischargeDate).to.equal(claim.serviceEnd);
          expect(claim.diagnoses[0]?.presentOnAdmission).to.equal('Y');
        }
        if (claim.type === 'outpatient') expect(claim.typeOfBill).to.match(/^013[17]$/);
        if (claim.type === 'pharmacy') {
          const drug = claim.lines[0]?.drug;
          expect(drug?.ndc).to.match(/^\d{11}$/);
          expect(drugByNdc(drug?.ndc ?? '')?.rxcui, drug?.ndc).to.equal(drug?.rxcui);
          expect(drug?.daysSupply).to.be.above(0);
          expect(claim.prescriberNpi).to.be.a('string');
        }
        if (claim.type === 'professional') expect(claim.placeOfService).to.match(/^\d{2}$/);
        if (claim.type === 'oral') {
          expect(claim.lines.every((l) => l.procedure?.system === 'CDT')).to.equal(true);
        }
      }
    });

    it('has a few to a few dozen claims a member-year, more for older members', () => {
      const perYear = (group: MemberRecord[]): number => {
        const years = group.reduce((sum, m) => sum + coveredYears(m), 0);
        const count = group.reduce((sum, m) => sum + (byMember.get(m.memberId)?.length ?? 0), 0);
        return count / years;
      };
      const age = (m: MemberRecord): number => 2026 - Number(m.birthDate.slice(0, 4));
      const young = perYear(members.filter((m) => age(m) < 40));
      const old = perYear(members.filter((m) => age(m) >= 65));
      expect(young).to.be.within(3, 30);
      expect(old).to.be.within(10, 80);
      expect(old).to.be.above(young);
    });
  });
});

function coveredYears(member: MemberRecord): number {
  const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  return member.coverage.reduce((sum, period) => {
    const start = Math.max(day(period.start), day(CLAIMS_START_DATE), day(member.birthDate));
    const end = day(period.end ?? AS_OF_DATE);
    return sum + Math.max(0, end - start) / 365.25;
  }, 0);
}

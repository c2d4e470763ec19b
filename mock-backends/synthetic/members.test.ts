import { expect } from 'chai';
import {
  AS_OF_DATE,
  generateMembers,
  indexOfMemberId,
  memberAt,
  memberIdOf,
  PLANS,
  type MemberRecord,
} from './index.js';

const SEED = 20260701;
const COUNT = 3000;
const members = [...generateMembers({ count: COUNT, seed: SEED })];

function ageOn(birthDate: string, date = AS_OF_DATE): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function families(): MemberRecord[][] {
  const bySubscriber = new Map<string, MemberRecord[]>();
  for (const member of members) {
    bySubscriber.set(member.subscriberId, [
      ...(bySubscriber.get(member.subscriberId) ?? []),
      member,
    ]);
  }
  return [...bySubscriber.values()];
}

describe('synthetic members', () => {
  describe('determinism', () => {
    it('gives the same members for the same seed, and others for another seed', () => {
      expect([...generateMembers({ count: 50, seed: SEED })]).to.deep.equal(members.slice(0, 50));
      const other = [...generateMembers({ count: 50, seed: SEED + 1 })];
      expect(other.map((m) => m.familyName)).to.not.deep.equal(
        members.slice(0, 50).map((m) => m.familyName),
      );
    });

    it('computes member N alone exactly as the stream does', () => {
      for (const index of [0, 1, 15, 16, 17, 999, 2047, COUNT - 1]) {
        expect(memberAt(index, SEED), `member ${index}`).to.deep.equal(members[index]);
      }
    });

    it('streams from any index and far into the index space without the earlier members', () => {
      expect([...generateMembers({ from: 1000, count: 40, seed: SEED })]).to.deep.equal(
        members.slice(1000, 1040),
      );
      const far = memberAt(999_999, SEED);
      expect(far.memberId).to.equal('MBR01000000');
      expect(memberAt(999_999, SEED)).to.deep.equal(far);
    });
  });

  describe('identifiers', () => {
    it('numbers members MBR + 8 digits from index + 1, and parses them back', () => {
      expect(members[0]?.memberId).to.equal('MBR00000001');
      expect(members.map((m) => m.memberId)).to.deep.equal(members.map((_, i) => memberIdOf(i)));
      expect(indexOfMemberId('MBR00000042')).to.equal(41);
      expect(indexOfMemberId('MBR00000000')).to.equal(undefined);
      expect(indexOfMemberId('X')).to.equal(undefined);
    });

    it('rejects a negative or fractional index', () => {
      expect(() => memberAt(-1, SEED)).to.throw(RangeError);
      expect(() => memberAt(1.5, SEED)).to.throw(RangeError);
    });
  });

  describe('families', () => {
    it('starts every family with its subscriber, followed by 0 to 4 dependents', () => {
      for (const family of families()) {
        const [subscriber, ...dependents] = family;
        expect(subscriber?.relationship).to.equal('self');
        expect(subscriber?.subscriberMemberId).to.equal(subscriber?.memberId);
        expect(dependents.length).to.be.at.most(4);
        expect(dependents.every((d) => d.relationship !== 'self')).to.equal(true);
        expect(dependents.filter((d) => d.relationship === 'spouse').length).to.be.at.most(1);
      }
    });

    it('shares subscriber id, subscriber, address, phone and plan within a family', () => {
      for (const family of families()) {
        const subscriber = family[0] as MemberRecord;
        for (const member of family) {
          expect(member.subscriberMemberId).to.equal(subscriber.memberId);
          expect(member.address).to.deep.equal(subscriber.address);
          expect(member.homePhone).to.equal(subscriber.homePhone);
          expect(member.planId).to.equal(subscriber.planId);
          expect(member.groupId).to.equal(subscriber.groupId);
        }
      }
    });

    it('has a realistic mix of households', () => {
      const sizes = families().map((family) => family.length);
      const singles = sizes.filter((size) => size === 1).length / sizes.length;
      expect(singles).to.be.within(0.3, 0.7);
      expect(Math.max(...sizes)).to.equal(5);
      const children = members.filter((m) => m.relationship === 'child').length / COUNT;
      expect(children).to.be.within(0.2, 0.45);
    });
  });

  describe('realism', () => {
    it('gives ages that fit the relationship and the line of business', () => {
      for (const member of members) {
        const age = ageOn(member.birthDate);
        const plan = PLANS.find((candidate) => candidate.id === member.planId);
        if (member.relationship === 'child') expect(age, member.memberId).to.be.within(0, 25);
        else expect(age, member.memberId).to.be.within(18, 99);
        if (plan?.line === 'medicare-advantage') expect(age, member.memberId).to.be.at.least(65);
      }
    });

    it('makes children born after their subscriber turned 18', () => {
      for (const family of families()) {
        const born = (family[0] as MemberRecord).birthDate;
        const adult = `${Number(born.slice(0, 4)) + 18}${born.slice(4)}`;
        for (const child of family.filter((m) => m.relationship === 'child')) {
          expect(child.birthDate >= adult, child.memberId).to.equal(true);
        }
      }
    });

    it('uses plausible names, contacts and codes', () => {
      for (const member of members) {
        expect(member.givenName).to.match(/^[A-Z][A-Za-z]+$/);
        expect(member.familyName).to.match(/^[A-Z][A-Za-z']+$/);
        expect(member.address.zip).to.match(/^\d{5}$/);
        expect(member.address.state).to.match(/^[A-Z]{2}$/);
        expect(member.homePhone).to.match(/^\d{3}5550(1\d\d)$/);
        if (member.email) expect(member.email).to.match(/@example\.(com|net|org)$/);
        expect(member.race.code).to.match(/^(\d{4}-\d|ASKU)$/);
        expect(member.ethnicity.code).to.be.oneOf(['2135-2', '2186-5', 'ASKU']);
      }
      expect(new Set(members.map((m) => m.familyName)).size).to.be.above(150);
      expect(new Set(members.map((m) => m.address.city)).size).to.be.above(40);
    });

    it('gives every member an ordered coverage history ending with the current plan', () => {
      let active = 0;
      for (const member of members) {
        const periods = member.coverage;
        expect(periods.length, member.memberId).to.be.within(1, 3);
        for (const [i, period] of periods.entries()) {
          expect(period.seq).to.equal(i + 1);
          const covered = `${member.memberId} covered after birth`;
          expect(period.start >= member.birthDate, covered).to.equal(true);
          if (period.end) expect(period.end >= period.start).to.equal(true);
          if (period.end) expect(period.end < AS_OF_DATE).to.equal(true);
          const next = periods[i + 1];
          if (next) expect(period.end !== undefined && period.end < next.start).to.equal(true);
        }
        expect(periods.at(-1)?.planId).to.equal(member.planId);
        if (periods.at(-1)?.end === undefined) active += 1;
        expect(member.updatedAt <= `${AS_OF_DATE}T00:00:00Z`).to.equal(true);
      }
      expect(active / COUNT).to.be.within(0.8, 0.95);
    });
  });
});

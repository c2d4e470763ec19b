import type { Coverage, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import {
  startMembershipBackend,
  type RunningMembershipBackend,
} from '../../mock-backends/membership/index.js';
import {
  generateMembers,
  memberIdOf,
  type MemberRecord,
} from '../../mock-backends/synthetic/index.js';
import type { Plugin, RequestContext, SearchCriterion, SearchResult } from '../sdk/contract.js';
import { BadRequestError, UnknownSearchParamError } from '../sdk/errors.js';
import { testPluginContext, testRequestContext } from '../sdk/testing.js';
import createMembershipPlugin from './index.js';

const SEED = 9;
const COUNT = 300;
const MEMBER_SYSTEM = 'https://cascade-mutual.example.org/fhir/sid/member-id';
const population = [...generateMembers({ count: COUNT, seed: SEED })];

type Criteria = Record<string, string | string[]>;

function toCriteria(criteria: Criteria | SearchCriterion[]): SearchCriterion[] {
  if (Array.isArray(criteria)) return criteria;
  return Object.entries(criteria).map(([key, value]) => {
    const [name = key, modifier] = key.split(':');
    return {
      name,
      ...(modifier ? { modifier } : {}),
      values: Array.isArray(value) ? value : value.split(','),
    };
  });
}

function idsOf(members: readonly MemberRecord[]): string[] {
  return members.map((member) => member.memberId);
}

describe('membership plugin: search', () => {
  let backend: RunningMembershipBackend;
  let plugin: Plugin;

  const search = (
    resourceType: string,
    criteria: Criteria | SearchCriterion[],
    options: Partial<{ count: number; cursor: string; ctx: RequestContext }> = {},
  ) =>
    plugin.search!(
      {
        resourceType,
        criteria: toCriteria(criteria),
        count: options.count ?? 500,
        wantTotal: true,
        ...(options.cursor ? { cursor: options.cursor } : {}),
      },
      options.ctx ?? testRequestContext(),
    );
  const ids = (result: SearchResult) => result.resources.map((resource: Resource) => resource.id);

  before(async () => {
    backend = await startMembershipBackend({ members: COUNT, seed: SEED });
    plugin = await createMembershipPlugin({ baseUrl: backend.url }, testPluginContext());
  });
  after(() => backend.close());
  afterEach(() => backend.backend.faults.clear());

  describe('Patient', () => {
    it('matches name, family and given as case-insensitive prefixes by default', async () => {
      const target = population[10] as MemberRecord;
      const prefix = target.familyName.slice(0, 3).toLowerCase();
      const result = await search('Patient', { family: prefix });
      const expected = population.filter((m) => m.familyName.toLowerCase().startsWith(prefix));
      expect(ids(result)).to.deep.equal(idsOf(expected));
      expect(result.total).to.equal(expected.length);
      const given = await search('Patient', { given: target.givenName.toUpperCase() });
      expect(ids(given)).to.include(target.memberId);
    });

    it('honours :exact (case-sensitive) and :contains', async () => {
      const target = population[0] as MemberRecord;
      const exact = await search('Patient', { 'family:exact': target.familyName });
      expect(ids(exact)).to.deep.equal(
        idsOf(population.filter((m) => m.familyName === target.familyName)),
      );
      expect(
        (await search('Patient', { 'family:exact': target.familyName.toLowerCase() })).total,
      ).to.equal(0);
      const part = target.familyName.slice(1, 4).toLowerCase();
      const contains = await search('Patient', { 'name:contains': part });
      const expected = population.filter(
        (m) =>
          m.familyName.toLowerCase().includes(part) || m.givenName.toLowerCase().includes(part),
      );
      expect(ids(contains)).to.deep.equal(idsOf(expected));
    });

    it('matches birthdate with eq, ge, gt, le, lt at year, month or day precision', async () => {
      const target = population[5] as MemberRecord;
      const day = await search('Patient', { birthdate: target.birthDate });
      expect(ids(day)).to.deep.equal(
        idsOf(population.filter((m) => m.birthDate === target.birthDate)),
      );
      const year = target.birthDate.slice(0, 4);
      const inYear = await search('Patient', { birthdate: year });
      expect(ids(inYear)).to.deep.equal(
        idsOf(population.filter((m) => m.birthDate.startsWith(year))),
      );
      const range = await search('Patient', [
        { name: 'birthdate', values: ['ge1970-01'] },
        { name: 'birthdate', values: ['lt1980'] },
      ]);
      expect(ids(range)).to.deep.equal(
        idsOf(population.filter((m) => m.birthDate >= '1970-01-01' && m.birthDate < '1980-01-01')),
      );
      const after = await search('Patient', { birthdate: `gt${target.birthDate}` });
      expect(ids(after)).to.deep.equal(
        idsOf(population.filter((m) => m.birthDate > target.birthDate)),
      );
      const upTo = await search('Patient', { birthdate: `le${year}-06` });
      expect(ids(upTo)).to.deep.equal(
        idsOf(population.filter((m) => m.birthDate <= `${year}-06-30`)),
      );
    });

    it('matches gender, _id and identifier (system|value, value, other system)', async () => {
      const female = await search('Patient', { gender: 'female' });
      expect(ids(female)).to.deep.equal(idsOf(population.filter((m) => m.sex === 'F')));
      const byId = await search('Patient', { _id: 'MBR00000004,MBR00000002,nope' });
      expect(ids(byId)).to.deep.equal(['MBR00000002', 'MBR00000004']);
      expect(
        ids(await search('Patient', { identifier: `${MEMBER_SYSTEM}|MBR00000007` })),
      ).to.deep.equal(['MBR00000007']);
      expect(ids(await search('Patient', { identifier: 'MBR00000008' }))).to.deep.equal([
        'MBR00000008',
      ]);
      expect((await search('Patient', { identifier: 'urn:other|MBR00000008' })).total).to.equal(0);
      expect((await search('Patient', { identifier: `${MEMBER_SYSTEM}|` })).total).to.equal(COUNT);
    });

    it('pages with opaque cursors: pages join into the full result', async () => {
      const collected: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await search(
          'Patient',
          { gender: 'male' },
          { count: 40, ...(cursor ? { cursor } : {}) },
        );
        collected.push(...ids(page).map(String));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      const expected = idsOf(population.filter((m) => m.sex === 'M'));
      expect(collected).to.deep.equal(expected);
      expect(pages).to.equal(Math.ceil(expected.length / 40));
    });

    it('narrows to constraints.patientIds, beyond one backend query of ids', async () => {
      const allowed = population.filter((_, i) => i % 2 === 0).map((m) => m.memberId);
      const ctx = testRequestContext({ constraints: { patientIds: allowed } });
      const collected: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await search('Patient', {}, { count: 60, ctx, ...(cursor ? { cursor } : {}) });
        collected.push(...ids(page).map(String));
        cursor = page.nextCursor;
      } while (cursor);
      expect(collected).to.deep.equal(allowed);
      const outside = await search('Patient', { _id: 'MBR00000002' }, { ctx });
      expect(outside.resources).to.have.length(0);
      const hidden = await plugin.read!({ resourceType: 'Patient', id: 'MBR00000002' }, ctx);
      expect(hidden).to.equal(undefined);
    });

    it('refuses what it cannot honour with a 400 naming the parameter', async () => {
      await expectRejection(search('Patient', { 'family:text': 'x' }), BadRequestError, /:text/);
      await expectRejection(
        search('Patient', { birthdate: 'sa1970' }),
        BadRequestError,
        /Prefix sa/,
      );
      await expectRejection(
        search('Patient', { birthdate: '1970-01-01T00:00:00Z' }),
        BadRequestError,
        /birthdate/,
      );
      await expectRejection(
        search('Patient', { family: 'Smith,Jones' }),
        BadRequestError,
        /single value/,
      );
      await expectRejection(
        search('Patient', { telecom: 'x' }),
        UnknownSearchParamError,
        /telecom/,
      );
      await expectRejection(
        search('Patient', {}, { cursor: 'not-a-cursor' }),
        BadRequestError,
        /cursor/,
      );
    });

    it('finds nothing, without asking the backend, for values no member can have', async () => {
      backend.backend.faults.set({ status: 500 });
      expect((await search('Patient', { family: 'Sm%th' })).total).to.equal(0);
      expect((await search('Patient', { gender: 'other' })).total).to.equal(0);
      expect((await search('Patient', { birthdate: ['ge2000'], _id: 'x' })).total).to.equal(0);
    });
  });

  describe('Coverage', () => {
    const spans = population.flatMap((m) => m.coverage.map((period) => ({ member: m, period })));
    const coverageIds = (list: typeof spans) =>
      list.map(({ member, period }) => `${member.memberId}-${period.seq}`);

    it("finds a member's coverages by patient or beneficiary, oldest first", async () => {
      const member = population.find((m) => m.coverage.length > 1) as MemberRecord;
      const expected = coverageIds(spans.filter((s) => s.member === member));
      expect(
        ids(await search('Coverage', { patient: `Patient/${member.memberId}` })),
      ).to.deep.equal(expected);
      expect(ids(await search('Coverage', { beneficiary: member.memberId }))).to.deep.equal(
        expected,
      );
    });

    it('finds a family by subscriber; filters by status, identifier, payor, _id', async () => {
      const subscriber = population.find(
        (m) =>
          m.relationship === 'self' &&
          population.some((d) => d.relationship !== 'self' && d.subscriberMemberId === m.memberId),
      ) as MemberRecord;
      const family = await search('Coverage', { subscriber: `Patient/${subscriber.memberId}` });
      expect(ids(family)).to.deep.equal(
        coverageIds(spans.filter((s) => s.member.subscriberMemberId === subscriber.memberId)),
      );
      const active = await search('Coverage', { status: 'active' });
      expect(active.total).to.equal(spans.filter((s) => !s.period.end).length);
      const cancelled = await search('Coverage', { status: 'cancelled' });
      expect((cancelled.resources as Coverage[]).every((c) => c.period?.end)).to.equal(true);
      expect((await search('Coverage', { status: 'active,cancelled' })).total).to.equal(
        spans.length,
      );
      expect((await search('Coverage', { status: 'draft' })).total).to.equal(0);
      expect(
        ids(await search('Coverage', { identifier: `${MEMBER_SYSTEM}|MBR00000003` })),
      ).to.deep.equal(coverageIds(spans.filter((s) => s.member.memberId === 'MBR00000003')));
      expect((await search('Coverage', { payor: 'Organization/CMHP1' })).total).to.equal(
        spans.length,
      );
      expect((await search('Coverage', { payor: 'Organization/OTHER' })).total).to.equal(0);
      const byId = await search('Coverage', { _id: 'MBR00000003-1,MBR00000001-1,MBR00000001-9' });
      expect(ids(byId)).to.deep.equal(['MBR00000001-1', 'MBR00000003-1']);
    });

    it('pages _id results and everything else with cursors', async () => {
      const all = coverageIds(spans);
      const collected: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await search('Coverage', {}, { count: 77, ...(cursor ? { cursor } : {}) });
        collected.push(...ids(page).map(String));
        cursor = page.nextCursor;
      } while (cursor);
      expect(collected).to.deep.equal(all);
      const first = await search('Coverage', { _id: all.slice(0, 5).join(',') }, { count: 3 });
      expect(ids(first)).to.deep.equal(all.slice(0, 3));
      const second = await search(
        'Coverage',
        { _id: all.slice(0, 5).join(',') },
        { count: 3, cursor: first.nextCursor as string },
      );
      expect(ids(second)).to.deep.equal(all.slice(3, 5));
      expect(second.nextCursor).to.equal(undefined);
    });

    it('narrows to constraints.patientIds: Coverages they hold or subscribe for', async () => {
      const parent = population.find((m) =>
        population.some((d) => d.subscriberMemberId === m.memberId && d !== m),
      );
      const patients = [parent?.memberId ?? '', memberIdOf(4)].sort();
      const ctx = testRequestContext({ constraints: { patientIds: patients } });
      const coverages = (await search('Coverage', {}, { ctx })).resources as Coverage[];
      const inside = population.filter(
        (m) => patients.includes(m.memberId) || patients.includes(m.subscriberMemberId),
      );
      const beneficiaries = new Set(coverages.map((c) => c.beneficiary.reference));
      expect([...beneficiaries].sort()).to.deep.equal(
        inside.map((m) => `Patient/${m.memberId}`).sort(),
      );
      expect(inside.length, 'a dependent is in the compartment').to.be.greaterThan(2);
      for (const coverage of coverages) {
        const refs = [coverage.beneficiary.reference, coverage.subscriber?.reference];
        expect(refs.some((ref) => patients.some((id) => ref === `Patient/${id}`))).to.equal(true);
      }
      const dependent = inside.find((m) => !patients.includes(m.memberId))?.memberId;
      const shown = (await plugin.read!(
        { resourceType: 'Coverage', id: `${dependent}-1` },
        ctx,
      )) as Coverage | undefined;
      expect(shown?.subscriber?.reference).to.equal(`Patient/${parent?.memberId}`);
      const stranger = population.find((m) => !inside.includes(m))?.memberId;
      const hidden = await plugin.read!({ resourceType: 'Coverage', id: `${stranger}-1` }, ctx);
      expect(hidden).to.equal(undefined);
      const asked = await search('Coverage', { beneficiary: `Patient/${dependent}` }, { ctx });
      expect(asked.resources.length).to.be.greaterThan(0);
    });

    it('keeps each Coverage once when a family straddles two backend queries', async () => {
      const sorted = population.map((m) => m.memberId).sort();
      const dependent = population.find(
        (m) => m.subscriberMemberId !== m.memberId && sorted.indexOf(m.subscriberMemberId) >= 99,
      );
      const parent = dependent?.subscriberMemberId ?? '';
      const [below, above] = [
        sorted.filter((id) => id < parent),
        sorted.filter((id) => id > parent),
      ];
      const patients = [
        ...below.slice(-99),
        parent,
        dependent?.memberId ?? '',
        ...above.slice(-20),
      ];
      const ctx = testRequestContext({ constraints: { patientIds: patients } });
      const found: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await search(
          'Coverage',
          {},
          { count: 70, ctx, ...(cursor ? { cursor } : {}) },
        );
        found.push(...ids(page).map(String));
        cursor = page.nextCursor;
      } while (cursor);
      const inside = population.filter(
        (m) => patients.includes(m.memberId) || patients.includes(m.subscriberMemberId),
      );
      expect(new Set(found).size).to.equal(found.length);
      const owners = new Set(found.map((id) => id.replace(/-\d+$/, '')));
      expect([...owners].sort()).to.deep.equal(inside.map((m) => m.memberId).sort());
    });
  });

  describe('Organization', () => {
    it('matches the payer by _id, identifier and name', async () => {
      expect(ids(await search('Organization', {}))).to.deep.equal(['CMHP1']);
      expect(ids(await search('Organization', { _id: 'CMHP1' }))).to.deep.equal(['CMHP1']);
      expect(
        ids(await search('Organization', { identifier: 'urn:oid:2.16.840.1.113883.6.300|99617' })),
      ).to.deep.equal(['CMHP1']);
      expect(ids(await search('Organization', { name: 'cascade' }))).to.deep.equal(['CMHP1']);
      expect(ids(await search('Organization', { 'name:contains': 'mutual' }))).to.deep.equal([
        'CMHP1',
      ]);
      expect(
        (await search('Organization', { 'name:exact': 'cascade mutual health plan' })).total,
      ).to.equal(0);
      expect((await search('Organization', { identifier: '00000' })).total).to.equal(0);
    });
  });
});

async function expectRejection(
  promise: Promise<unknown>,
  type: new (...args: never[]) => Error,
  message: RegExp,
) {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(type);
    expect((err as Error).message).to.match(message);
    return;
  }
  expect.fail(`expected a ${type.name}`);
}

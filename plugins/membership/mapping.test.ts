import type { Coverage, Extension, Identifier, Organization, Patient } from '@medplum/fhirtypes';
import { expect } from 'chai';
import {
  startMembershipBackend,
  type RunningMembershipBackend,
} from '../../mock-backends/membership/index.js';
import { generateMembers, type MemberRecord } from '../../mock-backends/synthetic/index.js';
import { expectValid } from '../../test/support/fhir-validator.js';
import type { Plugin } from '../sdk/contract.js';
import { testPluginContext, testRequestContext } from '../sdk/testing.js';
import createMembershipPlugin, {
  CAPABILITIES,
  C4BB_COVERAGE,
  C4BB_ORGANIZATION,
  C4BB_PATIENT,
  US_CORE_PATIENT,
} from './index.js';
import type { LegacyPayer, LegacySpan } from './legacy-api.js';
import { toCoverage } from './map-coverage.js';
import { toPatient } from './map-patient.js';

const SEED = 3;
const COUNT = 200;
const MEMBER_SYSTEM = 'https://cascade-mutual.example.org/fhir/sid/member-id';
const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const C4BB_IDENTIFIER_TYPE = 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBIdentifierType';
const population = [...generateMembers({ count: COUNT, seed: SEED })];

function find(predicate: (member: MemberRecord) => boolean): MemberRecord {
  const member = population.find(predicate);
  if (!member) throw new Error('no such member in the test population');
  return member;
}

function subExtension(parent: Extension | undefined, url: string): Extension | undefined {
  return parent?.extension?.find((extension) => extension.url === url);
}

describe('membership plugin: mapping', () => {
  let backend: RunningMembershipBackend;
  let plugin: Plugin;
  const ctx = testRequestContext();
  const read = async <T>(resourceType: string, id: string) =>
    (await plugin.read!({ resourceType, id }, ctx)) as T;

  before(async () => {
    backend = await startMembershipBackend({ members: COUNT, seed: SEED, validateResponses: true });
    plugin = await createMembershipPlugin({ baseUrl: backend.url }, testPluginContext());
  });
  after(() => backend.close());

  describe('US Core 6.1.0 Patient', () => {
    it('carries the required identifier (MB member id), name, gender and profile', async () => {
      const member = find((m) => m.middleInitial !== undefined && m.mobilePhone !== undefined);
      const patient = await read<Patient>('Patient', member.memberId);
      expect(patient.meta?.profile).to.deep.equal([US_CORE_PATIENT, C4BB_PATIENT]);
      expect(patient.meta?.lastUpdated).to.equal(member.updatedAt);
      expect(patient.identifier?.[0]).to.deep.include({
        system: MEMBER_SYSTEM,
        value: member.memberId,
      });
      expect(patient.identifier?.[0]?.type?.coding?.[0]).to.include({ code: 'MB' });
      expect(patient.name?.[0]).to.deep.include({
        family: member.familyName,
        given: [member.givenName, member.middleInitial],
      });
      expect(patient.gender).to.equal({ M: 'male', F: 'female', U: 'unknown' }[member.sex]);
      expect(patient.birthDate).to.equal(member.birthDate);
      expectValid(patient, { profile: US_CORE_PATIENT });
    });

    it('maps must-supports: race, ethnicity, address, telecom and preferred language', async () => {
      const member = find((m) => m.language.code === 'es' && m.race.code !== 'ASKU');
      const patient = await read<Patient>('Patient', member.memberId);
      const race = patient.extension?.find((e) => e.url.endsWith('us-core-race'));
      expect(subExtension(race, 'ombCategory')?.valueCoding).to.include({
        system: 'urn:oid:2.16.840.1.113883.6.238',
        code: member.race.code,
      });
      expect(subExtension(race, 'text')?.valueString).to.equal(member.race.display);
      const ethnicity = patient.extension?.find((e) => e.url.endsWith('us-core-ethnicity'));
      expect(subExtension(ethnicity, 'ombCategory')?.valueCoding?.code).to.equal(
        member.ethnicity.code,
      );
      expect(patient.address?.[0]).to.deep.include({
        city: member.address.city,
        postalCode: member.address.zip,
      });
      expect(patient.telecom?.[0]).to.include({ system: 'phone', use: 'home' });
      expect(patient.communication?.[0]?.language.coding?.[0]).to.include({
        system: 'urn:ietf:bcp:47',
        code: 'es',
      });
      expectValid(patient, { profile: US_CORE_PATIENT });
    });

    it('records a declined race as the ASKU null flavor', async () => {
      const member = find((m) => m.race.code === 'ASKU');
      const patient = await read<Patient>('Patient', member.memberId);
      const race = patient.extension?.find((e) => e.url.endsWith('us-core-race'));
      expect(subExtension(race, 'ombCategory')?.valueCoding).to.include({
        system: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor',
        code: 'ASKU',
      });
      expectValid(patient, { profile: US_CORE_PATIENT });
    });
  });

  describe('CARIN BB 2.1.0 Patient (C4BB-Patient)', () => {
    const typeOf = (identifier: Identifier) =>
      identifier.type?.coding?.map((coding) => `${coding.system}|${coding.code}`);

    it('claims C4BB-Patient after US Core Patient, with meta.lastUpdated (1..1)', async () => {
      for (const member of population.slice(0, 20)) {
        const patient = await read<Patient>('Patient', member.memberId);
        expect(patient.meta?.profile, member.memberId).to.deep.equal([
          US_CORE_PATIENT,
          C4BB_PATIENT,
        ]);
        expect(patient.meta?.lastUpdated, member.memberId).to.equal(member.updatedAt);
        expectValid(patient, { profile: US_CORE_PATIENT });
      }
    });

    it('fills the memberid slice (1..*): the member id typed v2-0203 MB', async () => {
      const member = find((m) => m.relationship === 'child');
      const patient = await read<Patient>('Patient', member.memberId);
      const memberIds = patient.identifier?.filter((identifier) =>
        typeOf(identifier)?.includes(`${V2_0203}|MB`),
      );
      expect(memberIds?.map(({ system, value }) => ({ system, value }))).to.deep.equal([
        { system: MEMBER_SYSTEM, value: member.memberId },
      ]);
    });

    it('types every identifier per a C4BB slice (MB; um only for a mastered id)', async () => {
      const sliceTypes = [`${V2_0203}|MB`, `${C4BB_IDENTIFIER_TYPE}|um`];
      for (const member of population.slice(0, 20)) {
        const patient = await read<Patient>('Patient', member.memberId);
        expect(patient.identifier?.length, member.memberId).to.be.greaterThan(0);
        for (const identifier of patient.identifier ?? []) {
          expect(typeOf(identifier), member.memberId).to.satisfy((types: string[] = []) =>
            types.some((type) => sliceTypes.includes(type)),
          );
        }
      }
    });

    it('carries the must-supports the data has: name, gender, birthDate, address.country', async () => {
      const member = find((m) => m.sex === 'F' && m.middleInitial === undefined);
      const patient = await read<Patient>('Patient', member.memberId);
      expect(patient.name).to.deep.equal([
        { use: 'official', family: member.familyName, given: [member.givenName] },
      ]);
      expect(patient.gender).to.equal('female');
      expect(patient.birthDate).to.equal(member.birthDate);
      expect(patient.address?.map((address) => address.country)).to.deep.equal(['US']);
      expect(patient.telecom?.length).to.be.greaterThan(0);
      expect(patient).to.not.have.any.keys('deceasedBoolean', 'deceasedDateTime');
      expectValid(patient, { profile: US_CORE_PATIENT });
    });

    it('declares C4BB-Patient among the Patient supported profiles', () => {
      const patient = CAPABILITIES.resources.find((resource) => resource.type === 'Patient');
      expect(patient?.profiles).to.deep.equal([US_CORE_PATIENT, C4BB_PATIENT]);
    });
  });

  describe('CARIN BB 2.1.0 Coverage', () => {
    it('carries everything C4BB-Coverage requires for a dependent', async () => {
      const member = find((m) => m.relationship === 'child');
      const period = member.coverage.at(-1);
      const coverage = await read<Coverage>('Coverage', `${member.memberId}-${period?.seq}`);
      expect(coverage.meta?.profile).to.deep.equal([C4BB_COVERAGE]);
      expect(coverage.meta?.lastUpdated).to.equal(period?.updatedAt);
      expect(coverage.identifier?.[0]).to.deep.include({
        system: MEMBER_SYSTEM,
        value: member.memberId,
      });
      expect(coverage.identifier?.[0]?.type?.coding?.[0]).to.include({ code: 'MB' });
      expect(coverage.status).to.equal(period?.end ? 'cancelled' : 'active');
      expect(coverage.type?.coding?.[0]?.system).to.equal('https://nahdo.org/sopt');
      expect(coverage.subscriberId).to.equal(member.subscriberId);
      expect(coverage.subscriber?.reference).to.equal(`Patient/${member.subscriberMemberId}`);
      expect(coverage.beneficiary.reference).to.equal(`Patient/${member.memberId}`);
      expect(coverage.relationship?.coding?.[0]).to.include({ code: 'child' });
      expect(coverage.period?.start).to.equal(period?.start);
      expect(coverage.payor).to.deep.equal([
        { reference: 'Organization/CMHP1', display: 'Cascade Mutual Health Plan' },
      ]);
      const classes = coverage.class?.map((c) => [c.type.coding?.[0]?.code, c.value]);
      expect(classes).to.deep.equal([
        ['group', member.groupId],
        ['plan', member.planId],
      ]);
      expect(coverage.class?.every((c) => c.name)).to.equal(true);
      expectValid(coverage);
    });

    it('maps a terminated span to cancelled with its end, the subscriber to self', async () => {
      const member = find((m) => m.relationship === 'self' && m.coverage.length > 1);
      const first = member.coverage[0];
      const coverage = await read<Coverage>('Coverage', `${member.memberId}-1`);
      expect(coverage.status).to.equal('cancelled');
      expect(coverage.period).to.deep.equal({ start: first?.start, end: first?.end });
      expect(coverage.relationship?.coding?.[0]).to.include({ code: 'self' });
      expect(coverage.subscriber?.reference).to.equal(`Patient/${member.memberId}`);
      expectValid(coverage);
    });
  });

  describe('CARIN BB 2.1.0 Organization (payer)', () => {
    it('carries NAIC and payer ids, active, type payer, name, address, telecom', async () => {
      const organization = await read<Organization>('Organization', 'CMHP1');
      expect(organization.meta?.profile).to.deep.equal([C4BB_ORGANIZATION]);
      expect(organization.meta?.lastUpdated).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const identifiers = organization.identifier?.map((i) => [
        i.type?.coding?.[0]?.code,
        i.system,
        i.value,
      ]);
      expect(identifiers).to.deep.equal([
        ['naiccode', 'urn:oid:2.16.840.1.113883.6.300', '99617'],
        ['payerid', 'https://cascade-mutual.example.org/fhir/sid/payer-id', 'CMHP1'],
      ]);
      expect(organization.active).to.equal(true);
      expect(organization.type?.[0]?.coding?.[0]).to.include({ code: 'pay' });
      expect(organization.name).to.equal('Cascade Mutual Health Plan');
      expect(organization.address?.[0]).to.include({
        city: 'Seattle',
        state: 'WA',
        postalCode: '98101',
        country: 'US',
      });
      expect(organization.telecom?.map((t) => t.system)).to.deep.equal(['phone', 'url']);
      expectValid(organization);
    });
  });

  describe('unexpected legacy values', () => {
    const span: LegacySpan = {
      MBR_ID: 'MBR00000009',
      SUB_ID: 'S000000009',
      SUBSCR_MBR_ID: 'MBR00000009',
      PERS_NBR: '01',
      REL_CD: '99',
      SPAN_SEQ: 2,
      PLAN_ID: 'RETIRED-PLAN',
      GRP_ID: 'G0',
      EFF_DT: '20200101',
      TERM_DT: '99991231',
      TERM_RSN_CD: null,
      ELIG_STAT_CD: 'A',
      LAST_UPD_TS: '2020-01-02-03.04.05',
    };
    const payer = { PAYER_ID: 'P1', PAYER_NM: 'Payer' } as LegacyPayer;

    it('keeps a Coverage valid when the plan is unknown and the relationship unmapped', () => {
      const coverage = toCoverage(span, { memberIdSystem: MEMBER_SYSTEM, plans: new Map(), payer });
      expect(coverage).to.not.have.property('type');
      expect(coverage.class?.map((c) => c.name)).to.deep.equal([undefined, undefined]);
      expect(coverage.relationship?.coding?.[0]?.code).to.equal('other');
      expect(coverage.period).to.deep.equal({ start: '2020-01-01' });
      expect(coverage.meta?.lastUpdated).to.equal('2020-01-02T03:04:05Z');
      expectValid(coverage);
    });

    it('keeps a Patient valid with an unknown race code, no language and no contacts', () => {
      const patient = toPatient(
        {
          MBR_ID: 'MBR00000009',
          SUB_ID: 'S000000009',
          SUBSCR_MBR_ID: 'MBR00000009',
          PERS_NBR: '01',
          REL_CD: '18',
          LAST_NM: 'Example',
          FIRST_NM: 'Pat',
          SEX_CD: 'X',
          BIRTH_DT: '19800101',
          ADDR_LN_1: '1 Main St',
          CITY_NM: 'Boise',
          ST_CD: 'ID',
          ZIP_CD: '83702',
          RACE_CD: '2131-1',
          ETHN_CD: null,
          LANG_CD: 'XXX',
          LAST_UPD_TS: '2020-01-02-03.04.05',
        },
        MEMBER_SYSTEM,
      );
      expect(patient.gender).to.equal('unknown');
      expect(patient.extension).to.deep.equal([
        {
          url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race',
          extension: [{ url: 'text', valueString: '2131-1' }],
        },
      ]);
      expect(patient).to.not.have.any.keys('telecom', 'communication');
      expectValid(patient, { profile: US_CORE_PATIENT });
    });
  });
});

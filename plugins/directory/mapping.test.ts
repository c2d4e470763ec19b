import type {
  Endpoint,
  HealthcareService,
  InsurancePlan,
  Location,
  Organization,
  OrganizationAffiliation,
  Practitioner,
  PractitionerRole,
} from '@medplum/fhirtypes';
import { expect } from 'chai';
import { expectValid } from '../../test/support/fhir-validator.js';
import type { Resource } from '../sdk/contract.js';
import { CAPABILITIES } from './capabilities.js';
import { testRequestContext } from '../sdk/testing.js';
import { NPI_SYSTEM, planNetSd } from './legacy-values.js';
import * as P from './profiles.js';
import {
  allOf,
  DIRECTORY_TYPES,
  startDirectoryFixture,
  type DirectoryFixture,
} from '../../test/support/directory-fixture.js';

describe('directory plugin: Plan-Net 1.1.0 mapping', () => {
  let fx: DirectoryFixture;
  const all = new Map<string, Resource[]>();
  before(async () => {
    fx = await startDirectoryFixture();
    for (const type of DIRECTORY_TYPES) all.set(type, await allOf(fx.plugin, type));
  });
  after(() => fx.close());
  const of = <T extends Resource>(type: string) => (all.get(type) ?? []) as T[];

  it('emits every type, valid R4, with meta.profile and meta.lastUpdated', () => {
    for (const type of DIRECTORY_TYPES) {
      expect(of(type), type).to.have.length.greaterThan(0);
      for (const resource of of(type)) {
        expectValid(resource);
        expect(resource.meta?.profile?.[0], type).to.match(/plannet-/);
        expect(resource.meta?.lastUpdated, type).to.match(/^\d{4}-\d{2}-\d{2}T/);
      }
    }
  });

  it('Practitioner: npi- id, NPI identifier, active, name, qualification', () => {
    for (const p of of<Practitioner>('Practitioner')) {
      const npi = p.identifier?.find((id) => id.system === NPI_SYSTEM)?.value;
      expect(npi).to.match(/^[12]\d{9}$/);
      expect(p.id).to.equal(`npi-${npi}`);
      expect(p.meta?.profile).to.deep.equal([P.PLANNET_PRACTITIONER, P.C4BB_PRACTITIONER]);
      expect(p.active).to.be.a('boolean');
      expect(p.name?.[0]?.family).to.be.a('string').with.length.greaterThan(0);
      expect(p.qualification).to.have.length.greaterThan(0);
      const ext = p.qualification?.[0]?.extension?.[0];
      expect(ext?.url).to.equal(planNetSd('practitioner-qualification'));
      expect(ext?.extension?.find((e) => e.url === 'status')?.valueCode).to.match(/active/);
    }
  });

  it('Practitioner is a CARIN BB 2.1.0 C4BB-Practitioner: typed NPI, name, lastUpdated', () => {
    const practitioners = of<Practitioner>('Practitioner');
    expect(practitioners).to.have.length.greaterThan(0);
    for (const p of practitioners) {
      expect(p.meta?.profile).to.include(P.C4BB_PRACTITIONER);
      expect(p.meta?.lastUpdated).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const npi = p.identifier?.filter((id) => id.system === NPI_SYSTEM);
      expect(npi?.map((id) => id.type)).to.deep.equal([
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v2-0203',
              code: 'NPI',
              display: 'National Provider Identifier',
            },
          ],
        },
      ]);
      expect(npi?.[0]?.value).to.equal(p.id?.slice(4));
      expect(p.name?.[0]?.family).to.be.a('string').with.length.greaterThan(0);
      expect(p.name?.[0]?.given).to.have.length.greaterThan(0);
      expectValid(p);
    }
    const declared = CAPABILITIES.resources.find((r) => r.type === 'Practitioner')?.profiles;
    expect(declared).to.deep.equal([P.PLANNET_PRACTITIONER, P.C4BB_PRACTITIONER]);
  });

  it('PractitionerRole: references, code, specialty, network-reference and new-patients', () => {
    for (const r of of<PractitionerRole>('PractitionerRole')) {
      expect(r.active).to.be.a('boolean');
      expect(r.practitioner?.reference).to.match(/^Practitioner\/npi-\d{10}$/);
      expect(r.organization?.reference).to.match(/^Organization\/(npi|org)-/);
      expect(r.code?.[0]?.coding?.[0]?.code).to.be.oneOf(['pcp', 'ph']);
      expect(r.specialty?.[0]?.coding?.[0]?.system).to.equal('http://nucc.org/provider-taxonomy');
      expect(r.location?.[0]?.reference).to.match(/^Location\/loc-L\d{6}$/);
      const urls = (r.extension ?? []).map((e) => e.url);
      expect(urls).to.include(planNetSd('network-reference'));
      expect(urls).to.include(planNetSd('newpatients'));
      const np = r.extension?.find((e) => e.url === planNetSd('newpatients'));
      const accepting = np?.extension?.find((e) => e.url === 'acceptingPatients');
      expect(accepting?.valueCodeableConcept?.coding?.[0]?.code).to.be.oneOf([
        'newpt',
        'nopt',
        'existptonly',
      ]);
    }
  });

  it('Organization: provider organizations and networks with their required elements', () => {
    const orgs = of<Organization>('Organization');
    const networks = orgs.filter((o) => o.id?.startsWith('net-'));
    expect(networks).to.have.length.greaterThan(0);
    for (const o of orgs) {
      expect(o.active).to.be.a('boolean');
      expect(o.name).to.be.a('string').with.length.greaterThan(0);
      expect(o.type?.[0]?.coding?.[0]?.system).to.match(/OrgTypeCS$/);
    }
    for (const n of networks) {
      expect(n.meta?.profile).to.deep.equal([P.PLANNET_NETWORK]);
      expect(n.type?.[0]?.coding?.[0]?.code).to.equal('ntwk');
      expect(n.partOf?.reference).to.match(/^Organization\//);
    }
    for (const o of orgs.filter((org) => org.id?.startsWith('npi-'))) {
      expect(o.meta?.profile).to.deep.equal([P.PLANNET_ORGANIZATION, P.C4BB_ORGANIZATION]);
      expect(o.identifier?.find((id) => id.system === NPI_SYSTEM)?.value).to.equal(o.id?.slice(4));
      expect(o.address?.[0]?.city).to.be.a('string');
      expect(o.telecom).to.have.length.greaterThan(0);
    }
  });

  it('Organization (not a network) is a CARIN BB 2.1.0 C4BB-Organization', () => {
    const orgs = of<Organization>('Organization').filter((o) => !o.id?.startsWith('net-'));
    expect(orgs.some((o) => o.id?.startsWith('npi-'))).to.equal(true);
    for (const o of orgs) {
      expect(o.meta?.profile, o.id).to.include(P.C4BB_ORGANIZATION);
      expect(o.meta?.lastUpdated, o.id).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(o.active, o.id).to.be.a('boolean');
      expect(o.name, o.id).to.be.a('string').with.length.greaterThan(0);
      const types = o.identifier?.map((id) => [id.system, id.type?.coding?.[0]?.code]);
      const expected = [['urn:oid:2.16.840.1.113883.4.4', 'TAX']];
      if (o.id?.startsWith('npi-')) expected.unshift([NPI_SYSTEM, 'NPI']);
      expect(types, o.id).to.deep.equal(expected);
      expectValid(o);
    }
    const declared = CAPABILITIES.resources.find((r) => r.type === 'Organization')?.profiles;
    expect(declared).to.include(P.C4BB_ORGANIZATION);
  });

  it('Location: status, name, address, position, managing organization', () => {
    for (const l of of<Location>('Location')) {
      expect(l.id).to.match(/^loc-L\d{6}$/);
      expect(l.status).to.be.oneOf(['active', 'inactive']);
      expect(l.name).to.be.a('string');
      expect(l.address?.postalCode).to.match(/^\d{5}$/);
      expect(l.position?.latitude).to.be.a('number');
      expect(l.managingOrganization?.reference).to.match(/^Organization\/(npi|org)-/);
    }
  });

  it('HealthcareService: active, category, providedBy, location, new-patients', () => {
    for (const s of of<HealthcareService>('HealthcareService')) {
      expect(s.active).to.be.a('boolean');
      expect(s.category?.[0]?.coding?.[0]?.system).to.match(/HealthcareServiceCategoryCS$/);
      expect(s.providedBy?.reference).to.match(/^Organization\//);
      expect(s.location).to.have.length.greaterThan(0);
      expect((s.extension ?? []).map((e) => e.url)).to.include(planNetSd('newpatients'));
    }
  });

  it('InsurancePlan: plan- id, status, type, name, ownedBy, administeredBy, network', () => {
    for (const p of of<InsurancePlan>('InsurancePlan')) {
      expect(p.id).to.match(/^plan-/);
      expect(p.status).to.equal('active');
      expect(p.type?.[0]?.coding?.[0]?.system).to.match(/InsuranceProductTypeCS$/);
      expect(p.name).to.be.a('string');
      expect(p.ownedBy?.reference).to.match(/^Organization\//);
      expect(p.administeredBy?.reference).to.match(/^Organization\//);
      expect(p.network?.[0]?.reference).to.match(/^Organization\/net-NW-/);
    }
  });

  it('Endpoint and OrganizationAffiliation: required elements', () => {
    for (const e of of<Endpoint>('Endpoint')) {
      expect(e.status).to.be.oneOf(['active', 'off']);
      expect(e.connectionType.code).to.be.oneOf(['hl7-fhir-rest', 'direct-project']);
      expect(e.payloadType).to.have.length.greaterThan(0);
      expect(e.address).to.be.a('string').with.length.greaterThan(0);
    }
    for (const a of of<OrganizationAffiliation>('OrganizationAffiliation')) {
      expect(a.active).to.be.a('boolean');
      expect(a.organization?.reference).to.match(/^Organization\//);
      expect(a.participatingOrganization?.reference).to.match(/^Organization\//);
      expect(a.code?.[0]?.coding?.[0]?.system).to.match(/OrganizationAffiliationRoleCS$/);
    }
  });

  it('references resolve to resources the plugin serves', async () => {
    const role = of<PractitionerRole>('PractitionerRole')[0];
    const refs = [role?.practitioner, role?.organization, role?.location?.[0]];
    for (const ref of refs.map((r) => r?.reference ?? '')) {
      const [resourceType = '', id = ''] = ref.split('/');
      const found = await fx.plugin.read?.({ resourceType, id }, testRequestContext());
      expect(found?.id, ref).to.equal(id);
    }
  });
});

import type {
  HealthcareService,
  Location,
  Organization,
  OrganizationAffiliation,
  Practitioner,
  PractitionerRole,
  Resource,
} from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';
import { planNetSd } from './legacy-values.js';
import {
  allOf,
  startDirectoryFixture,
  type DirectoryFixture,
} from '../../test/support/directory-fixture.js';

interface Entry {
  resource: Resource;
  search?: { mode: string };
}

/** Public searches through the gateway, without a token, each checked against the full set. */
describe('directory plugin: search through the gateway (public, no token)', () => {
  let fx: DirectoryFixture;
  let gw: TestGateway;
  const all = new Map<string, Resource[]>();
  const of = <T extends Resource>(type: string) => (all.get(type) ?? []) as T[];
  before(async () => {
    fx = await startDirectoryFixture();
    gw = await buildTestGateway([fx.plugin]);
    for (const type of ['Practitioner', 'PractitionerRole', 'Organization', 'Location']) {
      all.set(type, await allOf(fx.plugin, type));
    }
    all.set('HealthcareService', await allOf(fx.plugin, 'HealthcareService'));
    all.set('OrganizationAffiliation', await allOf(fx.plugin, 'OrganizationAffiliation'));
  });
  after(async () => {
    await gw.close();
    await fx.close();
  });

  async function search(query: string): Promise<Entry[]> {
    const res = await request(gw.app).get(`${gw.base}/${query}`).expect(200);
    expect(res.body.link?.find((l: { relation: string }) => l.relation === 'next')).to.equal(
      undefined,
    );
    return (res.body.entry ?? []) as Entry[];
  }

  async function expectIds(query: string, expected: readonly Resource[]): Promise<void> {
    const entries = await search(`${query}${query.includes('?') ? '&' : '?'}_count=200`);
    const ids = entries.map((e) => e.resource.id).sort();
    expect(expected.length, `${query} should match something`).to.be.greaterThan(0);
    expect(ids, query).to.deep.equal(expected.map((r) => r.id).sort());
  }

  it('Practitioner: _id, name, family, given, identifier', async () => {
    const p = of<Practitioner>('Practitioner')[0] as Practitioner;
    const family = p.name?.[0]?.family ?? '';
    const given = p.name?.[0]?.given?.[0] ?? '';
    const byFamily = of<Practitioner>('Practitioner').filter((x) =>
      (x.name?.[0]?.family ?? '').toLowerCase().startsWith(family.toLowerCase()),
    );
    await expectIds(`Practitioner?_id=${p.id}`, [p]);
    await expectIds(
      `Practitioner?family:exact=${encodeURIComponent(family)}`,
      byFamily.filter((x) => x.name?.[0]?.family === family),
    );
    await expectIds(
      `Practitioner?given:exact=${given}`,
      of<Practitioner>('Practitioner').filter((x) => x.name?.[0]?.given?.[0] === given),
    );
    const npi = p.identifier?.[0]?.value ?? '';
    await expectIds(`Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|${npi}`, [p]);
  });

  it('PractitionerRole: practitioner, organization, location, network, specialty, new-patient, role', async () => {
    const roles = of<PractitionerRole>('PractitionerRole');
    const r = roles[0] as PractitionerRole;
    const where = (f: (x: PractitionerRole) => boolean) => roles.filter(f);
    const practitioner = r.practitioner?.reference ?? '';
    await expectIds(
      `PractitionerRole?practitioner=${practitioner}`,
      where((x) => x.practitioner?.reference === practitioner),
    );
    const org = r.organization?.reference ?? '';
    await expectIds(
      `PractitionerRole?organization=${org}`,
      where((x) => x.organization?.reference === org),
    );
    const loc = r.location?.[0]?.reference ?? '';
    await expectIds(
      `PractitionerRole?location=${loc}`,
      where((x) => (x.location ?? []).some((l) => l.reference === loc)),
    );
    const networkOf = (x: PractitionerRole) =>
      (x.extension ?? [])
        .filter((e) => e.url === planNetSd('network-reference'))
        .map((e) => e.valueReference?.reference);
    await expectIds(
      'PractitionerRole?network=Organization/net-NW-CHOICE',
      where((x) => networkOf(x).includes('Organization/net-NW-CHOICE')),
    );
    const specialty = r.specialty?.[0]?.coding?.[0]?.code ?? '';
    await expectIds(
      `PractitionerRole?specialty=http://nucc.org/provider-taxonomy|${specialty}`,
      where((x) => x.specialty?.[0]?.coding?.[0]?.code === specialty),
    );
    const accepting = (x: PractitionerRole) =>
      x.extension?.find((e) => e.url === planNetSd('newpatients'))?.extension?.[0]
        ?.valueCodeableConcept?.coding?.[0]?.code;
    await expectIds(
      'PractitionerRole?new-patient=newpt',
      where((x) => accepting(x) === 'newpt'),
    );
    await expectIds(
      'PractitionerRole?role=pcp',
      where((x) => x.code?.[0]?.coding?.[0]?.code === 'pcp'),
    );
  });

  it('Organization: type, name, address-state, address-city, identifier', async () => {
    const orgs = of<Organization>('Organization');
    const code = (x: Organization) => x.type?.[0]?.coding?.[0]?.code;
    await expectIds(
      'Organization?type=ntwk',
      orgs.filter((x) => code(x) === 'ntwk'),
    );
    await expectIds(
      'Organization?type=fac',
      orgs.filter((x) => code(x) === 'fac'),
    );
    const o = orgs.find((x) => x.id?.startsWith('npi-')) as Organization;
    const city = o.address?.[0]?.city ?? '';
    await expectIds(
      `Organization?address-city=${encodeURIComponent(city)}`,
      orgs.filter((x) => x.address?.[0]?.city === city),
    );
    const state = o.address?.[0]?.state ?? '';
    await expectIds(
      `Organization?address-state=${state}`,
      orgs.filter((x) => x.address?.[0]?.state === state),
    );
    await expectIds(`Organization?identifier=${o.id?.slice(4)}`, [o]);
    await expectIds(
      'Organization?name:contains=network',
      orgs.filter((x) => /network/i.test(x.name ?? '')),
    );
  });

  it('Location: organization, address-postalcode, near', async () => {
    const locations = of<Location>('Location');
    const l = locations[0] as Location;
    const org = l.managingOrganization?.reference ?? '';
    await expectIds(
      `Location?organization=${org}`,
      locations.filter((x) => x.managingOrganization?.reference === org),
    );
    const zip = l.address?.postalCode ?? '';
    await expectIds(
      `Location?address-postalcode=${zip}`,
      locations.filter((x) => x.address?.postalCode === zip),
    );
    const near = `${l.position?.latitude}|${l.position?.longitude}|1|km`;
    const entries = await search(`Location?near=${encodeURIComponent(near)}`);
    expect(entries.map((e) => e.resource.id)).to.include(l.id);
  });

  it('HealthcareService and OrganizationAffiliation searches', async () => {
    const services = of<HealthcareService>('HealthcareService');
    await expectIds(
      'HealthcareService?service-category=emerg',
      services.filter((x) => x.category?.[0]?.coding?.[0]?.code === 'emerg'),
    );
    const affiliations = of<OrganizationAffiliation>('OrganizationAffiliation');
    const partic = affiliations[0]?.participatingOrganization?.reference ?? '';
    await expectIds(
      `OrganizationAffiliation?participating-organization=${partic}`,
      affiliations.filter((x) => x.participatingOrganization?.reference === partic),
    );
  });

  it('_include follows PractitionerRole references to practitioner, organization, location, network', async () => {
    const r = of<PractitionerRole>('PractitionerRole')[0] as PractitionerRole;
    const includes = ['practitioner', 'organization', 'location', 'network'].map(
      (p) => `_include=PractitionerRole:${p}`,
    );
    const entries = await search(`PractitionerRole?_id=${r.id}&${includes.join('&')}`);
    const included = entries
      .filter((e) => e.search?.mode === 'include')
      .map((e) => `${e.resource.resourceType}/${e.resource.id}`);
    expect(included).to.include(r.practitioner?.reference);
    expect(included).to.include(r.organization?.reference);
    expect(included).to.include(r.location?.[0]?.reference);
    expect(included.some((ref) => ref.startsWith('Organization/net-'))).to.equal(true);
  });

  it('_revinclude finds the roles of a practitioner and of an organization', async () => {
    const r = of<PractitionerRole>('PractitionerRole')[0] as PractitionerRole;
    const pid = r.practitioner?.reference?.split('/')[1];
    const entries = await search(
      `Practitioner?_id=${pid}&_revinclude=PractitionerRole:practitioner`,
    );
    const roles = entries.filter((e) => e.resource.resourceType === 'PractitionerRole');
    const expected = of<PractitionerRole>('PractitionerRole').filter(
      (x) => x.practitioner?.reference === r.practitioner?.reference,
    );
    expect(roles.map((e) => e.resource.id).sort()).to.deep.equal(expected.map((x) => x.id).sort());
    const oid = r.organization?.reference?.split('/')[1];
    const orgEntries = await search(
      `Organization?_id=${oid}&_revinclude=PractitionerRole:organization`,
    );
    expect(
      orgEntries.filter((e) => e.resource.resourceType === 'PractitionerRole').length,
    ).to.be.greaterThan(0);
  });

  it('reads without a token and refuses a malformed near with 400', async () => {
    const r = of<PractitionerRole>('PractitionerRole')[0] as PractitionerRole;
    const res = await request(gw.app).get(`${gw.base}/${r.practitioner?.reference}`).expect(200);
    expect(res.body.resourceType).to.equal('Practitioner');
    await request(gw.app).get(`${gw.base}/Location?near=abc`).expect(400);
  });
});

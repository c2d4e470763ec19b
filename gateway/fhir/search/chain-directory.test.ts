import type {
  HealthcareService,
  Location,
  Organization,
  OrganizationAffiliation,
  Practitioner,
  PractitionerRole,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import {
  allOf,
  startDirectoryFixture,
  type DirectoryFixture,
} from '../../../test/support/directory-fixture.js';
import { buildTestGateway, type TestGateway } from '../../../test/support/gateway.js';

interface Entry {
  resource: Resource;
  search?: { mode: string };
}
interface Link {
  relation: string;
  url: string;
}

const NETWORK_EXT =
  'http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/network-reference';
const refs = (list: ReadonlyArray<Reference | undefined> | undefined) =>
  (list ?? []).map((r) => r?.reference ?? '');
const sortedIds = (resources: readonly Resource[]) => resources.map((r) => r.id ?? '').sort();
const lower = (s: string | undefined) => (s ?? '').toLowerCase();

/**
 * Plan-Net chained searches through the gateway, anonymous, on the real directory plugin and
 * mock backend: each result is checked against the streamed data and a manual two-step search.
 */
describe('chained parameters: Plan-Net directory through the gateway (no token)', () => {
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

  async function bundle(query: string, status = 200) {
    const res = await request(gw.app).get(`${gw.base}/${query}`).expect(status);
    return res.body as { total?: number; entry?: Entry[]; link: Link[]; issue?: unknown[] };
  }

  /** Every match of a search, following `next` links. */
  async function matches(query: string): Promise<Resource[]> {
    const found: Resource[] = [];
    let url: string | undefined = `${gw.base}/${query}`;
    while (url !== undefined) {
      const body: Awaited<ReturnType<typeof bundle>> = (await request(gw.app).get(url).expect(200))
        .body;
      const entries = (body.entry ?? []).filter((e) => e.search?.mode === 'match');
      found.push(...entries.map((e) => e.resource));
      const next = body.link.find((l) => l.relation === 'next')?.url;
      url = next === undefined ? undefined : new URL(next).pathname + new URL(next).search;
    }
    return found;
  }

  async function expectSame(query: string, expected: readonly Resource[]): Promise<void> {
    expect(expected.length, `${query} should match something`).to.be.greaterThan(0);
    expect(sortedIds(await matches(query)), query).to.deep.equal(sortedIds(expected));
  }

  const roles = () => of<PractitionerRole>('PractitionerRole');
  const networkOf = (role: PractitionerRole) =>
    (role.extension ?? [])
      .filter((e) => e.url === NETWORK_EXT)
      .map((e) => e.valueReference?.reference);

  it('PractitionerRole?practitioner.name= equals the two-step search', async () => {
    const family = of<Practitioner>('Practitioner')[0]?.name?.[0]?.family ?? '';
    const practitioners = await matches(
      `Practitioner?name=${encodeURIComponent(family)}&_count=100`,
    );
    const targets = practitioners.map((p) => `Practitioner/${p.id}`);
    const manual = await matches(`PractitionerRole?practitioner=${targets.join(',')}&_count=100`);
    const expected = roles().filter((r) => targets.includes(r.practitioner?.reference ?? ''));
    expect(sortedIds(manual)).to.deep.equal(sortedIds(expected));
    await expectSame(`PractitionerRole?practitioner.name=${encodeURIComponent(family)}`, expected);
  });

  it('PractitionerRole?location.address-city=', async () => {
    const city = of<Location>('Location')[0]?.address?.city ?? '';
    const locations = of<Location>('Location')
      .filter((l) => lower(l.address?.city) === lower(city))
      .map((l) => `Location/${l.id}`);
    const expected = roles().filter((r) => refs(r.location).some((ref) => locations.includes(ref)));
    await expectSame(
      `PractitionerRole?location.address-city=${encodeURIComponent(city)}`,
      expected,
    );
  });

  it('PractitionerRole?organization.name= and network.name=', async () => {
    const orgRef = roles()[0]?.organization?.reference ?? '';
    const org = of<Organization>('Organization').find((o) => `Organization/${o.id}` === orgRef);
    const named = (name: string) =>
      of<Organization>('Organization')
        .filter((o) => lower(o.name).startsWith(lower(name)))
        .map((o) => `Organization/${o.id}`);
    const byOrg = roles().filter((r) =>
      named(org?.name ?? '').includes(r.organization?.reference ?? ''),
    );
    await expectSame(
      `PractitionerRole?organization.name=${encodeURIComponent(org?.name ?? '')}`,
      byOrg,
    );

    const networkRef = networkOf(roles()[0] as PractitionerRole)[0] ?? '';
    const network = of<Organization>('Organization').find(
      (o) => `Organization/${o.id}` === networkRef,
    );
    const networks = named(network?.name ?? '');
    const byNetwork = roles().filter((r) =>
      networkOf(r).some((ref) => networks.includes(ref ?? '')),
    );
    await expectSame(
      `PractitionerRole?network.name=${encodeURIComponent(network?.name ?? '')}`,
      byNetwork,
    );
  });

  it('HealthcareService?organization.name=, two levels: location.organization.name=', async () => {
    const services = of<HealthcareService>('HealthcareService');
    const orgRef = services[0]?.providedBy?.reference ?? '';
    const org = of<Organization>('Organization').find((o) => `Organization/${o.id}` === orgRef);
    const orgs = of<Organization>('Organization')
      .filter((o) => lower(o.name).startsWith(lower(org?.name)))
      .map((o) => `Organization/${o.id}`);
    const expected = services.filter((s) => orgs.includes(s.providedBy?.reference ?? ''));
    await expectSame(
      `HealthcareService?organization.name=${encodeURIComponent(org?.name ?? '')}`,
      expected,
    );

    const locationsOfOrgs = of<Location>('Location')
      .filter((l) => orgs.includes(l.managingOrganization?.reference ?? ''))
      .map((l) => `Location/${l.id}`);
    const twoLevel = roles().filter((r) =>
      refs(r.location).some((ref) => locationsOfOrgs.includes(ref)),
    );
    if (twoLevel.length > 0) {
      await expectSame(
        `PractitionerRole?location.organization.name=${encodeURIComponent(org?.name ?? '')}`,
        twoLevel,
      );
    }
  });

  it('OrganizationAffiliation?participating-organization.name= and _has', async () => {
    const affiliations = of<OrganizationAffiliation>('OrganizationAffiliation');
    const orgRef = affiliations[0]?.participatingOrganization?.reference ?? '';
    const org = of<Organization>('Organization').find((o) => `Organization/${o.id}` === orgRef);
    const orgs = of<Organization>('Organization')
      .filter((o) => lower(o.name).startsWith(lower(org?.name)))
      .map((o) => `Organization/${o.id}`);
    await expectSame(
      'OrganizationAffiliation?participating-organization.name=' +
        encodeURIComponent(org?.name ?? ''),
      affiliations.filter((a) => orgs.includes(a.participatingOrganization?.reference ?? '')),
    );
    const network = refs(affiliations[0]?.network)[0] ?? '';
    const participants = new Set(
      affiliations
        .filter((a) => refs(a.network).includes(network))
        .map((a) => a.participatingOrganization?.reference),
    );
    await expectSame(
      `Organization?_has:OrganizationAffiliation:participating-organization:network=${network}`,
      of<Organization>('Organization').filter((o) => participants.has(`Organization/${o.id}`)),
    );
  });

  it('Practitioner?_has:PractitionerRole:practitioner:specialty=, alone and with _id', async () => {
    const code = roles()[0]?.specialty?.[0]?.coding?.[0]?.code ?? '';
    const withSpecialty = new Set(
      roles()
        .filter((r) => (r.specialty ?? []).some((s) => s.coding?.some((c) => c.code === code)))
        .map((r) => r.practitioner?.reference),
    );
    const expected = of<Practitioner>('Practitioner').filter((p) =>
      withSpecialty.has(`Practitioner/${p.id}`),
    );
    const query = `Practitioner?_has:PractitionerRole:practitioner:specialty=${code}`;
    await expectSame(query, expected);
    const one = expected[0] as Practitioner;
    const other = of<Practitioner>('Practitioner').find(
      (p) => !withSpecialty.has(`Practitioner/${p.id}`),
    );
    await expectSame(`${query}&_id=${one.id},${other?.id}`, [one]);
  });

  it('combines chains with _include and _revinclude', async () => {
    const family = of<Practitioner>('Practitioner')[1]?.name?.[0]?.family ?? '';
    const body = await bundle(
      `PractitionerRole?practitioner.name=${encodeURIComponent(family)}` +
        '&_include=PractitionerRole:practitioner&_count=100',
    );
    const matched = (body.entry ?? []).filter((e) => e.search?.mode === 'match');
    const included = (body.entry ?? []).filter((e) => e.search?.mode === 'include');
    expect(matched.length).to.be.greaterThan(0);
    const wanted = new Set(
      matched.map((e) => (e.resource as PractitionerRole).practitioner?.reference),
    );
    expect(new Set(included.map((e) => `Practitioner/${e.resource.id}`))).to.deep.equal(wanted);

    const code = roles()[0]?.specialty?.[0]?.coding?.[0]?.code ?? '';
    const rev = await bundle(
      `Practitioner?_has:PractitionerRole:practitioner:specialty=${code}` +
        '&_revinclude=PractitionerRole:practitioner&_count=100',
    );
    const practitioners = (rev.entry ?? [])
      .filter((e) => e.search?.mode === 'match')
      .map((e) => `Practitioner/${e.resource.id}`);
    const revRoles = (rev.entry ?? []).filter((e) => e.search?.mode === 'include');
    expect(revRoles.length).to.be.greaterThan(0);
    for (const e of revRoles) {
      expect(practitioners).to.include((e.resource as PractitionerRole).practitioner?.reference);
    }
  });

  it('keeps the chained parameters in the self and next links while paging', async () => {
    const network = networkOf(roles()[0] as PractitionerRole)[0] ?? '';
    const name =
      of<Organization>('Organization').find((o) => `Organization/${o.id}` === network)?.name ?? '';
    const query = `PractitionerRole?network.name=${encodeURIComponent(name)}`;
    const first = await bundle(`${query}&_count=2`);
    const self = new URL(first.link.find((l) => l.relation === 'self')?.url ?? '');
    expect(self.searchParams.get('network.name')).to.equal(name);
    const next = new URL(first.link.find((l) => l.relation === 'next')?.url ?? '');
    expect(next.searchParams.get('network.name')).to.equal(name);
    const paged = await matches(`${query}&_count=2`);
    expect(new Set(sortedIds(paged)).size).to.equal(paged.length);
    expect(sortedIds(paged)).to.deep.equal(sortedIds(await matches(`${query}&_count=100`)));
  });

  it('Location?organization.name= with near; an empty Bundle when nothing matches', async () => {
    const loc = of<Location>('Location').find(
      (l) => l.position && l.managingOrganization,
    ) as Location;
    const org = of<Organization>('Organization').find(
      (o) => `Organization/${o.id}` === loc.managingOrganization?.reference,
    );
    const near = `${loc.position?.latitude}|${loc.position?.longitude}|1|km`;
    const found = await matches(
      `Location?organization.name=${encodeURIComponent(org?.name ?? '')}` +
        `&near=${encodeURIComponent(near)}`,
    );
    expect(found.map((l) => l.id)).to.include(loc.id);
    const none = await bundle('PractitionerRole?practitioner.name=Zzyzxnobody');
    expect(none.total).to.equal(0);
    expect(none.entry).to.deep.equal([]);
  });

  it('accepts chains in a POST _search form, and keeps them in the self link', async () => {
    const family = of<Practitioner>('Practitioner')[0]?.name?.[0]?.family ?? '';
    const res = await request(gw.app)
      .post(`${gw.base}/PractitionerRole/_search`)
      .type('form')
      .send({ 'practitioner.name': family, '_has:Endpoint:organization:connection-type': 'x' })
      .expect(200);
    const body = res.body as { entry: Entry[]; link: Link[] };
    const expected = await matches(
      `PractitionerRole?practitioner.name=${encodeURIComponent(family)}`,
    );
    expect(
      sortedIds(body.entry.filter((e) => e.search?.mode === 'match').map((e) => e.resource)),
    ).to.deep.equal(sortedIds(expected));
    const self = new URL(body.link[0]?.url ?? '');
    expect(self.searchParams.get('practitioner.name')).to.equal(family);
    const outcome = body.entry.find((e) => e.search?.mode === 'outcome')?.resource;
    expect(JSON.stringify(outcome)).to.include('cannot refer to PractitionerRole');
  });

  it('answers bad chains with a clear 400 when strict, and ignores them otherwise', async () => {
    const strict = (query: string) =>
      request(gw.app).get(`${gw.base}/${query}`).set('Prefer', 'handling=strict').expect(400);
    const cases: Array<[string, string]> = [
      ['PractitionerRole?practitioner.bogus=1', 'Practitioner has no search parameter "bogus"'],
      [
        'PractitionerRole?specialty.name=x',
        'PractitionerRole has no reference parameter "specialty"',
      ],
      [
        'PractitionerRole?practitioner:Location.name=x',
        'PractitionerRole.practitioner cannot refer to Location',
      ],
      ['Practitioner?_has:Claim:provider:status=active', 'Claim is not served here'],
    ];
    for (const [query, reason] of cases) {
      const res = await strict(query);
      const key = query.slice(query.indexOf('?') + 1).split('=')[0];
      expect(res.body.issue[0].diagnostics, query).to.equal(
        `Unknown chained parameter "${key}": ${reason}`,
      );
    }
    const lenient = await bundle('Practitioner?practitioner.bogus=1&_count=1');
    expect(lenient.link[0]?.url).to.equal('http://localhost:8080/fhir/r4/Practitioner?_count=1');
    const deep = await bundle('PractitionerRole?location.organization.partof.partof.name=x', 400);
    expect(deep.issue).to.have.length(1);
  });
});

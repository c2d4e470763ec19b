/**
 * The searches the CARIN BB example bundle implies (../shared/fixtures/carin-bb/
 * c4bb_eob_include_bundle.json, read in place: a member's EOB searchset with `_include` of the
 * patient, providers, care team, coverage and payee) run through the real gateway over the
 * claims, membership and directory plugins on their mock backends, with a member's token: the
 * example's own query (its `self` link, on our member), the same with `:insurer`, and
 * `_include=*`. Each answer has the example's shape: a searchset whose matches are EOBs of C4BB
 * EOB profiles and whose includes are of the example's include types, every entry with an
 * absolute fullUrl; every reference of a matched EOB at a path the example resolves is
 * resolved by an include entry of the same page, and nothing is included that no match names;
 * the included Patient, Coverage, Organization and Practitioner carry the C4BB profiles the
 * example's do. Everything is valid R4.
 *
 * Documented exceptions (EXCEPTIONS): the example's RelatedPerson payee (C4BB-RelatedPerson):
 * our claims name a subscriber payee by identifier only (the legacy claim holds the subscriber
 * id, not a person record) and no plugin serves RelatedPerson, so there is nothing to include.
 */
import type { Bundle, BundleEntry, ExplanationOfBenefit, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { allPages } from '../support/everything-fixture.js';
import { startClaimsBackend } from '../../mock-backends/claims/index.js';
import { startDirectoryBackend } from '../../mock-backends/directory/index.js';
import { startMembershipBackend } from '../../mock-backends/membership/index.js';
import createClaimsPlugin from '../../plugins/claims/index.js';
import { EOB_PROFILES } from '../../plugins/claims/profiles.js';
import { allClaims } from '../../plugins/claims/test-support.js';
import createDirectoryPlugin from '../../plugins/directory/index.js';
import createMembershipPlugin from '../../plugins/membership/index.js';
import { testPluginContext } from '../../plugins/sdk/testing.js';
import { expectValid } from '../support/fhir-validator.js';
import { buildTestGateway, type TestGateway } from '../support/gateway.js';
import { fixture, fixturesAvailable, type Exceptions } from './fixtures.js';

const available = fixturesAvailable();
const EXAMPLE = 'carin-bb/c4bb_eob_include_bundle.json';
const POPULATION = { members: 12, seed: 3 };
const MEMBERS = 4;

/** Include types of the example we need not have, with the reason. */
const EXCEPTIONS: Exceptions = {
  RelatedPerson:
    'our subscriber payees are named by identifier only (the legacy claim holds the ' +
    'subscriber id) and no plugin serves RelatedPerson; provider payees resolve',
};

/** EOB reference paths the `_include` parameters follow, as the example resolves them. */
const REFERENCE_PATHS: Readonly<Record<string, (eob: ExplanationOfBenefit) => unknown[]>> = {
  patient: (eob) => [eob.patient],
  provider: (eob) => [eob.provider],
  'care-team': (eob) => (eob.careTeam ?? []).map((member) => member.provider),
  coverage: (eob) => (eob.insurance ?? []).map((insurance) => insurance.coverage),
  insurer: (eob) => [eob.insurer],
  payee: (eob) => [eob.payee?.party],
};

type Query = Record<string, string | string[]>;

function literal(reference: unknown): string | undefined {
  const value = (reference as { reference?: string } | undefined)?.reference;
  return value && /^[A-Z][A-Za-z]+\/[^/]+$/.test(value) ? value : undefined;
}

function keyOf(resource: Resource | undefined): string {
  return `${resource?.resourceType}/${resource?.id}`;
}

function resourcesOf(bundle: Bundle, mode: 'match' | 'include'): Resource[] {
  return (bundle.entry ?? [])
    .filter((entry) => entry.search?.mode === mode)
    .flatMap((entry) => (entry.resource ? [entry.resource] : []));
}

/** Unversioned profiles of a resource. */
function profilesOf(resource: Resource): string[] {
  return (resource.meta?.profile ?? []).map((profile) => profile.split('|')[0] ?? '');
}

/** The `_include` values and the include parameter names of the example's self link. */
function exampleIncludes(example: Bundle): string[] {
  const self = example.link?.find((link) => link.relation === 'self')?.url ?? '';
  return new URL(self).searchParams.getAll('_include');
}

/** The parameters an `_include` list follows (`*` follows them all). */
function followed(includes: readonly string[]): string[] {
  if (includes.includes('*')) return Object.keys(REFERENCE_PATHS);
  return includes.map((include) => include.split(':')[1] ?? '');
}

/** References of the matches at the followed paths the example resolves. */
function namedReferences(bundle: Bundle, params: readonly string[]): Set<string> {
  const eobs = resourcesOf(bundle, 'match') as ExplanationOfBenefit[];
  const paths = params.map((param) => REFERENCE_PATHS[param]);
  const references = eobs.flatMap((eob) => paths.flatMap((path) => path?.(eob) ?? []));
  return new Set(references.map(literal).filter((ref): ref is string => ref !== undefined));
}

(available ? describe : describe.skip)(
  'Conformance: CARIN BB EOB _include searchset example vs the gateway',
  function () {
    this.timeout(180_000);
    const closers: Array<() => Promise<void>> = [];
    const example = available ? fixture<Bundle>(EXAMPLE) : ({} as Bundle);
    const exampleEntries: BundleEntry[] = example.entry ?? [];
    let gw: TestGateway;
    let members: string[] = [];

    before(async () => {
      const { members: count, seed } = POPULATION;
      const claims = await startClaimsBackend({ members: count, seed });
      const membership = await startMembershipBackend({ members: count, seed });
      const directory = await startDirectoryBackend({ seed });
      for (const backend of [claims, membership, directory]) {
        closers.push(() => backend.close());
      }
      const ctx = testPluginContext({ timeoutMs: 20_000 });
      gw = await buildTestGateway([
        await createMembershipPlugin({ baseUrl: membership.url }, ctx),
        await createClaimsPlugin({ baseUrl: claims.url }, ctx),
        await createDirectoryPlugin({ baseUrl: directory.url }, ctx),
      ]);
      closers.push(() => gw.close());
      const recent = (await allClaims(claims.url)).filter((c) => c.SVC_THRU_DT >= '20160101');
      members = [...new Set(recent.map((claim) => claim.MBR_ID))].sort().slice(0, MEMBERS);
    });
    after(async () => {
      for (const close of closers.reverse()) await close();
    });

    /** Every page of the search for each member, with a member token. */
    async function search(query: Query): Promise<Bundle[]> {
      expect(members).to.have.length(MEMBERS);
      const pages: Bundle[] = [];
      for (const patient of members) {
        const token = await gw.patientToken(patient);
        const flat = Object.entries({ ...query, patient, _count: '10' }).flatMap(([k, v]) =>
          (Array.isArray(v) ? v : [v]).map((value) => `${k}=${encodeURIComponent(value)}`),
        );
        pages.push(...(await allPages(gw, `ExplanationOfBenefit?${flat.join('&')}`, token)));
      }
      return pages;
    }

    function includeTypes(entries: readonly BundleEntry[]): Set<string> {
      const included = entries.filter((entry) => entry.search?.mode === 'include');
      return new Set(included.map((entry) => entry.resource?.resourceType ?? ''));
    }

    const includesOfExample = available ? exampleIncludes(example) : [];
    const withInsurer = [...includesOfExample, 'ExplanationOfBenefit:insurer'];
    const queries: Array<[string, string[]]> = [
      ["the example's own _include list", includesOfExample],
      ['the same with ExplanationOfBenefit:insurer', withInsurer],
      ['_include=*', ['*']],
    ];

    it('the example is a searchset of EOB matches and the includes we compare with', () => {
      expect(example.type).to.equal('searchset');
      expect(includesOfExample).to.include.members([
        'ExplanationOfBenefit:patient',
        'ExplanationOfBenefit:provider',
        'ExplanationOfBenefit:care-team',
        'ExplanationOfBenefit:coverage',
        'ExplanationOfBenefit:payee',
      ]);
      const matches = exampleEntries.filter((entry) => entry.search?.mode === 'match');
      expect(new Set(matches.map((entry) => entry.resource?.resourceType))).to.deep.equal(
        new Set(['ExplanationOfBenefit']),
      );
      expect([...includeTypes(exampleEntries)].sort()).to.deep.equal([
        'Coverage',
        'Organization',
        'Patient',
        'Practitioner',
        'RelatedPerson',
      ]);
    });

    for (const [title, includes] of queries) {
      describe(`${title}: ${includes.join(', ')}`, () => {
        let pages: Bundle[] = [];
        before(async () => {
          pages = await search({ _include: includes });
        });

        it('searchsets of C4BB EOB matches and includes only, each with an absolute fullUrl', () => {
          expect(pages.length).to.be.at.least(MEMBERS);
          const matches = pages.flatMap((page) => resourcesOf(page, 'match'));
          expect(matches.length).to.be.greaterThan(MEMBERS);
          for (const page of pages) {
            expect(page.type).to.equal('searchset');
            for (const entry of page.entry ?? []) {
              expect(entry.search?.mode).to.be.oneOf(['match', 'include']);
              expect(entry.fullUrl).to.equal(`${gw.baseUrl}/${keyOf(entry.resource)}`);
            }
          }
          for (const eob of matches) {
            expect(eob.resourceType).to.equal('ExplanationOfBenefit');
            expect(Object.values(EOB_PROFILES)).to.include(profilesOf(eob)[0]);
          }
        });

        it("includes are of the example's include types, and every one of them occurs", () => {
          const theirs = includeTypes(exampleEntries);
          const ours = includeTypes(pages.flatMap((page) => page.entry ?? []));
          for (const type of ours) expect(theirs, type).to.include(type);
          const missing = [...theirs].filter((type) => !ours.has(type) && !(type in EXCEPTIONS));
          expect(missing).to.deep.equal([]);
        });

        it('every reference the example resolves is included on its page; no stray includes', () => {
          let resolved = 0;
          for (const page of pages) {
            const named = namedReferences(page, followed(includes));
            const included = new Set(resourcesOf(page, 'include').map(keyOf));
            expect([...named].filter((ref) => !included.has(ref))).to.deep.equal([]);
            expect([...included].filter((key) => !named.has(key))).to.deep.equal([]);
            resolved += named.size;
          }
          expect(resolved).to.be.greaterThan(MEMBERS);
        });

        it("included resources carry the C4BB profiles the example's do; all valid R4", () => {
          const wanted = new Map<string, string[]>();
          for (const entry of exampleEntries.filter((e) => e.search?.mode === 'include')) {
            const resource = entry.resource as Resource;
            wanted.set(resource.resourceType, profilesOf(resource));
          }
          const included = pages.flatMap((page) => resourcesOf(page, 'include'));
          expect(included.length).to.be.greaterThan(0);
          for (const resource of included) {
            const profiles = wanted.get(resource.resourceType) ?? [];
            expect(profiles.length, resource.resourceType).to.be.greaterThan(0);
            expect(profilesOf(resource), keyOf(resource)).to.include.members(profiles);
            expectValid(resource);
          }
          for (const eob of pages.flatMap((page) => resourcesOf(page, 'match'))) expectValid(eob);
        });
      });
    }

    it('every documented exception is an include type of the example none of our pages has', async () => {
      const pages = await search({ _include: withInsurer });
      const ours = includeTypes(pages.flatMap((page) => page.entry ?? []));
      for (const type of Object.keys(EXCEPTIONS)) {
        expect(includeTypes(exampleEntries), type).to.include(type);
        expect(ours.has(type), type).to.equal(false);
      }
    });
  },
);

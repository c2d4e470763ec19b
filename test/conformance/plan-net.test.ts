/**
 * Plan-Net 1.1.0 searches (issue 4 §3: `_include`, `_revinclude` and chained parameters;
 * "official IG example searches work"), with the official examples read in place from
 * ../shared/fixtures/plan-net.
 *
 * 1. The examples themselves are served, under the directory plugin's own declaration, by an
 *    in-memory plugin; every chained search and `_has` their references give rise to (e.g.
 *    `PractitionerRole?practitioner.name=Smith`, `?location.address-city=Hartford`,
 *    `?network.name=`, `HealthcareService?organization.name=`) is run anonymously through the
 *    gateway and must find exactly what the examples say.
 * 2. Each of those search shapes is then run on our directory (real plugin, real mock
 *    backend), anchored on our own data, and must equal the manual two-step search.
 * 3. Our resources carry the profiles of the examples of their type.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import { referencesAt } from '../../gateway/auth/compartment.js';
import { pathsOf } from '../../gateway/fhir/search/elements.js';
import { CAPABILITIES } from '../../plugins/directory/capabilities.js';
import {
  allOf,
  startDirectoryFixture,
  type DirectoryFixture,
} from '../support/directory-fixture.js';
import { buildTestGateway, type TestGateway } from '../support/gateway.js';
import { fixtures, fixturesAvailable } from './fixtures.js';
import {
  chainCases,
  chainQuery,
  exampleCapabilities,
  examplesPlugin,
  matches,
  valueFor,
  type ChainCase,
} from './plan-net-support.js';

const TYPES = CAPABILITIES.resources.map((c) => c.type);

/**
 * Shapes whose plain (unchained) search does not find our anchor either, so the chain cannot:
 * a gap of the directory plugin, not of chaining. Chained and two-step results still agree.
 */
const PLUGIN_GAPS: Readonly<Record<string, string>> = {
  'Organization?partof':
    'only networks carry partOf in our data, and the plugin answers partof as no match for ' +
    'networks (plugins/directory/criteria.ts)',
  'OrganizationAffiliation?primary-organization.identifier':
    'our primary organization (the payer) has only a TIN, and the plugin searches ' +
    'Organization identifiers by NPI only',
};

const gapOf = (shape: string) =>
  PLUGIN_GAPS[shape] ?? PLUGIN_GAPS[shape.slice(0, shape.indexOf('.'))];
const key = (r: Resource) => `${r.resourceType}/${r.id}`;
const shapeOf = (c: ChainCase) => `${c.source}?${c.param.name}.${c.inner.name}`;

/** Every match of a search through the gateway, following `next` links. */
async function search(gw: TestGateway, query: string): Promise<Resource[]> {
  const found: Resource[] = [];
  let url: string | undefined = `${gw.base}/${query}${query.includes('?') ? '&' : '?'}_count=100`;
  while (url !== undefined) {
    const body = (await request(gw.app).get(url).expect(200)).body as Bundle;
    found.push(
      ...(body.entry ?? [])
        .filter((e) => e.search?.mode === 'match')
        .map((e) => e.resource as Resource),
    );
    const next = body.link?.find((l) => l.relation === 'next')?.url;
    url = next === undefined ? undefined : new URL(next).pathname + new URL(next).search;
  }
  return found;
}

const ids = (resources: readonly Resource[]) => resources.map(key).sort();

describe('Plan-Net 1.1.0: the IG example searches, chained and reverse chained', function () {
  if (!fixturesAvailable()) {
    it.skip('Plan-Net fixtures not found (set FIXTURES_DIR)');
    return;
  }
  const examples = fixtures('plan-net', /\.json$/)
    .map(([, r]) => r)
    .filter((r) => TYPES.includes(r.resourceType));
  const capabilities = exampleCapabilities(CAPABILITIES.resources);
  const paramsOf = (type: string) => capabilities.find((c) => c.type === type)?.searchParams ?? [];
  const findIn = (set: readonly Resource[]) => (reference: string) =>
    set.find((r) => key(r) === reference);
  const exampleCases = chainCases(examples, capabilities, findIn(examples));
  let examplesGw: TestGateway;
  let fx: DirectoryFixture;
  let gw: TestGateway;
  const ours: Resource[] = [];
  before(async () => {
    examplesGw = await buildTestGateway([examplesPlugin(examples, capabilities)]);
    fx = await startDirectoryFixture();
    gw = await buildTestGateway([fx.plugin]);
    for (const type of TYPES) ours.push(...(await allOf(fx.plugin, type)));
  });
  after(async () => {
    await examplesGw.close();
    await gw.close();
    await fx.close();
  });

  /** What a chained case must find among `set`, by the naive matcher. */
  function expected(set: readonly Resource[], c: ChainCase): Resource[] {
    const targets = new Set(
      set
        .filter((r) => r.resourceType === c.target)
        .filter((r) => matches(r, { name: c.inner.name, values: [c.value] }, paramsOf(c.target)))
        .map(key),
    );
    return set.filter(
      (r) =>
        r.resourceType === c.source &&
        [...targets].some((t) =>
          matches(r, { name: c.param.name, values: [t] }, paramsOf(c.source)),
        ),
    );
  }

  it('the examples give rise to the chains of the Plan-Net CapabilityStatement', () => {
    const shapes = new Set(exampleCases.map(shapeOf));
    for (const shape of [
      'PractitionerRole?practitioner.name',
      'PractitionerRole?location.address-city',
      'PractitionerRole?location.address-postalcode',
      'PractitionerRole?network.name',
      'PractitionerRole?organization.name',
      'HealthcareService?organization.name',
      'HealthcareService?location.address-city',
      'Location?organization.name',
      'OrganizationAffiliation?participating-organization.name',
      'OrganizationAffiliation?network.name',
    ]) {
      expect(shapes, shape).to.include(shape);
    }
  });

  it('every chained search on the examples finds exactly what the examples say', async () => {
    for (const c of exampleCases) {
      const found = await search(examplesGw, chainQuery(c));
      expect(ids(found), chainQuery(c)).to.deep.equal(ids(expected(examples, c)));
      expect(ids(found), chainQuery(c)).to.include(key(c.anchor));
    }
  });

  it('every reverse chain (_has) on the examples finds the referenced resources', async () => {
    const seen = new Set<string>();
    for (const c of exampleCases) {
      const inner = paramsOf(c.source).find((p) => p.type === 'token' && valueFor(c.anchor, p));
      const value = inner && valueFor(c.anchor, inner);
      const pair = `${c.source}:${c.param.name}`;
      if (!inner || !value || seen.has(pair)) continue;
      seen.add(pair);
      const query = `${c.target}?_has:${pair}:${inner.name}=${encodeURIComponent(value)}`;
      const sources = examples.filter(
        (r) =>
          r.resourceType === c.source &&
          matches(r, { name: inner.name, values: [value] }, paramsOf(c.source)),
      );
      const referenced = new Set(sources.flatMap((s) => referencesOf(s, c)));
      const want = examples.filter((r) => r.resourceType === c.target && referenced.has(key(r)));
      expect(ids(await search(examplesGw, query)), query).to.deep.equal(ids(want));
      expect(want.length, query).to.be.greaterThan(0);
    }
    expect(seen.size).to.be.greaterThan(5);
  });

  /** The chained and two-step results of a case on our directory. */
  async function onDirectory(c: ChainCase): Promise<[Resource[], Resource[]]> {
    const chained = await search(gw, chainQuery(c));
    const inner = await search(gw, `${c.target}?${c.inner.name}=${encodeURIComponent(c.value)}`);
    const refs = inner.map(key).join(',');
    return [chained, refs ? await search(gw, `${c.source}?${c.param.name}=${refs}`) : []];
  }

  it('the same chain shapes work on our directory, as the two-step search does', async () => {
    const ourCases = chainCases(ours, CAPABILITIES.resources, findIn(ours));
    for (const shape of new Set(exampleCases.map(shapeOf))) {
      let anchored = false;
      for (const c of ourCases.filter((candidate) => shapeOf(candidate) === shape).slice(0, 5)) {
        const [chained, twoStep] = await onDirectory(c);
        expect(ids(chained), chainQuery(c)).to.deep.equal(ids(twoStep));
        anchored = ids(chained).includes(key(c.anchor));
        if (anchored) break;
      }
      if (gapOf(shape)) continue;
      expect(anchored, `${shape}: finds a resource of ours it should`).to.equal(true);
    }
  });

  it('our resources carry the profiles of the examples of their type', () => {
    for (const type of TYPES) {
      const theirs = new Set(
        examples.filter((r) => r.resourceType === type).flatMap((r) => r.meta?.profile ?? []),
      );
      const mine = ours.filter((r) => r.resourceType === type);
      expect(mine.length, type).to.be.greaterThan(0);
      for (const resource of mine) {
        expect(theirs, key(resource)).to.include(resource.meta?.profile?.[0]);
      }
      for (const profile of theirs) {
        expect(
          mine.some((r) => r.meta?.profile?.includes(profile)),
          profile,
        ).to.equal(true);
      }
    }
  });
});

/** Every reference of `c.param` in a resource. */
function referencesOf(resource: Resource, c: ChainCase): string[] {
  return pathsOf(c.param).flatMap((path) => referencesAt(resource, path));
}

/**
 * Test fixture for `$everything`: the real membership, claims, utilization and directory mock
 * backends (same members, seed and directory) on ephemeral loopback ports, the real plugins
 * over them and the built-in derived Provenance, and the gateway with the `$everything`
 * routes. Plus helpers to follow `next` links and to collect a type with ordinary searches,
 * to compare against.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import request from 'supertest';
import { startClaimsBackend } from '../../mock-backends/claims/index.js';
import { startDirectoryBackend } from '../../mock-backends/directory/index.js';
import { startMembershipBackend } from '../../mock-backends/membership/index.js';
import { startUtilizationBackend } from '../../mock-backends/utilization/index.js';
import createClaimsPlugin from '../../plugins/claims/index.js';
import createDirectoryPlugin from '../../plugins/directory/index.js';
import createMembershipPlugin from '../../plugins/membership/index.js';
import createPriorAuthPlugin from '../../plugins/prior-auth/index.js';
import { testPluginContext } from '../../plugins/sdk/testing.js';
import { buildTestGateway, type TestGateway } from './gateway.js';
import { createProvenancePlugin } from '../../gateway/provenance/index.js';
import { createStore } from '../../gateway/store/index.js';
import type { Store } from '../../gateway/store/types.js';
import { everythingRoutes } from '../../gateway/everything/index.js';

/** The running systems and the gateway over them. */
export interface EverythingFixture {
  readonly gw: TestGateway;
  readonly store: Store;
  /** Urls of the legacy backends (claims, utilization, membership, directory). */
  readonly urls: Readonly<Record<'claims' | 'utilization' | 'membership' | 'directory', string>>;
  close(): Promise<void>;
}

/** Size of the synthetic population the backends share. */
export interface Population {
  readonly members: number;
  readonly seed: number;
  readonly practitioners: number;
}

const POPULATION: Population = { members: 20, seed: 5, practitioners: 30 };

/** Starts the four backends, their plugins and the gateway with an SQLite audit trail. */
export async function startEverythingFixture(
  population: Population = POPULATION,
): Promise<EverythingFixture> {
  const { members, seed, practitioners } = population;
  const membership = await startMembershipBackend({ members, seed });
  const claims = await startClaimsBackend({ members, seed, practitioners });
  const utilization = await startUtilizationBackend({ members, seed, practitioners });
  const directory = await startDirectoryBackend({ practitioners, seed });
  const ctx = testPluginContext({ timeoutMs: 15_000 });
  const plugins = [
    await createMembershipPlugin({ baseUrl: membership.url }, ctx),
    await createClaimsPlugin({ baseUrl: claims.url }, ctx),
    await createPriorAuthPlugin({ baseUrl: utilization.url, asOf: '2025-12-01' }, ctx),
    await createDirectoryPlugin({ baseUrl: directory.url }, ctx),
  ];
  const provenance = createProvenancePlugin({ payerOrganization: 'CMHP1' });
  const store = await createStore({ sqlitePath: ':memory:' });
  const gw = await buildTestGateway([...plugins, provenance], store, {
    fhirRoutes: () => everythingRoutes(),
  });
  provenance.bind({ registry: gw.registry, access: gw.access });
  const urls = {
    claims: claims.url,
    utilization: utilization.url,
    membership: membership.url,
    directory: directory.url,
  };
  const close = async () => {
    await gw.close();
    await store.close();
    for (const backend of [membership, claims, utilization, directory]) await backend.close();
  };
  return { gw, store, urls, close };
}

/** One page as fetched, with its status. */
export interface FetchedPage {
  readonly status: number;
  readonly bundle: Bundle;
}

/** Every page of an `$everything` (or search) starting at `path`, following `next`. */
export async function allPages(
  gw: TestGateway,
  path: string,
  token: string,
  query: Record<string, string> = {},
): Promise<Bundle[]> {
  const pages: Bundle[] = [];
  let res = await request(gw.app).get(`${gw.base}/${path}`).query(query).auth(token, {
    type: 'bearer',
  });
  for (;;) {
    if (res.status !== 200) throw new Error(`page ${pages.length + 1}: ${res.status} ${res.text}`);
    const bundle = res.body as Bundle;
    pages.push(bundle);
    const next = bundle.link?.find((link) => link.relation === 'next')?.url;
    if (!next || pages.length > 500) return pages;
    res = await request(gw.app)
      .get(new URL(next).pathname + new URL(next).search)
      .auth(token, { type: 'bearer' });
  }
}

/** The resources of a page's entries in a search mode. */
export function entries(bundle: Bundle, mode: 'match' | 'include' | 'outcome'): Resource[] {
  return (bundle.entry ?? [])
    .filter((entry) => entry.search?.mode === mode)
    .flatMap((entry) => (entry.resource ? [entry.resource] : []));
}

/** `Type/id` of a resource. */
export function keyOf(resource: Resource): string {
  return `${resource.resourceType}/${resource.id}`;
}

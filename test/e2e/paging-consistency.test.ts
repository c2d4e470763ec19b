/**
 * Paging that stays consistent while data changes (issue 4 §3 "Everywhere"; FHIR R4
 * §3.1.1.6), end to end: the real gateway over the membership, claims, prior-auth and
 * directory plugins and their mock backends. After page 1, rows are added before and after
 * the cursor and one ahead is deleted underneath the API (the backends' test-only write
 * hooks; with offset paging the row added behind would shift page 2 and repeat a row);
 * following the `next` links must then deliver nothing twice, miss nothing that existed
 * throughout, leave out the row added behind the cursor and bring the one added ahead of it.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import { startClaimsBackend } from '../../mock-backends/claims/index.js';
import { startDirectoryBackend } from '../../mock-backends/directory/index.js';
import { startMembershipBackend } from '../../mock-backends/membership/index.js';
import { startUtilizationBackend } from '../../mock-backends/utilization/index.js';
import createClaimsPlugin from '../../plugins/claims/index.js';
import createDirectoryPlugin from '../../plugins/directory/index.js';
import createMembershipPlugin from '../../plugins/membership/index.js';
import createPriorAuthPlugin from '../../plugins/prior-auth/index.js';
import type { Plugin } from '../../plugins/sdk/contract.js';
import { testPluginContext, testRequestContext } from '../../plugins/sdk/testing.js';
import { buildTestGateway, TEST_ORIGIN, type TestGateway } from '../support/gateway.js';

/** One searched type over one plugin and the writes that change its backend. */
interface Scenario {
  readonly name: string;
  /** Search path under the FHIR base, e.g. `/Patient`. */
  readonly search: string;
  /** The streamed type (bulk export). */
  readonly type: string;
  /** The backend key (primary id) a resource id carries. */
  readonly keyOf: (id: string) => string;
  readonly copy: (key: string, newKey: string) => void;
  readonly remove: (key: string) => void;
  readonly start: () => Promise<{ plugin: Plugin; close: () => Promise<void> }>;
}

/** A key next to `key` (same prefix and width, number moved by `step`) not in `taken`. */
function freeKey(key: string, step: number, taken: ReadonlySet<string>): string {
  const [, prefix = '', digits = '0'] = /^(\D*)(\d+)$/.exec(key) ?? [];
  for (let n = BigInt(digits) + BigInt(step); ; n += BigInt(step)) {
    const candidate = `${prefix}${n.toString().padStart(digits.length, '0')}`;
    if (!taken.has(candidate)) return candidate;
  }
}

const unprefixed = (prefix: string) => (id: string) => id.slice(prefix.length);

function scenarios(): Scenario[] {
  let writes: { copy: Scenario['copy']; remove: Scenario['remove'] } | undefined;
  const hooks = {
    copy: (key: string, newKey: string) => writes?.copy(key, newKey),
    remove: (key: string) => writes?.remove(key),
  };
  const membership = async () => {
    const backend = await startMembershipBackend({ members: 30, seed: 4 });
    const w = backend.backend.writes;
    writes = { copy: (k, n) => w.copyMember(k, n), remove: (k) => w.deleteMember(k) };
    const plugin = await createMembershipPlugin({ baseUrl: backend.url }, testPluginContext());
    return { plugin, close: () => backend.close() };
  };
  return [
    {
      name: 'membership Patient',
      search: '/Patient',
      type: 'Patient',
      keyOf: (id) => id,
      ...hooks,
      start: membership,
    },
    {
      name: 'membership Coverage',
      search: '/Coverage',
      type: 'Coverage',
      keyOf: (id) => id.replace(/-\d+$/, ''),
      ...hooks,
      start: membership,
    },
    {
      name: 'claims ExplanationOfBenefit',
      search: '/ExplanationOfBenefit',
      type: 'ExplanationOfBenefit',
      keyOf: unprefixed('clm-'),
      ...hooks,
      start: async () => {
        const backend = await startClaimsBackend({ members: 3, seed: 4 });
        const w = backend.backend.writes;
        writes = { copy: (k, n) => w.copyClaim(k, n), remove: (k) => w.deleteClaim(k) };
        const plugin = await createClaimsPlugin({ baseUrl: backend.url }, testPluginContext());
        return { plugin, close: () => backend.close() };
      },
    },
    {
      name: 'prior-auth ExplanationOfBenefit',
      search: '/ExplanationOfBenefit',
      type: 'ExplanationOfBenefit',
      keyOf: unprefixed('pa-'),
      ...hooks,
      start: async () => {
        const backend = await startUtilizationBackend({ members: 80, seed: 4 });
        const w = backend.backend.writes;
        writes = { copy: (k, n) => w.copyAuth(k, n), remove: (k) => w.deleteAuth(k) };
        const options = { baseUrl: backend.url, asOf: '2025-12-01' };
        const plugin = await createPriorAuthPlugin(options, testPluginContext());
        return { plugin, close: () => backend.close() };
      },
    },
    {
      name: 'directory Location',
      search: '/Location',
      type: 'Location',
      keyOf: unprefixed('loc-'),
      ...hooks,
      start: async () => {
        const backend = await startDirectoryBackend({ practitioners: 30, seed: 4 });
        const w = backend.backend.writes;
        writes = {
          copy: (k, n) => w.copyEntity('LOC', k, n),
          remove: (k) => w.deleteEntity('LOC', k),
        };
        const plugin = await createDirectoryPlugin({ baseUrl: backend.url }, testPluginContext());
        return { plugin, close: () => backend.close() };
      },
    },
  ];
}

describe('paging stays consistent while data changes (gateway, every paged plugin)', function () {
  this.timeout(120_000);

  for (const scenario of scenarios()) {
    describe(scenario.name, () => {
      let gw: TestGateway;
      let plugin: Plugin;
      let closeBackend: () => Promise<void>;
      let token: string;

      before(async () => {
        const started = await scenario.start();
        closeBackend = started.close;
        plugin = started.plugin;
        gw = await buildTestGateway([started.plugin]);
        token = await gw.systemToken();
      });
      after(async () => {
        await gw?.close();
        await closeBackend?.();
      });

      const get = async (path: string): Promise<Bundle> => {
        const res = await request(gw.app).get(path).auth(token, { type: 'bearer' }).expect(200);
        return res.body as Bundle;
      };
      const idsOf = (bundle: Bundle): string[] =>
        (bundle.entry ?? []).map((entry) => entry.resource?.id ?? '');
      const nextOf = (bundle: Bundle): string | undefined =>
        bundle.link?.find((link) => link.relation === 'next')?.url?.slice(TEST_ORIGIN.length);
      const walk = async (from: string | undefined, seen: string[]): Promise<string[]> => {
        for (let next = from, pages = 0; next; pages++) {
          if (pages > 500) throw new Error('paging does not end');
          const bundle = await get(next);
          seen.push(...idsOf(bundle));
          next = nextOf(bundle);
        }
        return seen;
      };

      it('pages each row once, missing none that stayed, across inserts and deletes', async () => {
        const all = await walk(`${gw.base}${scenario.search}?_count=50`, []);
        expect(all.length, 'fixture size').to.be.greaterThan(12);
        const keys = [...new Set(all.map(scenario.keyOf))].sort();
        const taken = new Set(keys);
        const first = await get(`${gw.base}${scenario.search}?_count=5`);
        const seen = idsOf(first);
        const cursorKey = scenario.keyOf(seen[seen.length - 1] as string);
        const behind = freeKey(cursorKey, -1, taken);
        const ahead = freeKey(keys[keys.length - 1] as string, 1, taken);
        const gone = [keys[keys.length - 3] as string];
        scenario.copy(scenario.keyOf(seen[0] as string), behind);
        scenario.copy(scenario.keyOf(seen[0] as string), ahead);
        for (const key of gone) scenario.remove(key);
        await walk(nextOf(first), seen);

        expect(new Set(seen).size, 'nothing delivered twice').to.equal(seen.length);
        const stayed = all.filter((id) => !gone.includes(scenario.keyOf(id)));
        expect(
          stayed.filter((id) => !seen.includes(id)),
          'missed',
        ).to.deep.equal([]);
        expect(seen.map(scenario.keyOf), 'added behind the cursor').to.not.include(behind);
        expect(seen.map(scenario.keyOf), 'added ahead of the cursor').to.include(ahead);
      });

      it('resumes a bulk-export stream exactly past a delete behind, an insert ahead', async () => {
        const stream = (cursor?: string) =>
          plugin.stream!({ types: [scenario.type], cursor }, testRequestContext());
        const all: string[] = [];
        for await (const item of stream()) all.push(item.resource.id ?? '');
        const keys = [...new Set(all.map(scenario.keyOf))].sort();
        const taken = new Set(keys);
        const seen: string[] = [];
        let cursor = '';
        for await (const item of stream()) {
          seen.push(item.resource.id ?? '');
          cursor = item.cursor;
          if (seen.length === 6) break;
        }
        const ahead = freeKey(keys[keys.length - 1] as string, 1, taken);
        const behind = scenario.keyOf(seen[2] as string);
        scenario.copy(scenario.keyOf(seen[0] as string), ahead);
        scenario.remove(behind);
        for await (const item of stream(cursor)) seen.push(item.resource.id ?? '');

        expect(new Set(seen).size, 'nothing streamed twice').to.equal(seen.length);
        const stayed = all.filter((id) => scenario.keyOf(id) !== behind);
        expect(
          stayed.filter((id) => !seen.includes(id)),
          'missed',
        ).to.deep.equal([]);
        expect(seen.map(scenario.keyOf)).to.include(ahead);
      });
    });
  }
});

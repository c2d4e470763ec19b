/**
 * Keyset paging of every legacy mock that pages by key (membership, claims, utilization,
 * directory), through HTTP with response validation on: rows come and go between pages, and
 * the pages still hold every row that existed throughout exactly once, in key order.
 */
import type { Express } from 'express';
import { expect } from 'chai';
import request from 'supertest';
import { createClaimsBackend } from '../claims/index.js';
import { createDirectoryBackend } from '../directory/index.js';
import { createMembershipBackend } from '../membership/index.js';
import { createUtilizationBackend } from '../utilization/index.js';

type Json = Record<string, unknown>;

interface Case {
  readonly name: string;
  readonly path: string;
  readonly listKey: string;
  readonly keyOf: (row: Json) => string;
  /** Test-only writes: copy the row of `key` under `newKey`, delete the row of `key`. */
  readonly copy: (key: string, newKey: string) => void;
  readonly remove: (key: string) => void;
  readonly app: Express;
  readonly close: () => void;
}

/** A key next to `key` (same prefix and width, number moved by `step`) that is not taken. */
function freeKey(key: string, step: number, taken: ReadonlySet<string>): string {
  const [, prefix = '', digits = '0'] = /^(\D*)(\d+)$/.exec(key) ?? [];
  for (let n = BigInt(digits) + BigInt(step); ; n += BigInt(step)) {
    const candidate = `${prefix}${n.toString().padStart(digits.length, '0')}`;
    if (!taken.has(candidate)) return candidate;
  }
}

const members = createMembershipBackend({ members: 40, seed: 5, validateResponses: true });

function cases(): Case[] {
  const claims = createClaimsBackend({ members: 4, seed: 5, validateResponses: true });
  const auths = createUtilizationBackend({ members: 60, seed: 5, validateResponses: true });
  const directory = createDirectoryBackend({ practitioners: 40, seed: 5, validateResponses: true });
  return [
    {
      name: 'membership /members',
      path: '/members',
      listKey: 'MEMBERS',
      keyOf: (row) => String(row.MBR_ID),
      copy: (key, newKey) => members.writes.copyMember(key, newKey),
      remove: (key) => members.writes.deleteMember(key),
      app: members.app,
      close: () => members.close(),
    },
    {
      name: 'claims /claims',
      path: '/claims',
      listKey: 'CLAIMS',
      keyOf: (row) => String(row.CLM_ID),
      copy: (key, newKey) => claims.writes.copyClaim(key, newKey),
      remove: (key) => claims.writes.deleteClaim(key),
      app: claims.app,
      close: () => claims.close(),
    },
    {
      name: 'utilization /auths',
      path: '/auths',
      listKey: 'AUTHS',
      keyOf: (row) => String(row.AUTH_NBR),
      copy: (key, newKey) => auths.writes.copyAuth(key, newKey),
      remove: (key) => auths.writes.deleteAuth(key),
      app: auths.app,
      close: () => auths.close(),
    },
    {
      name: 'directory /practitioners',
      path: '/practitioners',
      listKey: 'PRACTITIONERS',
      keyOf: (row) => String(row.PRAC_ID),
      copy: (key, newKey) => directory.writes.copyEntity('PRAC', key, newKey),
      remove: (key) => directory.writes.deleteEntity('PRAC', key),
      app: directory.app,
      close: () => directory.close(),
    },
  ];
}

describe('legacy mocks: keyset paging (after=<key>) while data changes', function () {
  this.timeout(60_000);
  const all = cases();
  after(() => all.forEach((c) => c.close()));

  it('membership /eligibility pages by <member id>:<span seq>, numerically by span', async () => {
    const list = async (query: Json): Promise<string[]> => {
      const res = await request(members.app).get('/eligibility').query(query).expect(200);
      return (res.body.ELIG_SPANS as Json[]).map(
        (row) => `${String(row.MBR_ID)}:${String(row.SPAN_SEQ)}`,
      );
    };
    const full = await list({ limit: 500 });
    const paged: string[] = [];
    for (let after: string | undefined; ;) {
      const rows = await list({ ...(after ? { after } : {}), limit: 7 });
      paged.push(...rows);
      if (rows.length < 7) break;
      after = rows[rows.length - 1];
    }
    expect(paged).to.deep.equal(full);
    const bySpan = (key: string): [string, number] => [
      key.split(':')[0] ?? '',
      Number(key.split(':')[1]),
    ];
    const sorted = [...full].sort((a, b) => {
      const [ma, sa] = bySpan(a);
      const [mb, sb] = bySpan(b);
      return ma === mb ? sa - sb : ma < mb ? -1 : 1;
    });
    expect(full).to.deep.equal(sorted);
  });

  for (const c of all) {
    describe(c.name, () => {
      const page = async (query: Json): Promise<Json> =>
        (await request(c.app).get(c.path).query(query).expect(200)).body as Json;
      const keys = (body: Json): string[] => (body[c.listKey] as Json[]).map(c.keyOf);
      const everything = async (): Promise<string[]> => {
        const found: string[] = [];
        for (let after: string | undefined; ;) {
          const rows = keys(await page({ ...(after ? { after } : {}), limit: 200 }));
          found.push(...rows);
          if (rows.length < 200) return found;
          after = rows[rows.length - 1];
        }
      };

      it('lists rows in key order and counts them on request', async () => {
        const body = await page({ limit: 2, total: 'Y' });
        const listed = await everything();
        expect(listed).to.deep.equal([...listed].sort());
        expect(body.TOTAL_CNT).to.equal(listed.length);
        const last = listed[4] as string;
        const next = await page({ after: last, limit: 3, total: 'Y' });
        expect(keys(next)).to.deep.equal(listed.slice(5, 8));
        expect(next.TOTAL_CNT).to.equal(listed.length);
      });

      it('skips and repeats nothing that exists throughout when rows come and go', async () => {
        const before = await everything();
        const taken = new Set(before);
        const first = await page({ limit: 6 });
        const seen = keys(first);
        const cursor = seen[seen.length - 1] as string;
        const inserted = freeKey(seen[2] as string, -1, taken);
        const appended = freeKey(before[before.length - 1] as string, 1, taken);
        c.copy(seen[1] as string, inserted);
        c.copy(seen[0] as string, appended);
        c.remove(seen[3] as string);
        c.remove(before[10] as string);
        for (let after = cursor; ;) {
          const rows = keys(await page({ after, limit: 4 }));
          seen.push(...rows);
          if (rows.length < 4) break;
          after = rows[rows.length - 1] as string;
        }
        const throughout = before.filter((key) => key !== before[10]);
        expect(seen.filter((key) => key !== before[10])).to.deep.equal([...throughout, appended]);
        expect(seen).to.not.include(inserted);
      });

      it('rejects a malformed after key', async () => {
        await request(c.app).get(c.path).query({ after: 'x y', limit: 2 }).expect(400);
      });
    });
  }
});

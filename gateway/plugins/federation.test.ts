import type { Organization } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import type { Interaction, Plugin, SearchParamDefinition } from '../../plugins/sdk/contract.js';
import { buildTestGateway, type TestGateway } from '../../test/support/gateway.js';
import { ConfigError } from '../config/load.js';
import { PluginRegistry } from './registry.js';

/** A minimal in-memory owner of Organization with name search and offset cursors. */
function organizations(
  name: string,
  ids: string[],
  options: { params?: SearchParamDefinition[]; interactions?: Interaction[] } = {},
): Plugin {
  const data: Organization[] = ids.map((id) => ({
    resourceType: 'Organization',
    id,
    name: `${name} ${id}`,
  }));
  return {
    name,
    capabilities: {
      resources: [
        {
          type: 'Organization',
          profiles: [`urn:profile:${name}`],
          interactions: options.interactions ?? ['read', 'search-type'],
          searchParams: options.params ?? [{ name: 'name', type: 'string' }],
        },
      ],
    },
    read: async (req) => data.find((org) => org.id === req.id),
    search: async (req) => {
      const matches = data.filter((org) =>
        req.criteria.every((c) =>
          c.values.some((v) => org.name?.toLowerCase().includes(v.toLowerCase())),
        ),
      );
      const offset = Number(req.cursor ?? 0);
      const resources = matches.slice(offset, offset + req.count);
      const next = offset + req.count < matches.length ? String(offset + req.count) : undefined;
      return { resources, total: matches.length, ...(next ? { nextCursor: next } : {}) };
    },
    stream: async function* (req) {
      const from = req.cursor === undefined ? 0 : Number(req.cursor) + 1;
      for (const [index, resource] of data.entries()) {
        if (index >= from) yield { resource: resource, cursor: String(index) };
      }
    },
    health: async () => ({ status: 'pass' }),
  };
}

describe('Federated types (one type, several plugins)', () => {
  let gw: TestGateway;
  let token: string;

  beforeEach(async () => {
    gw = await buildTestGateway([
      organizations('payers', ['payer-1']),
      organizations('directory', ['dir-1', 'dir-2', 'dir-3'], {
        params: [
          { name: 'name', type: 'string' },
          { name: 'address-city', type: 'string' },
        ],
      }),
    ]);
    token = await gw.systemToken();
  });
  afterEach(() => gw.close());

  it('reads from whichever owner has the id', async () => {
    await request(gw.app)
      .get(`${gw.base}/Organization/payer-1`)
      .auth(token, { type: 'bearer' })
      .expect(200);
    await request(gw.app)
      .get(`${gw.base}/Organization/dir-2`)
      .auth(token, { type: 'bearer' })
      .expect(200);
    await request(gw.app)
      .get(`${gw.base}/Organization/none`)
      .auth(token, { type: 'bearer' })
      .expect(404);
  });

  it('pages across owners with a total, each resource once', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${gw.base}/Organization?_count=3`;
    let total: number | undefined;
    while (url) {
      const res = await request(gw.app).get(url).auth(token, { type: 'bearer' }).expect(200);
      total ??= res.body.total;
      seen.push(...res.body.entry.map((e: { resource: { id: string } }) => e.resource.id));
      const next = res.body.link.find((l: { relation: string }) => l.relation === 'next')?.url as
        string | undefined;
      url = next ? new URL(next).pathname + new URL(next).search : undefined;
    }
    expect(total).to.equal(4);
    expect(seen).to.deep.equal(['payer-1', 'dir-1', 'dir-2', 'dir-3']);
  });

  it('asks only the owners that declare every parameter of the query', async () => {
    const res = await request(gw.app)
      .get(`${gw.base}/Organization?address-city=x`)
      .auth(token, { type: 'bearer' })
      .expect(200);
    expect(res.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).to.deep.equal(
      [],
    );
    const both = await request(gw.app)
      .get(`${gw.base}/Organization?name=1`)
      .auth(token, { type: 'bearer' })
      .expect(200);
    expect(both.body.total).to.equal(2);
  });

  it('skips an owner whose parameter is include-only, and the gateway ignores it alone', async () => {
    const includeOnly: SearchParamDefinition = {
      name: 'partof',
      type: 'reference',
      expression: 'Organization.partOf',
      includeOnly: true,
    };
    const searchable: SearchParamDefinition = {
      name: 'partof',
      type: 'reference',
      expression: 'Organization.partOf',
    };
    const registry = new PluginRegistry([
      organizations('a', ['a1'], { params: [includeOnly] }),
      organizations('b', ['b1'], { params: [searchable] }),
    ]);
    expect(registry.forType('Organization')!.capability.searchParams).to.deep.equal([searchable]);
    const alone = await buildTestGateway([organizations('a', ['a1'], { params: [includeOnly] })]);
    try {
      const res = await request(alone.app)
        .get(`${alone.base}/Organization?partof=Organization/x`)
        .set('Prefer', 'handling=strict')
        .auth(await alone.systemToken(), { type: 'bearer' })
        .expect(400);
      expect(res.body.issue[0].diagnostics).to.equal(
        'Unknown search parameter "partof" for Organization',
      );
    } finally {
      await alone.close();
    }
  });

  it('declares the union of profiles and parameters in the CapabilityStatement', async () => {
    const res = await request(gw.app).get(`${gw.base}/metadata`).expect(200);
    const org = res.body.rest[0].resource.find((r: { type: string }) => r.type === 'Organization');
    expect(org.supportedProfile).to.deep.equal(['urn:profile:payers', 'urn:profile:directory']);
    expect(org.searchParam.map((p: { name: string }) => p.name)).to.deep.equal([
      'name',
      'address-city',
    ]);
  });

  it('streams every owner in turn and resumes from a composite cursor', async () => {
    const registry = new PluginRegistry([
      organizations('a', ['a1', 'a2']),
      organizations('b', ['b1']),
    ]);
    const plugin = registry.forType('Organization')!.plugin;
    const ctx = {
      requestId: 't',
      logger: undefined as never,
      constraints: {},
      signal: new AbortController().signal,
    };
    const items = [];
    for await (const item of plugin.stream!({ types: ['Organization'] }, ctx)) items.push(item);
    expect(items.map((i) => i.resource.id)).to.deep.equal(['a1', 'a2', 'b1']);
    const resumed = [];
    for await (const item of plugin.stream!(
      { types: ['Organization'], cursor: items[0]!.cursor },
      ctx,
    )) {
      resumed.push(item.resource.id);
    }
    expect(resumed).to.deep.equal(['a2', 'b1']);
  });

  it('refuses two owners of a write interaction', () => {
    const writable = (name: string) =>
      organizations(name, [], { interactions: ['read', 'create'] });
    expect(() => new PluginRegistry([writable('a'), writable('b')])).to.throw(
      ConfigError,
      'plugins: Organization create is declared by several of "a", "b"; only one may own it',
    );
  });
});

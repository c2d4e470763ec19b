/**
 * A resource type served by several plugins, presented to the gateway as one owner. Payers
 * hold one FHIR type in several systems: the payer Organization in membership and provider
 * Organizations in the directory; Plan-Net InsurancePlans in the directory and formularies in
 * the formulary system. Ids must be unique across the owners (plugins prefix theirs).
 *
 * - read and vread ask every owner and return the one that has the id;
 * - search walks the owners in configuration order, skipping an owner that does not declare
 *   every parameter of the query (it could not honour the filter), with a composite cursor;
 * - stream walks them in the same order, resumable;
 * - create, update and history go to the single owner that declares them.
 */
import type {
  Interaction,
  Plugin,
  RequestContext,
  ResourceCapability,
  SearchParamDefinition,
  SearchRequest,
  SearchResult,
  StreamItem,
  StreamRequest,
} from '../../plugins/sdk/contract.js';
import { BadRequestError } from '../../plugins/sdk/errors.js';

export interface Owner {
  readonly plugin: Plugin;
  readonly capability: ResourceCapability;
}

/** Position in a walk over the owners: owner index and that owner's own cursor. */
interface Position {
  readonly o: number;
  readonly c?: string;
}

const SINGLE_OWNER: readonly Interaction[] = ['create', 'update', 'history-instance'];

/** Merges several owners of `type` into one plugin and capability; `problems` gets clashes. */
export function federate(type: string, owners: readonly Owner[], problems: string[]): Owner {
  const capability = mergeCapabilities(type, owners, problems);
  const single = (interaction: Interaction) =>
    owners.find((owner) => owner.capability.interactions.includes(interaction))?.plugin;
  const plugin: Plugin = {
    name: `federated:${type}`,
    capabilities: { resources: [capability] },
    read: (req, ctx) => firstFound(owners, 'read', (p) => p.read?.(req, ctx)),
    vread: (req, ctx) => firstFound(owners, 'vread', (p) => p.vread?.(req, ctx)),
    search: (req, ctx) => searchOwners(owners, req, ctx),
    stream: (req, ctx) => streamOwners(owners, req, ctx),
    create: (req, ctx) => single('create')!.create!(req, ctx),
    update: (req, ctx) => single('update')!.update!(req, ctx),
    history: (req, ctx) => single('history-instance')!.history!(req, ctx),
    health: async () => ({ status: 'pass', detail: 'federation of other plugins' }),
  };
  return { plugin, capability };
}

function mergeCapabilities(
  type: string,
  owners: readonly Owner[],
  problems: string[],
): ResourceCapability {
  const caps = owners.map((owner) => owner.capability);
  const names = owners.map((owner) => `"${owner.plugin.name}"`).join(', ');
  const interactions = unique(caps.flatMap((cap) => cap.interactions)).filter((interaction) => {
    const count = caps.filter((cap) => cap.interactions.includes(interaction)).length;
    if (!SINGLE_OWNER.includes(interaction) || count === 1) return true;
    problems.push(
      `plugins: ${type} ${interaction} is declared by several of ${names}; only one may own it`,
    );
    return false;
  });
  return {
    type,
    profiles: unique(caps.flatMap((cap) => cap.profiles)),
    interactions,
    searchParams: mergeParams(type, caps, problems),
    searchIncludes: unique(caps.flatMap((cap) => cap.searchIncludes ?? [])),
    searchRevIncludes: unique(caps.flatMap((cap) => cap.searchRevIncludes ?? [])),
    public: caps.every((cap) => cap.public === true),
  };
}

function mergeParams(
  type: string,
  caps: readonly ResourceCapability[],
  problems: string[],
): SearchParamDefinition[] {
  const byName = new Map<string, SearchParamDefinition>();
  for (const param of caps.flatMap((cap) => cap.searchParams)) {
    const known = byName.get(param.name);
    if (!known || (known.includeOnly && !param.includeOnly)) byName.set(param.name, param);
    else if (known.type !== param.type) {
      problems.push(
        `plugins: ${type} search parameter "${param.name}" is declared as ${known.type} and ${param.type}`,
      );
    }
  }
  return [...byName.values()];
}

async function firstFound<T>(
  owners: readonly Owner[],
  interaction: Interaction,
  call: (plugin: Plugin) => Promise<T | undefined> | undefined,
): Promise<T | undefined> {
  const able = owners.filter((owner) => owner.capability.interactions.includes(interaction));
  const results = await Promise.all(able.map(async (owner) => call(owner.plugin)));
  return results.find((result) => result !== undefined);
}

/** True when the owner declares every parameter the query uses. */
function canAnswer(owner: Owner, req: SearchRequest): boolean {
  return req.criteria.every((criterion) =>
    owner.capability.searchParams.some(
      (param) => param.name === criterion.name && !param.includeOnly,
    ),
  );
}

async function searchOwners(
  owners: readonly Owner[],
  req: SearchRequest,
  ctx: RequestContext,
): Promise<SearchResult> {
  const eligible = owners.map(
    (owner) => owner.capability.interactions.includes('search-type') && canAnswer(owner, req),
  );
  if (req.count === 0) return { resources: [], total: await totalOf(owners, eligible, req, ctx) };
  const start = decode(req.cursor);
  const resources: SearchResult['resources'][number][] = [];
  let position: Position | undefined = start;

  while (position && position.o < owners.length && resources.length < req.count) {
    if (!eligible[position.o]) {
      position = { o: position.o + 1 };
      continue;
    }
    const owner = owners[position.o] as Owner;
    const page = await owner.plugin.search!(
      { ...req, count: req.count - resources.length, cursor: position.c, wantTotal: false },
      ctx,
    );
    resources.push(...page.resources);
    position =
      page.nextCursor !== undefined ? { o: position.o, c: page.nextCursor } : { o: position.o + 1 };
  }

  const total =
    req.wantTotal && !req.cursor ? await totalOf(owners, eligible, req, ctx) : undefined;
  const more = position !== undefined && hasMore(position, eligible);
  return {
    resources,
    ...(total === undefined ? {} : { total }),
    ...(more ? { nextCursor: encode(position) } : {}),
  };
}

function hasMore(position: Position, eligible: readonly boolean[]): boolean {
  if (position.c !== undefined) return true;
  return eligible.some((ok, index) => ok && index >= position.o);
}

async function totalOf(
  owners: readonly Owner[],
  eligible: readonly boolean[],
  req: SearchRequest,
  ctx: RequestContext,
): Promise<number | undefined> {
  const pages = await Promise.all(
    owners.map(async (owner, index) =>
      eligible[index]
        ? owner.plugin.search!({ ...req, count: 0, cursor: undefined, wantTotal: true }, ctx)
        : undefined,
    ),
  );
  const totals = pages.flatMap((page) => (page ? [page.total] : []));
  return totals.every((total) => total !== undefined)
    ? totals.reduce<number>((sum, t) => sum + (t ?? 0), 0)
    : undefined;
}

async function* streamOwners(
  owners: readonly Owner[],
  req: StreamRequest,
  ctx: RequestContext,
): AsyncIterable<StreamItem> {
  const start = decode(req.cursor);
  for (let o = start.o; o < owners.length; o++) {
    const plugin = (owners[o] as Owner).plugin;
    if (!plugin.stream) continue;
    const cursor = o === start.o ? start.c : undefined;
    for await (const item of plugin.stream({ ...req, cursor }, ctx)) {
      yield { resource: item.resource, cursor: encode({ o, c: item.cursor }) };
    }
  }
}

function encode(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decode(cursor: string | undefined): Position {
  if (cursor === undefined) return { o: 0 };
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Position;
    if (Number.isInteger(position.o) && position.o >= 0) return position;
  } catch {
    // fall through to the error below
  }
  throw new BadRequestError('Invalid page cursor');
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/**
 * The plugins Provenance targets are read from. The registry presents a type several plugins
 * serve as one federated owner (gateway/plugins/federation.ts) whose name says nothing of where
 * a resource came from, yet a Provenance names its source system and that system's PDex source
 * format (claims EOBs x12837, prior authorizations x12278, ...). So targets are read, searched
 * and streamed owner by owner, each tagged with the plugin that served it. What the caller may
 * see is still decided by the caller (targets.ts) on the type's merged capability, as the
 * gateway decides it for the type itself.
 */
import type {
  Plugin,
  RequestContext,
  Resource,
  ResourceCapability,
  StreamRequest,
} from '../../plugins/sdk/contract.js';
import { BadRequestError, GatewayError } from '../../plugins/sdk/errors.js';
import type { PluginRegistry, TypeRoute } from '../plugins/registry.js';

/** One plugin serving the type, with its own declaration. */
export interface Owner {
  readonly plugin: Plugin;
  readonly capability: ResourceCapability;
}

/** A resource and the plugin (legacy system) that served it. */
export interface Served {
  readonly resource: Resource;
  readonly system: string;
}

const FEDERATED = 'federated:';

/** The plugins behind a route: the route itself, or each member of a federation. */
export function ownersOf(registry: Pick<PluginRegistry, 'plugins'>, route: TypeRoute): Owner[] {
  if (!route.plugin.name.startsWith(FEDERATED)) return [route];
  const type = route.capability.type;
  return registry.plugins.flatMap((plugin) =>
    plugin.capabilities.resources
      .filter((capability) => capability.type === type)
      .map((capability) => ({ plugin, capability })),
  );
}

/** `type/id` from the owner that has it (ids are unique across owners); a 4xx is a miss. */
export async function readFromOwners(
  owners: readonly Owner[],
  type: string,
  id: string,
  ctx: RequestContext,
): Promise<Served | undefined> {
  const able = owners.filter((o) => o.plugin.read && o.capability.interactions.includes('read'));
  const found = await Promise.all(
    able.map(async ({ plugin }) => {
      const resource = await quietly(() => plugin.read!({ resourceType: type, id }, ctx));
      return resource && { resource, system: plugin.name };
    }),
  );
  return found.find((served) => served !== undefined);
}

/** One `_id` search per owner that can answer it; an owner's 4xx finds nothing. */
export async function searchOwnersById(
  owners: readonly Owner[],
  type: string,
  ids: readonly string[],
  ctx: RequestContext,
): Promise<Served[]> {
  const able = owners.filter(
    ({ plugin, capability }) =>
      plugin.search &&
      capability.interactions.includes('search-type') &&
      capability.searchParams.some((param) => param.name === '_id' && !param.includeOnly),
  );
  const criteria = [{ name: '_id', values: [...ids] }];
  const request = { resourceType: type, criteria, count: ids.length, wantTotal: false };
  const pages = await Promise.all(
    able.map(async ({ plugin }) => {
      const page = await quietly(() => plugin.search!(request, ctx));
      return (page?.resources ?? []).map((resource) => ({ resource, system: plugin.name }));
    }),
  );
  return pages.flat();
}

/** Streams the owners in turn, resumable: the cursor is `<owner index>:<owner cursor>`. */
export async function* streamOwners(
  owners: readonly Owner[],
  req: StreamRequest,
  ctx: RequestContext,
): AsyncGenerator<Served & { readonly cursor: string }> {
  const start = parseCursor(req.cursor, owners.length);
  for (let index = start.index; index < owners.length; index++) {
    const plugin = (owners[index] as Owner).plugin;
    if (!plugin.stream) continue;
    const cursor = index === start.index ? start.inner : undefined;
    const request: StreamRequest = {
      types: req.types,
      ...(req.since ? { since: req.since } : {}),
      ...(cursor === undefined ? {} : { cursor }),
    };
    for await (const item of plugin.stream(request, ctx)) {
      yield { resource: item.resource, system: plugin.name, cursor: `${index}:${item.cursor}` };
    }
  }
}

function parseCursor(cursor: string | undefined, owners: number) {
  if (cursor === undefined) return { index: 0, inner: undefined };
  const match = /^(\d{1,3}):(.*)$/s.exec(cursor);
  const index = Number(match?.[1] ?? NaN);
  if (!match || index >= owners) throw new BadRequestError('Malformed paging cursor');
  return { index, inner: match[2] };
}

async function quietly<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof GatewayError && err.status < 500) return undefined;
    throw err;
  }
}

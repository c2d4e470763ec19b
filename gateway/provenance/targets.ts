/**
 * Reading the resources Provenance is derived from, through their owning plugins and under the
 * caller's authorization: the constraints the gateway gave the Provenance request, applied as
 * the gateway applies them to the target's own type (a public type gets the public view), and
 * re-checked with the gateway's AccessPolicy on every target. A target the caller may not see
 * yields no Provenance, so a Provenance never discloses it. A federated type's targets are read
 * from each of its plugins (owners.ts), so every target names the system that served it.
 */
import type {
  AccessConstraints,
  RequestContext,
  Resource,
  ResourceCapability,
} from '../../plugins/sdk/contract.js';
import { BadRequestError } from '../../plugins/sdk/errors.js';
import type { AccessPolicy } from '../auth/access.js';
import type { PluginRegistry, TypeRoute } from '../plugins/registry.js';
import { ownersOf, readFromOwners, searchOwnersById, streamOwners } from './owners.js';

/** What the plugin reads targets through, bound by the server once the registry exists. */
export interface ProvenanceBinding {
  readonly registry: Pick<PluginRegistry, 'forType' | 'types' | 'plugins'>;
  readonly access: Pick<AccessPolicy, 'admits'>;
}

/** A target the caller may see, and the plugin that served it. */
export interface Target {
  readonly resource: Resource;
  readonly system: string;
}

/** A streamed target with a cursor resuming just after it (`<Type>~<owner index>:<cursor>`). */
export interface StreamedTarget extends Target {
  readonly cursor: string;
}

/**
 * The constraints for reading a target of a type: a public type's public view; otherwise the
 * caller's patient constraints and the granular filters the token's scopes put on the target's
 * type; nothing at all for a caller limited to the public view or whose token may not read the
 * type (a Provenance would reveal that the target exists). The Provenance type's own granular
 * filters are left to the gateway.
 */
export function targetConstraints(
  capability: ResourceCapability,
  caller: AccessConstraints,
): AccessConstraints | undefined {
  const types = caller.readableTypes;
  const readable = !types ? {} : Object.hasOwn(types, capability.type) && types[capability.type];
  if (!readable) return undefined;
  if (capability.public === true) return { withoutPatientData: true };
  if (caller.withoutPatientData) return undefined;
  return {
    ...(caller.patientIds ? { patientIds: caller.patientIds } : {}),
    ...(readable.scopeFilters ? { scopeFilters: readable.scopeFilters } : {}),
  };
}

/** Reads `type/id` for the caller; undefined when absent, hidden or not readable. */
export async function readTarget(
  binding: ProvenanceBinding,
  ctx: RequestContext,
  type: string,
  id: string,
): Promise<Target | undefined> {
  const route = type === 'Provenance' ? undefined : binding.registry.forType(type);
  if (!route?.capability.interactions.includes('read')) return undefined;
  const constraints = targetConstraints(route.capability, ctx.constraints);
  if (!constraints) return undefined;
  const owners = ownersOf(binding.registry, route);
  const found = await readFromOwners(owners, type, id, { ...ctx, constraints });
  const resource = found?.resource;
  if (resource?.resourceType !== type || resource.id !== id) return undefined;
  return binding.access.admits(constraints, resource) ? found : undefined;
}

/**
 * Reads several targets (`Type/id` keys) for the caller: one `_id` search per type whose owner
 * supports it (a `_revinclude` page costs one backend query per type), else one read each.
 */
export async function readTargets(
  binding: ProvenanceBinding,
  ctx: RequestContext,
  keys: readonly string[],
): Promise<Map<string, Target>> {
  const byType = new Map<string, string[]>();
  for (const key of keys) {
    const [type = '', id = ''] = key.split('/');
    byType.set(type, [...(byType.get(type) ?? []), id]);
  }
  const found = new Map<string, Target>();
  for (const [type, ids] of byType) {
    for (const target of await readOfType(binding, ctx, type, ids)) {
      found.set(`${type}/${target.resource.id}`, target);
    }
  }
  return found;
}

async function readOfType(
  binding: ProvenanceBinding,
  ctx: RequestContext,
  type: string,
  ids: readonly string[],
): Promise<Target[]> {
  const route = type === 'Provenance' ? undefined : binding.registry.forType(type);
  const byId = route?.capability.searchParams.some((param) => param.name === '_id');
  const searchable = route?.capability.interactions.includes('search-type') && byId;
  const searched =
    route && searchable && ids.length > 1 ? await searchById(binding, ctx, route, ids) : [];
  const missing = ids.filter((id) => !searched.some((target) => target.resource.id === id));
  const read = await Promise.all(missing.map((id) => readTarget(binding, ctx, type, id)));
  return [...searched, ...read.filter((target): target is Target => target !== undefined)];
}

/** One `_id` search per owner; what they miss is left to single reads. */
async function searchById(
  binding: ProvenanceBinding,
  ctx: RequestContext,
  route: TypeRoute,
  ids: readonly string[],
): Promise<Target[]> {
  const type = route.capability.type;
  const constraints = targetConstraints(route.capability, ctx.constraints);
  if (!constraints) return [];
  const owners = ownersOf(binding.registry, route);
  const found = await searchOwnersById(owners, type, ids, { ...ctx, constraints });
  return found
    .filter(({ resource }) => resource.resourceType === type && ids.includes(resource.id ?? ''))
    .filter(({ resource }) => binding.access.admits(constraints, resource));
}

/** Options of a walk over several types' streams. */
export interface TargetWalk {
  readonly types: readonly string[];
  /** Narrows each type's stream; `undefined` entries mean the type is skipped. */
  readonly constraintsFor: (capability: ResourceCapability) => AccessConstraints | undefined;
  readonly since?: Date;
  readonly cursor?: string;
}

/** Streams the targets of `walk.types` in order, the caller's view only, resumable. */
export async function* streamTargets(
  binding: ProvenanceBinding,
  ctx: RequestContext,
  walk: TargetWalk,
): AsyncGenerator<StreamedTarget> {
  const resume = parseCursor(walk.cursor);
  const start = resume ? walk.types.indexOf(resume.type) : 0;
  if (start < 0) throw new BadRequestError('The paging cursor names a type not served here');
  for (const type of walk.types.slice(start)) {
    const route = binding.registry.forType(type);
    const constraints = route && walk.constraintsFor(route.capability);
    if (!route?.plugin.stream || !constraints) continue;
    const request = {
      types: [type],
      ...(walk.since ? { since: walk.since } : {}),
      ...(resume?.type === type ? { cursor: resume.inner } : {}),
    };
    const owners = ownersOf(binding.registry, route);
    for await (const item of streamOwners(owners, request, { ...ctx, constraints })) {
      if (!admitted(binding, constraints, type, item)) continue;
      yield { resource: item.resource, system: item.system, cursor: `${type}~${item.cursor}` };
    }
  }
}

/** Every type a plugin streams, except Provenance itself, in the registry's (sorted) order. */
export function streamableTypes(binding: ProvenanceBinding): string[] {
  return binding.registry
    .types()
    .filter(
      (type) =>
        type !== 'Provenance' && binding.registry.forType(type)?.plugin.stream !== undefined,
    );
}

function admitted(
  binding: ProvenanceBinding,
  constraints: AccessConstraints,
  type: string,
  item: { readonly resource: Resource },
): boolean {
  const resource = item.resource;
  return (
    resource.resourceType === type && !!resource.id && binding.access.admits(constraints, resource)
  );
}

function parseCursor(cursor: string | undefined): { type: string; inner: string } | undefined {
  if (cursor === undefined) return undefined;
  const at = cursor.indexOf('~');
  if (at < 1) throw new BadRequestError('Malformed paging cursor');
  return { type: cursor.slice(0, at), inner: cursor.slice(at + 1) };
}

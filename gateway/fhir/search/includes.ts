/**
 * `_include` and `_revinclude` (R4 §3.1.1.5.4). Included resources come from their own
 * owning plugins through the same scope and compartment checks as a direct read or search;
 * what the caller may not see is left out silently, as the spec allows.
 */
import type { Resource } from '@medplum/fhirtypes';
import { referencesAt } from '../../auth/compartment.js';
import { GatewayError } from '../../../plugins/sdk/errors.js';
import { pluginContext, type FhirServices } from '../services.js';
import type { FhirRequest } from '../types.js';
import { pathsOf } from './elements.js';
import type { ParsedSearch } from './parse.js';

/** Resolves the requested includes for a page of matches, without duplicates. */
export async function resolveIncludes(
  services: FhirServices,
  req: FhirRequest,
  parsed: ParsedSearch,
  matches: readonly Resource[],
): Promise<Resource[]> {
  if (matches.length === 0) return [];
  const found = new Map<string, Resource>();
  const seen = new Set(matches.map(key));
  const add = (resource: Resource) => {
    if (!seen.has(key(resource))) found.set(key(resource), resource);
  };

  for (const include of parsed.include) {
    for (const reference of forwardReferences(services, include, matches)) {
      const resource = await readIfAllowed(services, req, reference);
      if (resource) add(resource);
    }
  }
  for (const revinclude of parsed.revinclude) {
    for (const resource of await reverseMatches(services, req, revinclude, matches)) add(resource);
  }
  return [...found.values()];
}

function key(resource: Resource): string {
  return `${resource.resourceType}/${resource.id}`;
}

/**
 * `Type:param[:target]`, `Type:*`, or a bare `*` (every reference parameter of each match's own
 * type): relative references found at the parameters' paths.
 */
function forwardReferences(
  services: FhirServices,
  include: string,
  matches: readonly Resource[],
): string[] {
  const [sourceType = '', name = '', target] = include.split(':');
  const references = new Set<string>();
  for (const resource of matches) {
    if (include !== '*' && resource.resourceType !== sourceType) continue;
    const capability = services.registry.forType(resource.resourceType)?.capability;
    const params = (capability?.searchParams ?? []).filter(
      (param) =>
        param.type === 'reference' && (include === '*' || name === '*' || param.name === name),
    );
    for (const path of params.flatMap(pathsOf)) {
      for (const reference of referencesAt(resource, path)) references.add(reference);
    }
  }
  return [...references]
    .filter((ref) => /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(ref))
    .filter((ref) => target === undefined || ref.startsWith(`${target}/`));
}

async function readIfAllowed(
  services: FhirServices,
  req: FhirRequest,
  reference: string,
): Promise<Resource | undefined> {
  const [resourceType = '', id = ''] = reference.split('/');
  const route = services.registry.forType(resourceType);
  if (!route?.plugin.read || !route.capability.interactions.includes('read')) return undefined;
  try {
    const constraints = services.access.authorize(req.principal, 'r', resourceType);
    const resource = await route.plugin.read({ resourceType, id }, pluginContext(req, constraints));
    return resource && services.access.admits(constraints, resource) ? resource : undefined;
  } catch (err) {
    if (err instanceof GatewayError && err.status < 500) return undefined;
    throw err;
  }
}

/** `Type:param`: resources of Type whose param references one of the matches. */
async function reverseMatches(
  services: FhirServices,
  req: FhirRequest,
  revinclude: string,
  matches: readonly Resource[],
): Promise<Resource[]> {
  const [resourceType = '', name = ''] = revinclude.split(':');
  const route = services.registry.forType(resourceType);
  if (!route?.plugin.search) return [];
  let constraints;
  try {
    constraints = services.access.authorize(req.principal, 's', resourceType);
  } catch (err) {
    if (err instanceof GatewayError && err.status < 500) return [];
    throw err;
  }
  const result = await route.plugin.search(
    {
      resourceType,
      criteria: [{ name, values: matches.map(key) }],
      count: services.limits.maxCount,
      wantTotal: false,
    },
    pluginContext(req, constraints),
  );
  return result.resources.filter((resource) => services.access.admits(constraints, resource));
}

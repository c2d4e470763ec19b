/**
 * The resources outside the patient compartment that a page's resources refer to
 * (Practitioner, Organization, Location, Medication, a Coverage's payor...): R4
 * Patient-everything lets the server decide what to include, and a client needs these to
 * read the record. Each comes from its owning plugin through the same scope and access checks
 * as an `_include` (left out silently when the caller may not see it), once per page.
 */
import type { Resource } from '@medplum/fhirtypes';
import { GatewayError } from '../../plugins/sdk/errors.js';
import { isPatientData } from '../auth/compartment.js';
import { pluginContext, type FhirServices } from '../fhir/services.js';
import type { FhirRequest } from '../fhir/types.js';

/** Reads in flight at once, so a page with many distinct references stays quick. */
const PARALLEL_READS = 8;

/** Which references to follow. */
export interface ReferenceScope {
  readonly services: FhirServices;
  readonly req: FhirRequest;
  /** `_type`, when given: only these types are included. */
  readonly types?: ReadonlySet<string>;
}

/** The referenced non-compartment resources of `resources` the caller may see, once each. */
export async function referencedResources(
  scope: ReferenceScope,
  resources: readonly Resource[],
): Promise<Resource[]> {
  const present = new Set(resources.map((resource) => `${resource.resourceType}/${resource.id}`));
  const wanted = [...referencesIn(resources, scope.req.baseUrl)].filter(
    (reference) => !present.has(reference) && followable(scope, reference),
  );
  const found: Resource[] = [];
  for (let start = 0; start < wanted.length; start += PARALLEL_READS) {
    const batch = wanted.slice(start, start + PARALLEL_READS);
    const read = await Promise.all(batch.map((reference) => readIfAllowed(scope, reference)));
    for (const resource of read) if (resource) found.push(resource);
  }
  return found;
}

/** Every `Type/id` reference anywhere in the resources (relative, or absolute on this base). */
export function referencesIn(resources: readonly Resource[], baseUrl: string): Set<string> {
  const references = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'reference' && typeof value === 'string') {
        const reference = localReference(value, baseUrl);
        if (reference) references.add(reference);
      } else if (typeof value === 'object') visit(value);
    }
  };
  visit(resources);
  return references;
}

function localReference(reference: string, baseUrl: string): string | undefined {
  const relative = reference.startsWith(`${baseUrl}/`)
    ? reference.slice(baseUrl.length + 1)
    : reference;
  const match = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(relative);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** Only types outside the compartment (compartment types come from the walk itself). */
function followable(scope: ReferenceScope, reference: string): boolean {
  const type = reference.slice(0, reference.indexOf('/'));
  if (isPatientData(type)) return false;
  if (scope.types && !scope.types.has(type)) return false;
  const route = scope.services.registry.forType(type);
  return route?.plugin.read !== undefined && route.capability.interactions.includes('read');
}

async function readIfAllowed(
  scope: ReferenceScope,
  reference: string,
): Promise<Resource | undefined> {
  const [resourceType = '', id = ''] = reference.split('/');
  const { services, req } = scope;
  const route = services.registry.forType(resourceType);
  try {
    const constraints = services.access.authorize(req.principal, 'r', resourceType);
    const resource = await route?.plugin.read?.(
      { resourceType, id },
      pluginContext(req, constraints),
    );
    if (!resource || resource.resourceType !== resourceType || resource.id !== id) return undefined;
    return services.access.admits(constraints, resource) ? resource : undefined;
  } catch (err) {
    if (err instanceof GatewayError && err.status < 500) return undefined;
    throw err;
  }
}

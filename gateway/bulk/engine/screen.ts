/**
 * What happens to each streamed resource before it is written: the same checks as a read
 * (AccessPolicy.admits with the job's constraints for the type: scopes, compartment,
 * granular filters), then the export's own filters: `_since`, the manifest's
 * `transactionTime` ("SHOULD NOT include any resources modified after this instant"),
 * `_typeFilter`, Provenance relevance, and finally `_elements`. A resource the plugin should
 * never have sent (wrong type, no id) becomes an OperationOutcome in the error file.
 */
import type { OperationOutcome, Provenance, Resource } from '@medplum/fhirtypes';
import type { AccessPolicy } from '../../auth/access.js';
import { matchesCriteria } from '../../auth/granular.js';
import { outcome } from '../../fhir/outcome.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import type { ExportJob } from '../jobs/types.js';
import { subset } from '../params/elements.js';

export type DropReason = 'access' | 'since' | 'after' | 'filter' | 'provenance';

export type Verdict =
  | { readonly keep: Resource }
  | { readonly drop: DropReason }
  | { readonly issue: OperationOutcome };

export interface ScreenDeps {
  readonly access: AccessPolicy;
  readonly registry: PluginRegistry;
}

/** The screen for one type of one job. */
export function resourceScreen(
  deps: ScreenDeps,
  job: ExportJob,
  type: string,
): (resource: Resource) => Verdict {
  const { spec } = job;
  const constraints = spec.constraints[type] ?? {};
  const filters = spec.typeFilters[type];
  const params = deps.registry.forType(type)?.capability.searchParams ?? [];
  const since = spec.since === undefined ? undefined : Date.parse(spec.since);
  const until = Date.parse(job.transactionTime);
  const exportedTypes = new Set(spec.types.filter((t) => t !== 'Provenance'));

  return (resource) => {
    if (resource.resourceType !== type || !resource.id) return { issue: malformed(type, resource) };
    const updated =
      resource.meta?.lastUpdated === undefined ? undefined : Date.parse(resource.meta.lastUpdated);
    if (updated !== undefined && updated > until) return { drop: 'after' };
    if (since !== undefined && updated !== undefined && updated < since) return { drop: 'since' };
    if (!deps.access.admits(constraints, resource)) return { drop: 'access' };
    if (filters && !filters.some((criteria) => matchesCriteria(resource, criteria, params))) {
      return { drop: 'filter' };
    }
    if (
      spec.provenance &&
      type === 'Provenance' &&
      !targetsExported(resource as Provenance, exportedTypes)
    ) {
      return { drop: 'provenance' };
    }
    return { keep: spec.elements ? subset(resource, spec.elements) : resource };
  };
}

/** RelevantProvenanceResources: Provenance whose target is of an exported type. */
function targetsExported(provenance: Provenance, types: ReadonlySet<string>): boolean {
  return (provenance.target ?? []).some((target) => {
    const type = /(?:^|\/)([A-Z][A-Za-z]+)\/[^/]+(?:\/_history\/[^/]+)?$/.exec(
      target.reference ?? '',
    )?.[1];
    return type !== undefined && types.has(type);
  });
}

/** No ids or content in the message: the resource may not be the caller's to see. */
function malformed(type: string, resource: Resource): OperationOutcome {
  const problem =
    resource.resourceType !== type
      ? `the ${type} stream produced a resource of type ${String(resource.resourceType)}`
      : `the ${type} stream produced a resource without an id`;
  return outcome(
    'error',
    'processing',
    `A resource was left out of the export: ${problem}`,
    undefined,
    [type],
  );
}

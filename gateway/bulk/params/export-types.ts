/**
 * Which resource types a kick-off asks for, decided before authorization so the route table
 * can check a scope for each (Bulk Data 2.0 `_type`): the types named by `_type` (and
 * Provenance for `includeAssociatedData=RelevantProvenanceResources`) must each be allowed,
 * while without `_type` the export covers "all supported resources within the scope of the
 * client authorization": every type a plugin can stream, at Patient and Group level those of
 * the Patient compartment, narrowed silently to what the token allows.
 */
import { isPatientData } from '../../auth/compartment.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import type { ExportLevel } from '../jobs/types.js';
import { listValues, type RawParams } from './kickoff-params.js';

/** Types the request names, and types it implies. */
export interface RequestedTypes {
  readonly named: readonly string[];
  readonly implied: readonly string[];
}

export const RELEVANT_PROVENANCE = 'RelevantProvenanceResources';

/** Types whose owning plugin implements `stream()`, in registry (alphabetical) order. */
export function exportableTypes(registry: PluginRegistry): string[] {
  return registry.types().filter((type) => registry.forType(type)?.plugin.stream !== undefined);
}

/** The default types of a level. */
export function defaultTypes(level: ExportLevel, registry: PluginRegistry): string[] {
  const types = exportableTypes(registry);
  return level === 'system' ? types : types.filter(isPatientData);
}

/** The named and implied types of a kick-off. */
export function requestedTypes(
  level: ExportLevel,
  params: RawParams,
  registry: PluginRegistry,
): RequestedTypes {
  const named = [...new Set(listValues(params, '_type'))];
  const provenance = listValues(params, 'includeAssociatedData').includes(RELEVANT_PROVENANCE);
  if (named.length === 0) return { named: [], implied: defaultTypes(level, registry) };
  const withProvenance =
    provenance && !named.includes('Provenance') ? [...named, 'Provenance'] : named;
  return { named: withProvenance, implied: [] };
}

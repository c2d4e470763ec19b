/**
 * The built-in Provenance plugin: for every resource the other plugins serve, a Provenance
 * derived on demand from the resource itself (no store), so `_revinclude=Provenance:target`
 * works for every type (US Core 6.1.0 and PDex 2.1.0 ask for it everywhere). It reads targets
 * through the registry, which exists only after the plugins are loaded: the server creates the
 * plugin, passes it to `loadPlugins` as a built-in, then calls `bind({ registry, access })`.
 *
 * Read decodes the id (`prv-<Type>-<id>`) and reads the target; search serves `_id`, `target`
 * and `patient`; stream walks every other type's stream (bulk export's
 * RelevantProvenanceResources keeps the Provenance of the exported types). Every target is
 * read under the caller's constraints and re-checked by the AccessPolicy.
 */
import type { Plugin, RequestContext } from '../../plugins/sdk/contract.js';
import { PluginOptionsError } from '../../plugins/sdk/contract.js';
import { GatewayError } from '../../plugins/sdk/errors.js';
import { SOURCE_FORMAT_DISPLAY } from './build.js';
import { PROVENANCE_CAPABILITY } from './capability.js';
import { targetOf } from './ids.js';
import { build, searchProvenance, type SearchDeps } from './search.js';
import { DEFAULT_SOURCE_FORMATS, type SourceFormats } from './sources.js';
import {
  readTarget,
  streamableTypes,
  streamTargets,
  targetConstraints,
  type ProvenanceBinding,
} from './targets.js';

export type { ProvenanceBinding } from './targets.js';
export { provenanceId, targetOf } from './ids.js';
export { PDEX_PROVENANCE, US_CORE_PROVENANCE } from './build.js';

/** Options of the Provenance plugin. */
export interface ProvenanceOptions {
  /** Logical id of the payer Organization (membership plugin: the payer id, e.g. `CMHP1`). */
  readonly payerOrganization: string;
  /** Plugin name -> PDex source format code, over {@link DEFAULT_SOURCE_FORMATS}. */
  readonly sourceFormats?: SourceFormats;
}

/** The plugin, plus the late binding to the registry and access policy. */
export interface ProvenancePlugin extends Plugin {
  /** Binds the registry the targets are read through; call once, after `loadPlugins`. */
  bind(binding: ProvenanceBinding): void;
}

/** Creates the (unbound) Provenance plugin. */
export function createProvenancePlugin(options: ProvenanceOptions): ProvenancePlugin {
  const formats = { ...DEFAULT_SOURCE_FORMATS, ...options.sourceFormats };
  checkOptions(options, formats);
  let binding: ProvenanceBinding | undefined;
  const deps = (): SearchDeps => {
    if (!binding) throw new GatewayError('The Provenance plugin is not bound to the registry');
    return { binding, options, formats };
  };
  return {
    name: 'provenance',
    capabilities: { resources: [PROVENANCE_CAPABILITY] },
    bind: (value) => {
      binding = value;
    },
    read: async (req, ctx) => readProvenance(deps(), req.id, ctx),
    search: async (req, ctx) => searchProvenance(deps(), req, ctx),
    stream: (req, ctx) => streamProvenance(deps(), req.cursor, req.since, ctx),
    health: async () =>
      binding
        ? { status: 'pass', detail: 'derived from the other plugins' }
        : { status: 'fail', detail: 'not bound to the registry' },
  };
}

function checkOptions(options: ProvenanceOptions, formats: SourceFormats): void {
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(options.payerOrganization)) {
    throw new PluginOptionsError('payerOrganization', 'must be a FHIR id');
  }
  for (const [system, code] of Object.entries(formats)) {
    if (!(code in SOURCE_FORMAT_DISPLAY)) {
      throw new PluginOptionsError(`sourceFormats.${system}`, `unknown source format "${code}"`);
    }
  }
}

async function readProvenance(deps: SearchDeps, id: string, ctx: RequestContext) {
  const target = targetOf(id);
  if (!target) return undefined;
  const found = await readTarget(deps.binding, ctx, target.type, target.id);
  return found && build(deps, found);
}

/**
 * Bulk export: the Provenance of everything the caller may export, type by type in registry
 * order. The engine keeps those whose target is of an exported type (RelevantProvenanceResources).
 */
async function* streamProvenance(
  deps: SearchDeps,
  cursor: string | undefined,
  since: Date | undefined,
  ctx: RequestContext,
) {
  const walk = {
    types: streamableTypes(deps.binding),
    constraintsFor: (capability: Parameters<typeof targetConstraints>[0]) =>
      targetConstraints(capability, ctx.constraints),
    ...(cursor === undefined ? {} : { cursor }),
    ...(since ? { since } : {}),
  };
  for await (const target of streamTargets(deps.binding, ctx, walk)) {
    yield { resource: build(deps, target), cursor: target.cursor };
  }
}

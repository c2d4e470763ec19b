/**
 * Loads the configured plugins and answers "which plugin owns this resource type or
 * operation". Each resource type has exactly one owner; a clash is a configuration error.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  OperationCapability,
  Plugin,
  PluginContext,
  PluginFactory,
  ResourceCapability,
} from '../../plugins/sdk/contract.js';
import { PluginOptionsError } from '../../plugins/sdk/contract.js';
import type { PluginConfig } from '../config/schema.js';
import { ConfigError } from '../config/load.js';
import { federate } from './federation.js';

/** A resource type's owner and what it declared for the type. */
export interface TypeRoute {
  readonly plugin: Plugin;
  readonly capability: ResourceCapability;
}

/** A served operation and its owner. */
export interface OperationRoute {
  readonly plugin: Plugin;
  readonly operation: OperationCapability;
}

/**
 * The loaded plugins, indexed by resource type and operation. A type several plugins serve
 * is federated (see `federation.ts`) and appears here as one owner.
 */
export class PluginRegistry {
  private readonly byType = new Map<string, TypeRoute>();
  private readonly operations: OperationRoute[] = [];

  constructor(readonly plugins: readonly Plugin[]) {
    const problems: string[] = [];
    const owners = new Map<string, TypeRoute[]>();
    for (const plugin of plugins) {
      for (const capability of plugin.capabilities.resources) {
        owners.set(capability.type, [
          ...(owners.get(capability.type) ?? []),
          { plugin, capability },
        ]);
      }
      for (const operation of plugin.capabilities.operations ?? []) {
        this.operations.push({ plugin, operation });
      }
    }
    for (const [type, routes] of owners) {
      this.byType.set(
        type,
        routes.length === 1 ? (routes[0] as TypeRoute) : federate(type, routes, problems),
      );
    }
    if (problems.length > 0) throw new ConfigError(problems);
    withProvenanceRevinclude(this.byType);
  }

  /** The owner (or federation of owners) of a type, or undefined when no plugin serves it. */
  forType(resourceType: string): TypeRoute | undefined {
    return this.byType.get(resourceType);
  }

  /** Every served resource type, sorted. */
  types(): string[] {
    return [...this.byType.keys()].sort();
  }

  /** The owner of `$name` at this level and type (type undefined for system level). */
  forOperation(
    name: string,
    level: 'system' | 'type' | 'instance',
    resourceType?: string,
  ): OperationRoute | undefined {
    return this.operations.find(
      ({ operation }) =>
        operation.name === name &&
        operation.level.includes(level) &&
        operation.resourceType === resourceType,
    );
  }

  allOperations(): readonly OperationRoute[] {
    return this.operations;
  }

  /** Closes every plugin, logging nothing: callers log failures. */
  async close(): Promise<void> {
    await Promise.allSettled(this.plugins.map(async (plugin) => plugin.close?.()));
  }
}

const PROVENANCE_TARGET = 'Provenance:target';

/**
 * US Core 6.1.0 (Basic Provenance) and PDex ask every searchable type to support
 * `_revinclude=Provenance:target`: once a plugin serves Provenance with a `target` parameter,
 * every other searchable type accepts it and lists it in the CapabilityStatement.
 */
function withProvenanceRevinclude(byType: Map<string, TypeRoute>): void {
  const provenance = byType.get('Provenance')?.capability;
  if (!provenance?.searchParams.some((p) => p.name === 'target' && p.type === 'reference')) return;
  for (const [type, route] of byType) {
    const current = route.capability.searchRevIncludes ?? [];
    if (type === 'Provenance' || current.includes(PROVENANCE_TARGET)) continue;
    if (!route.capability.interactions.includes('search-type')) continue;
    const capability = { ...route.capability, searchRevIncludes: [...current, PROVENANCE_TARGET] };
    byType.set(type, { ...route, capability });
  }
}

/** Imports each enabled plugin module and calls its factory with its options. */
export async function loadPlugins(
  configs: readonly PluginConfig[],
  ctx: PluginContext,
  builtIn: readonly Plugin[] = [],
): Promise<PluginRegistry> {
  const plugins = [...builtIn];
  for (const [index, config] of configs.entries()) {
    if (!config.enabled) continue;
    const factory = await importFactory(config, index);
    const logger = ctx.logger.child({ plugin: config.name });
    try {
      plugins.push(await factory(config.options, { ...ctx, logger }));
    } catch (err) {
      if (!(err instanceof PluginOptionsError)) throw err;
      throw new ConfigError([`plugins.${index}.options.${err.message}`]);
    }
  }
  return new PluginRegistry(plugins);
}

async function importFactory(config: PluginConfig, index: number): Promise<PluginFactory> {
  const specifier = /^[./]/.test(config.module)
    ? pathToFileURL(isAbsolute(config.module) ? config.module : resolve(config.module)).href
    : config.module;
  let mod: { default?: unknown };
  try {
    mod = (await import(specifier)) as { default?: unknown };
  } catch (err) {
    throw new ConfigError([
      `plugins.${index}.module: cannot load "${config.module}": ${String(err)}`,
    ]);
  }
  if (typeof mod.default !== 'function') {
    throw new ConfigError([`plugins.${index}.module: default export is not a plugin factory`]);
  }
  return mod.default as PluginFactory;
}

/**
 * Checks a parsed chain against what the plugins declared (R4 §3.1.1.4.5-6), before any
 * search runs: each hop's reference parameter, its target types (`SearchParamDefinition
 * .targets`, narrowed by a `:Type` modifier), that each type is served and searchable, and
 * the final criterion. A chain that cannot be followed is reported as a {@link ChainProblem},
 * which the caller treats like an unknown parameter.
 */
import type { ResourceCapability, SearchCriterion } from '../../../plugins/sdk/contract.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import type { ChainKey } from './chain-syntax.js';
import { pathsOf } from './elements.js';
import { parseCriterion } from './parse.js';

/** A chain that checked out: how to turn it into a criterion on the outer type. */
export type ChainPlan =
  | { readonly kind: 'leaf'; readonly criterion: SearchCriterion }
  | {
      readonly kind: 'forward';
      readonly param: string;
      /** One inner search per target type that can answer the rest of the chain. */
      readonly targets: ReadonlyArray<{ readonly type: string; readonly inner: ChainPlan }>;
    }
  | {
      readonly kind: 'reverse';
      readonly source: string;
      /** Element paths of the source's reference parameter. */
      readonly paths: readonly string[];
      /** The type the references must point at (the type the chain is applied to). */
      readonly pointsAt: string;
      readonly inner: ChainPlan;
    };

/** Why a chain cannot be followed, for the diagnostic. */
export class ChainProblem extends Error {}

/** Plans `key=value` applied to `capability`'s type. Throws {@link ChainProblem}. */
export function planChain(
  registry: PluginRegistry,
  capability: ResourceCapability,
  key: ChainKey,
  value: string,
): ChainPlan {
  if (key.kind === 'leaf') return planLeaf(capability, key.key, value);
  if (key.kind === 'forward') return planForward(registry, capability, key, value);
  return planReverse(registry, capability, key, value);
}

function planLeaf(capability: ResourceCapability, key: string, value: string): ChainPlan {
  const [name = ''] = key.split(':');
  const known = capability.searchParams.some((p) => p.name === name && !p.includeOnly);
  if (!known) throw new ChainProblem(`${capability.type} has no search parameter "${name}"`);
  const criterion = parseCriterion(key, value, capability, true);
  if (!criterion) throw new ChainProblem(`${capability.type} cannot search by "${name}"`);
  return { kind: 'leaf', criterion };
}

function planForward(
  registry: PluginRegistry,
  capability: ResourceCapability,
  key: Extract<ChainKey, { kind: 'forward' }>,
  value: string,
): ChainPlan {
  const targets = [];
  const problems: string[] = [];
  for (const type of targetTypes(capability, key)) {
    try {
      const inner = planChain(registry, searchable(registry, type), key.next, value);
      targets.push({ type, inner });
    } catch (err) {
      if (!(err instanceof ChainProblem)) throw err;
      problems.push(err.message);
    }
  }
  if (targets.length === 0) throw new ChainProblem(problems.join('; '));
  return { kind: 'forward', param: key.param, targets };
}

/** The types a forward hop may search: the `:Type` named, else every declared target. */
function targetTypes(
  capability: ResourceCapability,
  key: Extract<ChainKey, { kind: 'forward' }>,
): readonly string[] {
  const param = capability.searchParams.find((p) => p.name === key.param && !p.includeOnly);
  const where = `${capability.type}.${key.param}`;
  if (param?.type !== 'reference') {
    throw new ChainProblem(`${capability.type} has no reference parameter "${key.param}"`);
  }
  const declared = param.targets ?? [];
  if (key.type !== undefined && declared.length > 0 && !declared.includes(key.type)) {
    throw new ChainProblem(`${where} cannot refer to ${key.type}`);
  }
  const candidates = key.type === undefined ? declared : [key.type];
  if (candidates.length === 0) throw new ChainProblem(`${where} declares no target type`);
  return candidates;
}

function planReverse(
  registry: PluginRegistry,
  capability: ResourceCapability,
  key: Extract<ChainKey, { kind: 'reverse' }>,
  value: string,
): ChainPlan {
  const source = searchable(registry, key.type);
  const param = source.searchParams.find((p) => p.name === key.param);
  if (param?.type !== 'reference') {
    throw new ChainProblem(`${key.type} has no reference parameter "${key.param}"`);
  }
  const targets = param.targets ?? [];
  if (targets.length > 0 && !targets.includes(capability.type)) {
    throw new ChainProblem(`${key.type}.${key.param} cannot refer to ${capability.type}`);
  }
  const paths = pathsOf(param);
  if (paths.length === 0) {
    throw new ChainProblem(`${key.type}.${key.param} declares no element path`);
  }
  const inner = planChain(registry, source, key.next, value);
  return { kind: 'reverse', source: key.type, paths, pointsAt: capability.type, inner };
}

/** The capability of a type that is served and can be searched. */
function searchable(registry: PluginRegistry, type: string): ResourceCapability {
  const route = registry.forType(type);
  if (!route) throw new ChainProblem(`${type} is not served here`);
  if (!route.plugin.search || !route.capability.interactions.includes('search-type')) {
    throw new ChainProblem(`${type} cannot be searched`);
  }
  return route.capability;
}

/**
 * Helpers for the Plan-Net search conformance test: an in-memory plugin serving the official
 * examples under the directory plugin's own declaration, a naive matcher for string, token
 * and reference criteria, and the chained searches the examples' references give rise to.
 */
import type { Resource } from '@medplum/fhirtypes';
import type {
  Plugin,
  ResourceCapability,
  SearchCriterion,
  SearchParamDefinition,
} from '../../plugins/sdk/contract.js';
import { pathsOf, valuesAt } from '../../gateway/fhir/search/elements.js';

/** One chained search shape: `source?param.inner=value`, anchored on two resources. */
export interface ChainCase {
  readonly source: string;
  readonly param: SearchParamDefinition;
  readonly target: string;
  readonly inner: SearchParamDefinition;
  readonly value: string;
  /** The resource of `source` whose reference gave rise to the case. */
  readonly anchor: Resource;
}

const STRING_KEYS = ['family', 'given', 'text', 'city', 'state', 'postalCode'];

/** A search value taken from a resource for a parameter, as a client would type it. */
export function valueFor(resource: Resource, param: SearchParamDefinition): string | undefined {
  const elements = pathsOf(param).flatMap((path) => valuesAt(resource, path));
  for (const element of elements) {
    const value = param.type === 'string' ? firstString(element) : tokenOrRef(param, element);
    if (value) return value;
  }
  return undefined;
}

function firstString(element: unknown): string | undefined {
  if (typeof element === 'string') return element;
  const node = element as Record<string, unknown> | null;
  for (const key of STRING_KEYS) {
    const value = node?.[key];
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') return first;
  }
  return undefined;
}

/** The parts of a Reference, CodeableConcept, Coding or Identifier the matcher reads. */
interface Node {
  reference?: string;
  coding?: Node[];
  system?: string;
  code?: string;
  value?: string;
}

function tokenOrRef(param: SearchParamDefinition, element: unknown): string | undefined {
  const node = element as Node | null;
  if (param.type === 'reference') return node?.reference;
  if (param.type !== 'token') return undefined;
  const coding = node?.coding?.[0] ?? node;
  const code = coding?.code ?? coding?.value;
  if (!code) return undefined;
  return coding?.system ? `${coding.system}|${code}` : code;
}

/** Naive R4 matching: string starts-with (any name/address part), token, reference. */
export function matches(
  resource: Resource,
  criterion: SearchCriterion,
  params: readonly SearchParamDefinition[],
): boolean {
  if (criterion.name === '_id') return criterion.values.includes(resource.id ?? '');
  const param = params.find((p) => p.name === criterion.name);
  if (!param) return false;
  const elements = pathsOf(param).flatMap((path) => valuesAt(resource, path));
  return criterion.values.some((wanted) =>
    elements.some((element) => {
      const value = param.type === 'string' ? firstString(element) : tokenOrRef(param, element);
      if (value === undefined) return false;
      if (param.type === 'string') return value.toLowerCase().startsWith(wanted.toLowerCase());
      if (param.type === 'reference') return value === wanted || value.endsWith(`/${wanted}`);
      return value === wanted || (!wanted.includes('|') && value.endsWith(`|${wanted}`));
    }),
  );
}

/** The directory's declaration, restricted to what the naive matcher understands. */
export function exampleCapabilities(
  resources: readonly ResourceCapability[],
): ResourceCapability[] {
  return resources.map((capability) => ({
    ...capability,
    searchParams: capability.searchParams.filter(
      (p) => ['string', 'token', 'reference'].includes(p.type) || p.name === '_id',
    ),
  }));
}

/** An in-memory, public plugin over the official examples. */
export function examplesPlugin(
  examples: readonly Resource[],
  capabilities: readonly ResourceCapability[],
): Plugin {
  const paramsOf = (type: string) => capabilities.find((c) => c.type === type)?.searchParams ?? [];
  return {
    name: 'plan-net-examples',
    capabilities: { resources: capabilities },
    read: (req) =>
      Promise.resolve(examples.find((r) => r.resourceType === req.resourceType && r.id === req.id)),
    search: (req) => {
      const found = examples.filter(
        (r) =>
          r.resourceType === req.resourceType &&
          req.criteria.every((c) => matches(r, c, paramsOf(r.resourceType))),
      );
      return Promise.resolve({ resources: found.slice(0, req.count), total: found.length });
    },
    health: () => Promise.resolve({ status: 'pass' }),
  };
}

/**
 * Every chained search the resources' references give rise to: for each reference parameter
 * a resource uses, each string or token parameter of the referenced resource with a value.
 * `find` resolves a reference among the same resources.
 */
export function chainCases(
  resources: readonly Resource[],
  capabilities: readonly ResourceCapability[],
  find: (reference: string) => Resource | undefined,
): ChainCase[] {
  const cases: ChainCase[] = [];
  for (const anchor of resources) {
    const capability = capabilities.find((c) => c.type === anchor.resourceType);
    for (const param of capability?.searchParams.filter((p) => p.type === 'reference') ?? []) {
      const reference = valueFor(anchor, param);
      const target = reference === undefined ? undefined : find(reference);
      const targetParams =
        capabilities.find((c) => c.type === target?.resourceType)?.searchParams ?? [];
      for (const inner of targetParams.filter((p) => p.type === 'string' || p.type === 'token')) {
        const value = target && valueFor(target, inner);
        if (!target || !value) continue;
        cases.push({
          source: anchor.resourceType,
          param,
          target: target.resourceType,
          inner,
          value,
          anchor,
        });
      }
    }
  }
  return cases;
}

/** The query string of a case. */
export function chainQuery(c: ChainCase): string {
  return `${c.source}?${c.param.name}.${c.inner.name}=${encodeURIComponent(c.value)}`;
}

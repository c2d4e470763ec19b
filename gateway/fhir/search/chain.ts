/**
 * Chained parameters (R4 §3.1.1.4.5) and reverse chaining with `_has` (R4 §3.1.1.4.6), for
 * every plugin alike. Plugins never see a chain: the gateway runs each inner search on the
 * target type's owner (federations included) with the caller's own authorization, collects
 * the matching ids, and rewrites the parameter into a plain criterion on the outer type:
 * `practitioner.name=X` becomes `practitioner=Practitioner/a,Practitioner/b`, and
 * `_has:PractitionerRole:practitioner:specialty=Y` becomes `_id=a,b`.
 *
 * Inner matches are bounded by {@link MAX_CHAIN_MATCHES}: past it the search is refused with a
 * 400 naming the parameter rather than silently truncated. An inner search with no match
 * makes the whole search match nothing.
 */
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import type {
  AccessConstraints,
  ResourceCapability,
  SearchCriterion,
} from '../../../plugins/sdk/contract.js';
import { BadRequestError, UnknownSearchParamError } from '../../../plugins/sdk/errors.js';
import { referencesAt } from '../../auth/compartment.js';
import { pluginContext, type FhirServices } from '../services.js';
import type { FhirRequest, QueryPairs } from '../types.js';
import { ChainProblem, planChain, type ChainPlan } from './chain-plan.js';
import { isChainKey, MalformedChainError, parseChainKey } from './chain-syntax.js';

/** The most resources one inner search of a chain may match. */
export const MAX_CHAIN_MATCHES = 1000;

/** The chained parameters of a query, checked and ready to run. */
export interface PlannedChains {
  readonly chains: ReadonlyArray<{ readonly key: string; readonly plan: ChainPlan }>;
  /** The query without its chained parameters, for `parseSearch`. */
  readonly rest: QueryPairs;
  /** The chained parameters kept, in order, for the `self` and `next` links. */
  readonly understood: QueryPairs;
  /** Chained parameters ignored because they cannot be followed (lenient handling). */
  readonly ignored: ReadonlyArray<{ readonly key: string; readonly reason: string }>;
}

/**
 * Separates and checks the chained parameters of a search of `capability`'s type. A chain
 * that cannot be followed is an unknown parameter: ignored, or a 400 under
 * `Prefer: handling=strict` (R4 §3.1.1.5.1 "Handling errors").
 */
export function planChains(
  services: FhirServices,
  capability: ResourceCapability,
  query: QueryPairs,
  strict: boolean,
): PlannedChains {
  const chains: Array<{ key: string; plan: ChainPlan }> = [];
  const rest: Array<readonly [string, string]> = [];
  const understood: Array<readonly [string, string]> = [];
  const ignored: Array<{ key: string; reason: string }> = [];
  for (const [key, value] of query) {
    if (!isChainKey(key)) {
      rest.push([key, value]);
      continue;
    }
    const planned = tryPlan(services, capability, key, value);
    if (typeof planned === 'string') {
      if (strict) throw unknownChain(key, planned);
      ignored.push({ key, reason: planned });
      continue;
    }
    chains.push({ key, plan: planned });
    understood.push([key, value]);
  }
  return { chains, rest, understood, ignored };
}

function tryPlan(
  services: FhirServices,
  capability: ResourceCapability,
  key: string,
  value: string,
): ChainPlan | string {
  try {
    return planChain(services.registry, capability, parseChainKey(key), value);
  } catch (err) {
    if (err instanceof ChainProblem || err instanceof MalformedChainError) return err.message;
    throw err;
  }
}

function unknownChain(key: string, reason: string): UnknownSearchParamError {
  return new UnknownSearchParamError(`Unknown chained parameter "${key}": ${reason}`, {
    expression: [key],
  });
}

/**
 * Runs the inner searches and returns the criteria replacing the chained parameters, or
 * null when one of them matched nothing (the search then has no matches).
 */
export async function runChains(
  services: FhirServices,
  req: FhirRequest,
  planned: PlannedChains,
): Promise<SearchCriterion[] | null> {
  const criteria: SearchCriterion[] = [];
  for (const { key, plan } of planned.chains) {
    const criterion = await criterionOf(new Runner(services, req, key), plan);
    req.logger.debug('chained parameter resolved', {
      param: key,
      matches: criterion?.values.length ?? 0,
    });
    if (!criterion) return null;
    criteria.push(criterion);
  }
  return criteria;
}

/**
 * ANDs the plain and chain criteria. Several unmodified `_id` criteria (from `_has` and `_id`)
 * are intersected into one, since a plugin may take `_id` only once; null when the
 * intersection is empty.
 */
export function combineCriteria(
  plain: readonly SearchCriterion[],
  chained: readonly SearchCriterion[],
): SearchCriterion[] | null {
  const all = [...plain, ...chained];
  const ids = all.filter((c) => c.name === '_id' && c.modifier === undefined);
  if (ids.length < 2) return all;
  const [first, ...others] = ids.map((c) => c.values);
  const values = (first ?? []).filter((id) => others.every((set) => set.includes(id)));
  if (values.length === 0) return null;
  return [...all.filter((c) => !ids.includes(c)), { name: '_id', values }];
}

/** A Bundle outcome listing the ignored parameters, or undefined when none were. */
export function ignoredOutcome(
  ignored: PlannedChains['ignored'],
  requestId: string,
): OperationOutcome | undefined {
  if (ignored.length === 0) return undefined;
  return {
    resourceType: 'OperationOutcome',
    id: requestId,
    issue: ignored.map(({ key, reason }) => ({
      severity: 'warning',
      code: 'not-supported',
      diagnostics: `Chained parameter "${key}" was ignored: ${reason}`,
      expression: [key],
    })),
  };
}

async function criterionOf(runner: Runner, plan: ChainPlan): Promise<SearchCriterion | null> {
  if (plan.kind === 'leaf') return plan.criterion;
  if (plan.kind === 'forward') {
    const values: string[] = [];
    for (const { type, inner } of plan.targets) {
      const found = await runner.matching(type, inner);
      values.push(...found.map((resource) => `${type}/${resource.id}`));
    }
    return values.length === 0 ? null : { name: plan.param, values: [...new Set(values)] };
  }
  const sources = await runner.matching(plan.source, plan.inner);
  const ids = new Set(
    sources.flatMap((source) => pointers(source, plan.paths, plan.pointsAt, runner.baseUrl)),
  );
  return ids.size === 0 ? null : { name: '_id', values: [...ids] };
}

/**
 * Ids of `type` that the source's references at `paths` point at: relative references, or
 * absolute ones on this server's base (a reference to another server is not ours).
 */
function pointers(source: Resource, paths: readonly string[], type: string, base: string) {
  const pattern = new RegExp(`^${type}/([A-Za-z0-9\\-.]{1,64})$`);
  return paths.flatMap((path) =>
    referencesAt(source, path).flatMap((reference) => {
      const relative = reference.startsWith(`${base}/`)
        ? reference.slice(base.length + 1)
        : reference;
      const match = pattern.exec(relative);
      return match?.[1] ? [match[1]] : [];
    }),
  );
}

/** Runs the inner searches of one chained parameter under the caller's authorization. */
class Runner {
  /** The public FHIR base, to recognise absolute references to this server. */
  readonly baseUrl: string;

  constructor(
    private readonly services: FhirServices,
    private readonly req: FhirRequest,
    private readonly key: string,
  ) {
    this.baseUrl = req.baseUrl;
  }

  /** Every resource of `type` matching the plan that the caller may see, bounded. */
  async matching(type: string, plan: ChainPlan): Promise<Resource[]> {
    const criterion = await criterionOf(this, plan);
    const route = this.services.registry.forType(type);
    if (!criterion || !route?.plugin.search) return [];
    const constraints = this.services.access.authorize(this.req.principal, 's', type);
    const search = route.plugin.search.bind(route.plugin);
    const ctx = pluginContext(this.req, constraints);
    const found: Resource[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages === 0 || cursor !== undefined; pages += 1) {
      if (pages > MAX_PAGES) throw this.tooBroad(type);
      const page = await search(this.request(type, criterion, cursor), ctx);
      found.push(...this.admitted(constraints, type, page.resources));
      if (found.length > MAX_CHAIN_MATCHES) throw this.tooBroad(type);
      cursor = page.nextCursor;
    }
    return found;
  }

  private request(type: string, criterion: SearchCriterion, cursor: string | undefined) {
    const count = this.services.limits.maxCount;
    return { resourceType: type, criteria: [criterion], count, cursor, wantTotal: false };
  }

  private admitted(constraints: AccessConstraints, type: string, resources: readonly Resource[]) {
    return resources.filter(
      (resource) =>
        resource.resourceType === type && this.services.access.admits(constraints, resource),
    );
  }

  private tooBroad(type: string): BadRequestError {
    return new BadRequestError(
      `Chained parameter "${this.key}" matches more than ${MAX_CHAIN_MATCHES} ${type} ` +
        'resources; narrow it',
      { expression: [this.key] },
    );
  }
}

/** Pages one inner search may take (a plugin returning empty pages cannot loop forever). */
const MAX_PAGES = 200;

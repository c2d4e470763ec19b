/**
 * InsurancePlan read, search and stream: the USDF Formulary (`frm-…`) and PayerInsurancePlan
 * (`pip-…`) of every formulary. The backend lists formularies and plans at once (short lists),
 * so search filters in memory and pages by id (keyset: a plan added between pages never
 * shifts the next one). Parameters (USDF 2.0.1 CapabilityStatement, all SHALL): `_id`,
 * `_lastUpdated`, `identifier`, `status`, `period`, `type`, `name`, `coverage-type`,
 * `formulary-coverage`, `coverage-area`.
 */
import type { InsurancePlan } from '@medplum/fhirtypes';
import type {
  RequestContext,
  SearchCriterion,
  SearchRequest,
  SearchResult,
  StreamItem,
  StreamRequest,
} from '../sdk/contract.js';
import { BadRequestError, UnknownSearchParamError } from '../sdk/errors.js';
import { decodeCursor, emptyResult, encodeCursor, type Position } from '../sdk/paging.js';
import type { FormularyClient } from './backend.js';
import { dateBounds, instantRange, matchesDate, periodRange } from './dates.js';
import { toFormulary, toPayerInsurancePlan } from './map-plan.js';

type Match = (plan: InsurancePlan) => boolean;
type Coding = { system?: string; code?: string };

/** Every Formulary and PayerInsurancePlan, ordered by id. */
export async function allPlans(
  client: FormularyClient,
  signal: AbortSignal,
): Promise<InsurancePlan[]> {
  const [formularies, plans] = await Promise.all([
    client.formularies(signal),
    client.plans(signal),
  ]);
  const byId = new Map(plans.map((plan) => [plan.PLAN_ID, plan]));
  const payerPlans = formularies.flatMap((row) => {
    const plan = byId.get(row.PLAN_ID);
    return plan ? [toPayerInsurancePlan(row, plan)] : [];
  });
  return [...formularies.map(toFormulary), ...payerPlans].sort((a, b) =>
    (a.id ?? '') < (b.id ?? '') ? -1 : 1,
  );
}

/** Reads InsurancePlan/frm-… or InsurancePlan/pip-…. */
export async function readPlan(
  client: FormularyClient,
  id: string,
  ctx: RequestContext,
): Promise<InsurancePlan | undefined> {
  if (!/^(frm|pip)-/.test(id)) return undefined;
  return (await allPlans(client, ctx.signal)).find((plan) => plan.id === id);
}

/** Searches in memory; a patient limit finds nothing (no patient data). */
export async function searchPlans(
  client: FormularyClient,
  req: SearchRequest,
  ctx: RequestContext,
): Promise<SearchResult> {
  const matchers = req.criteria.map(matcher);
  if (ctx.constraints.patientIds) return emptyResult(req.wantTotal);
  const matches = (await allPlans(client, ctx.signal)).filter((plan) =>
    matchers.every((match) => match(plan)),
  );
  const after = req.cursor === undefined ? undefined : decodeCursor(req.cursor).after;
  const rest = after === undefined ? matches : matches.filter((plan) => (plan.id ?? '') > after);
  const resources = rest.slice(0, Math.max(req.count, 0));
  const last = resources[resources.length - 1];
  const more = req.count > 0 && rest.length > resources.length && last !== undefined;
  return {
    resources,
    ...(req.wantTotal ? { total: matches.length } : {}),
    ...(more ? { nextCursor: encodeCursor({ chunk: 0, after: last.id ?? '' }) } : {}),
  };
}

/** Streams every plan by id; each cursor resumes after its plan. */
export async function* streamPlans(
  client: FormularyClient,
  req: StreamRequest,
  start: Position,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  for (const plan of await allPlans(client, ctx.signal)) {
    const id = plan.id ?? '';
    if (start.after !== undefined && id <= start.after) continue;
    if (req.since && new Date(plan.meta?.lastUpdated ?? 0) < req.since) continue;
    yield { resource: plan, cursor: encodeCursor({ chunk: 0, after: id }, 'InsurancePlan') };
  }
}

const PLAIN = ['_id', 'identifier', 'status', 'type', 'coverage-type'];
const REFERENCES = ['formulary-coverage', 'coverage-area'];

function matcher(criterion: SearchCriterion): Match {
  const { name, values, modifier } = criterion;
  if (name === '_lastUpdated' || name === 'period') return dateMatcher(criterion);
  if (name === 'name') return nameMatcher(criterion);
  if (!PLAIN.includes(name) && !REFERENCES.includes(name)) {
    throw new UnknownSearchParamError(`Search parameter ${name} is not supported`, {
      expression: [name],
    });
  }
  if (modifier !== undefined) {
    throw new BadRequestError(`Modifier :${modifier} is not supported on ${name}`, {
      expression: [name],
    });
  }
  if (name === '_id') return (plan) => values.includes(plan.id ?? '');
  if (name === 'status') return (plan) => values.includes(plan.status ?? '');
  if (name === 'identifier') return (plan) => tokenMatch(values, plan.identifier ?? [], true);
  if (name === 'type') return (plan) => tokenMatch(values, codings(plan.type), false);
  if (name === 'coverage-type') {
    return (plan) => tokenMatch(values, codings((plan.coverage ?? []).map((c) => c.type)), false);
  }
  const refs = name === 'coverage-area' ? areaRefs : formularyRefs;
  return (plan) => refs(plan).some((ref) => values.some((v) => sameRef(v, ref)));
}

function codings(concepts: readonly ({ coding?: Coding[] } | undefined)[] | undefined): Coding[] {
  return (concepts ?? []).flatMap((c) => c?.coding ?? []);
}

/** Token match: `system|code`, `|code` (no system) or `code`; identifiers use `value`. */
function tokenMatch(
  values: readonly string[],
  targets: readonly { system?: string; code?: string; value?: string }[],
  identifier: boolean,
): boolean {
  return values.some((value) => {
    const bar = value.indexOf('|');
    const [system, code] =
      bar < 0 ? [undefined, value] : [value.slice(0, bar), value.slice(bar + 1)];
    return targets.some((t) => {
      const target = identifier ? t.value : t.code;
      if (target !== code) return false;
      return system === undefined || (system === '' ? !t.system : t.system === system);
    });
  });
}

function areaRefs(plan: InsurancePlan): string[] {
  return (plan.coverageArea ?? []).flatMap((area) => (area.reference ? [area.reference] : []));
}

function formularyRefs(plan: InsurancePlan): string[] {
  return (plan.coverage ?? []).flatMap((c) =>
    (c.extension ?? []).flatMap((e) =>
      e.valueReference?.reference ? [e.valueReference.reference] : [],
    ),
  );
}

/** `Type/id`, `id` or an absolute URL ending in `Type/id`. */
function sameRef(value: string, reference: string): boolean {
  const id = reference.split('/').pop() ?? '';
  return value === id || value === reference || value.endsWith(`/${reference}`);
}

function dateMatcher(criterion: SearchCriterion): Match {
  const bounds = dateBounds(criterion);
  const range = (plan: InsurancePlan): [number, number] =>
    criterion.name === 'period' ? periodRange(plan.period) : instantRange(plan.meta?.lastUpdated);
  return (plan) => {
    const [from, to] = range(plan);
    return bounds.some((bound) => matchesDate(bound, from, to));
  };
}

function nameMatcher(criterion: SearchCriterion): Match {
  const { values, modifier } = criterion;
  if (modifier !== undefined && modifier !== 'exact' && modifier !== 'contains') {
    throw new BadRequestError(`Modifier :${modifier} is not supported on name`, {
      expression: ['name'],
    });
  }
  return (plan) => values.some((value) => nameMatches(plan.name ?? '', value, modifier));
}

function nameMatches(name: string, value: string, modifier: string | undefined): boolean {
  if (modifier === 'exact') return name === value;
  const [haystack, needle] = [name.toLowerCase(), value.toLowerCase()];
  return modifier === 'contains' ? haystack.includes(needle) : haystack.startsWith(needle);
}

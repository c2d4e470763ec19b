/**
 * US Drug Formulary 2.0.1 InsurancePlanLocation (Location, USDF IG
 * §usdf-InsurancePlanLocation, id `area-<state>`): one per state where a plan is sold, the
 * PayerInsurancePlan's `coverageArea`. Required: `meta.lastUpdated` and an address (the
 * state; no GeoJSON boundary is held). Read, search and stream in memory over the backend's
 * plan list. Parameters (USDF server CapabilityStatement): `_id`, `_lastUpdated`, `address`,
 * `address-city`, `address-state`, `address-postalcode` (string: starts-with, `:exact`,
 * `:contains`; a state area has no city or postal code).
 */
import type { Location } from '@medplum/fhirtypes';
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
import type { FormularyClient, LegacyPlan } from './backend.js';
import { dateBounds, instantRange, matchesDate } from './dates.js';
import { areaId } from './map-plan.js';
import { instantOf, PROFILES } from './usdf.js';

/** Every service-area state as a Location, ordered by id. */
export async function allAreas(client: FormularyClient, signal: AbortSignal): Promise<Location[]> {
  const plans = await client.plans(signal);
  const states = [...new Set(plans.flatMap((plan) => plan.SVC_AREA_ST_CDS))].sort();
  return states.map((state) => toArea(state, plans));
}

/** A state of the service area; last updated when the latest plan sold there changed. */
export function toArea(state: string, plans: readonly LegacyPlan[]): Location {
  const updated = plans
    .filter((plan) => plan.SVC_AREA_ST_CDS.includes(state))
    .map((plan) => plan.LAST_UPD_TS)
    .sort();
  return {
    resourceType: 'Location',
    id: areaId(state),
    meta: {
      profile: [PROFILES.insurancePlanLocation],
      lastUpdated: instantOf(updated[updated.length - 1] ?? '2025-01-01-00.00.00'),
    },
    status: 'active',
    name: `Service area ${state}`,
    description: `Where the payer's plans are sold in ${state}`,
    address: { state, country: 'US' },
  };
}

/** Reads Location/area-<state>. */
export async function readArea(
  client: FormularyClient,
  id: string,
  ctx: RequestContext,
): Promise<Location | undefined> {
  if (!/^area-[A-Z]{2}$/.test(id)) return undefined;
  return (await allAreas(client, ctx.signal)).find((area) => area.id === id);
}

/** Searches the areas in memory, paged by id. */
export async function searchAreas(
  client: FormularyClient,
  req: SearchRequest,
  ctx: RequestContext,
): Promise<SearchResult> {
  const matchers = req.criteria.map(matcher);
  if (ctx.constraints.patientIds) return emptyResult(req.wantTotal);
  const matches = (await allAreas(client, ctx.signal)).filter((area) =>
    matchers.every((match) => match(area)),
  );
  const after = req.cursor === undefined ? undefined : decodeCursor(req.cursor).after;
  const rest = after === undefined ? matches : matches.filter((area) => (area.id ?? '') > after);
  const resources = rest.slice(0, Math.max(req.count, 0));
  const last = resources[resources.length - 1];
  const more = req.count > 0 && rest.length > resources.length && last !== undefined;
  return {
    resources,
    ...(req.wantTotal ? { total: matches.length } : {}),
    ...(more ? { nextCursor: encodeCursor({ chunk: 0, after: last.id ?? '' }) } : {}),
  };
}

/** Streams every area by id; each cursor resumes after its area. */
export async function* streamAreas(
  client: FormularyClient,
  req: StreamRequest,
  start: Position,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  for (const area of await allAreas(client, ctx.signal)) {
    const id = area.id ?? '';
    if (start.after !== undefined && id <= start.after) continue;
    if (req.since && new Date(area.meta?.lastUpdated ?? 0) < req.since) continue;
    yield { resource: area, cursor: encodeCursor({ chunk: 0, after: id }, 'Location') };
  }
}

type Match = (area: Location) => boolean;

const ADDRESS: Readonly<Record<string, (area: Location) => string[]>> = {
  address: (area) => [area.address?.state ?? '', area.address?.country ?? ''],
  'address-city': () => [],
  'address-state': (area) => [area.address?.state ?? ''],
  'address-postalcode': () => [],
};

function matcher(criterion: SearchCriterion): Match {
  const { name, values, modifier } = criterion;
  if (name === '_lastUpdated') {
    const bounds = dateBounds(criterion);
    return (area) => {
      const [from, to] = instantRange(area.meta?.lastUpdated);
      return bounds.some((bound) => matchesDate(bound, from, to));
    };
  }
  if (name === '_id' && modifier === undefined) return (area) => values.includes(area.id ?? '');
  const parts = ADDRESS[name];
  if (!parts) {
    throw new UnknownSearchParamError(`Search parameter ${name} is not supported`, {
      expression: [name],
    });
  }
  if (modifier !== undefined && modifier !== 'exact' && modifier !== 'contains') {
    throw new BadRequestError(`Modifier :${modifier} is not supported on ${name}`, {
      expression: [name],
    });
  }
  return (area) => parts(area).some((part) => values.some((v) => textMatch(part, v, modifier)));
}

function textMatch(text: string, value: string, modifier: string | undefined): boolean {
  if (text === '') return false;
  if (modifier === 'exact') return text === value;
  const [haystack, needle] = [text.toLowerCase(), value.toLowerCase()];
  return modifier === 'contains' ? haystack.includes(needle) : haystack.startsWith(needle);
}

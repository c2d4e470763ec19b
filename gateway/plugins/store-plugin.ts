/**
 * The built-in plugin for resources the gateway itself owns (received in FHIR form: consents,
 * questionnaire responses and, in later issues, PA requests, subscriptions and imported
 * payer-to-payer data). It serves them from the store with full versioning, so it is also
 * the reference for how a plugin implements create, update, vread and history.
 */
import type { Resource } from '@medplum/fhirtypes';
import type {
  Plugin,
  ResourceCapability,
  SearchCriterion,
  SearchRequest,
  StreamItem,
  StreamRequest,
} from '../../plugins/sdk/contract.js';
import { BadRequestError, ConflictError } from '../../plugins/sdk/errors.js';
import { compartmentPatients } from '../auth/compartment.js';
import type { ResourceQuery, Store } from '../store/types.js';

const SEARCH_PARAMS = [
  { name: '_id', type: 'token', definition: 'http://hl7.org/fhir/SearchParameter/Resource-id' },
  {
    name: '_lastUpdated',
    type: 'date',
    definition: 'http://hl7.org/fhir/SearchParameter/Resource-lastUpdated',
    documentation: 'Prefixes ge, gt, le, lt; instants or dates',
  },
  {
    name: 'patient',
    type: 'reference',
    targets: ['Patient'],
    documentation: "Resources in this patient's compartment",
  },
] as const;

/** Creates the store plugin serving `types` from `store`. */
export function createStorePlugin(store: Store, types: readonly string[]): Plugin {
  return {
    name: 'gateway-store',
    capabilities: { resources: types.map(capabilityFor) },
    read: async (req) => current(await store.resources.read(req.resourceType, req.id)),
    vread: async (req) =>
      (await store.resources.vread(req.resourceType, req.id, req.versionId))?.resource,
    history: async (req) =>
      (await store.resources.history(req.resourceType, req.id, req.count)).map((v) => v.resource),
    search: async (req) => {
      const page = await store.resources.search(toQuery(req));
      return { resources: page.resources, total: page.total, nextCursor: page.nextCursor };
    },
    create: async (req) => {
      const stored = await store.resources.create(req.resource, compartmentPatients(req.resource));
      return { resource: stored.resource, created: true };
    },
    update: async (req) => {
      const resource = { ...req.resource, id: req.id };
      const stored = await store.resources.update(
        resource,
        compartmentPatients(resource),
        req.ifMatch,
      );
      return { resource: stored.resource, created: stored.created };
    },
    stream: (req, ctx) => streamStored(store, req, ctx.constraints.patientIds),
    health: async () => store.health(),
  };
}

function capabilityFor(type: string): ResourceCapability {
  return {
    type,
    profiles: [],
    interactions: ['read', 'vread', 'search-type', 'create', 'update', 'history-instance'],
    searchParams: SEARCH_PARAMS,
  };
}

function current(
  stored: { resource: Resource; deleted: boolean } | undefined,
): Resource | undefined {
  if (stored?.deleted) throw new ConflictError('The resource has been deleted');
  return stored?.resource;
}

function toQuery(req: SearchRequest): ResourceQuery {
  let query: ResourceQuery = {
    resourceType: req.resourceType,
    limit: req.count,
    cursor: req.cursor,
  };
  for (const criterion of req.criteria) query = { ...query, ...criterionToQuery(criterion) };
  return query;
}

function criterionToQuery(criterion: SearchCriterion): Partial<ResourceQuery> {
  if (criterion.name === '_id') return { ids: criterion.values };
  if (criterion.name === 'patient') {
    return { patientIds: criterion.values.map((value) => value.replace(/^Patient\//, '')) };
  }
  if (criterion.values.length !== 1) {
    throw new BadRequestError('_lastUpdated takes one value per parameter; repeat it for a range');
  }
  return lastUpdatedBound(criterion.values[0] as string);
}

function lastUpdatedBound(value: string): Partial<ResourceQuery> {
  const match = /^(ge|gt|le|lt|eq)?(\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?)$/.exec(value);
  if (!match) {
    throw new BadRequestError(
      `_lastUpdated "${value}" is not a date with an optional ge/gt/le/lt prefix`,
      {
        expression: ['_lastUpdated'],
      },
    );
  }
  const instant = new Date(match[2] as string).toISOString();
  const prefix = match[1] ?? 'eq';
  if (prefix === 'ge' || prefix === 'gt') return { updatedFrom: instant };
  if (prefix === 'le' || prefix === 'lt') return { updatedTo: instant };
  throw new BadRequestError('_lastUpdated needs a ge, gt, le or lt prefix', {
    expression: ['_lastUpdated'],
  });
}

async function* streamStored(
  store: Store,
  req: StreamRequest,
  patientIds: readonly string[] | undefined,
): AsyncIterable<StreamItem> {
  const [startType, startCursor] = decodeStreamCursor(req.cursor);
  for (const resourceType of req.types.slice(Math.max(0, req.types.indexOf(startType ?? '')))) {
    let cursor = resourceType === startType ? startCursor : undefined;
    do {
      const page = await store.resources.search({
        resourceType,
        patientIds,
        updatedFrom: req.since?.toISOString(),
        cursor,
        limit: 500,
      });
      for (const [index, resource] of page.resources.entries()) {
        yield { resource, cursor: `${resourceType}|${page.cursors?.[index] ?? ''}` };
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
}

function decodeStreamCursor(cursor: string | undefined): [string | undefined, string | undefined] {
  if (!cursor) return [undefined, undefined];
  const [type, inner] = cursor.split('|', 2);
  return [type, inner || undefined];
}

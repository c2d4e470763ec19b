/**
 * The plugin contract suite: mocha tests every plugin runs against itself (see contract.ts).
 * A plugin's test calls {@link describePluginContract} with a setup that starts its backend
 * (real, on loopback) and returns the plugin, a request context and a sample id per type.
 *
 * It checks the declaration (types, profiles, unique parameters, methods for declared
 * interactions), read (samples, missing ids), search paging (no duplicates, terminating
 * cursors, totals), FHIR R4 validity of everything returned, streaming (each resource once,
 * resumable from any cursor, patient constraints honoured) and health.
 */
import type { Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { inCompartment, isPatientData } from '../../gateway/auth/compartment.js';
import { validateR4 } from '../../test/support/fhir-validator.js';
import type {
  Interaction,
  Plugin,
  RequestContext,
  ResourceCapability,
  StreamItem,
} from './contract.js';

/** What a plugin's setup hands the suite. */
export interface ContractFixture {
  readonly plugin: Plugin;
  readonly ctx: RequestContext;
  /** One existing resource id per served type the suite should read, e.g. `{ Patient: 'p1' }`. */
  readonly sample: Readonly<Record<string, string>>;
  readonly teardown?: () => Promise<void>;
}

/** Tuning for plugins with large or slow data sets. */
export interface ContractOptions {
  /** Page size for search paging (default 7, small so that several pages are walked). */
  readonly pageSize?: number;
  /** Give up paging a type after this many pages (default 200): cursors must terminate. */
  readonly maxPages?: number;
}

const METHOD_FOR: Readonly<Record<Interaction, keyof Plugin>> = {
  read: 'read',
  vread: 'vread',
  'search-type': 'search',
  create: 'create',
  update: 'update',
  'history-instance': 'history',
};

/** An id no plugin should hold (valid FHIR id syntax). */
const MISSING_ID = 'contract-missing-0000';

type Check = (fx: ContractFixture, options: ContractOptions) => Promise<void> | void;

/**
 * The contract's checks, grouped as the suite reports them. Exported so that the suite's own
 * tests can show each check failing on a plugin that breaks it.
 */
export const CONTRACT_CHECKS: Readonly<Record<string, Readonly<Record<string, Check>>>> = {
  capabilities: {
    'declares each type once, with profiles, interactions and unique search parameters': (fx) =>
      checkDeclarations(fx.plugin),
    'implements every declared interaction and operation': (fx) => checkMethods(fx.plugin),
  },
  read: {
    'returns each sample with its type, id and a declared profile, valid R4': checkSamples,
    'answers undefined for an id that does not exist': checkMissing,
  },
  search: {
    'pages every type without duplicates until the cursor ends, total agreeing': checkPaging,
    'finds each sample by _id': checkSearchById,
    'returns only resources of the constrained patients': checkSearchConstraint,
  },
  stream: {
    'yields every resource exactly once, the same set search finds': checkStream,
    'resumes from any cursor without loss or duplication': checkResume,
    'honours constraints.patientIds': checkStreamConstraint,
  },
  health: {
    passes: checkHealth,
  },
};

/** Registers the contract suite for one plugin. */
export function describePluginContract(
  title: string,
  setup: () => Promise<ContractFixture>,
  options: ContractOptions = {},
): void {
  describe(`${title}: plugin contract`, function () {
    let fx: ContractFixture;
    before(async () => {
      fx = await setup();
    });
    after(async () => {
      await fx?.teardown?.();
    });
    for (const [group, checks] of Object.entries(CONTRACT_CHECKS)) {
      describe(group, () => {
        for (const [name, check] of Object.entries(checks)) it(name, () => check(fx, options));
      });
    }
  });
}

async function checkHealth(fx: ContractFixture): Promise<void> {
  expect(await fx.plugin.health(fx.ctx)).to.have.property('status', 'pass');
}

function checkDeclarations(plugin: Plugin): void {
  expect(plugin.name, 'plugin name').to.be.a('string').and.not.equal('');
  const types = plugin.capabilities.resources.map((resource) => resource.type);
  expect(types, 'types').to.have.length.above(0);
  expect(new Set(types).size, 'each type declared once').to.equal(types.length);
  for (const capability of plugin.capabilities.resources) checkCapability(capability);
}

function checkCapability(capability: ResourceCapability): void {
  const where = capability.type;
  expect(capability.type, 'type').to.match(/^[A-Z][A-Za-z]+$/);
  expect(capability.profiles, `${where} profiles`).to.have.length.above(0);
  for (const profile of capability.profiles) {
    expect(URL.canParse(profile), `${where} profile ${profile}`).to.equal(true);
  }
  expect(capability.interactions, `${where} interactions`).to.have.length.above(0);
  const names = capability.searchParams.map((param) => param.name);
  expect(new Set(names).size, `${where} search parameters unique`).to.equal(names.length);
  for (const param of capability.searchParams.filter((p) => p.type === 'reference')) {
    expect(param.targets, `${where}.${param.name} targets`).to.have.length.above(0);
    expect(param.expression, `${where}.${param.name} expression`).to.match(
      new RegExp(`^${where}\\.`),
    );
  }
}

function checkMethods(plugin: Plugin): void {
  for (const capability of plugin.capabilities.resources) {
    for (const interaction of capability.interactions) {
      const method = METHOD_FOR[interaction];
      expect(plugin[method], `${capability.type} ${interaction} needs ${method}()`).to.be.a(
        'function',
      );
    }
  }
  if ((plugin.capabilities.operations ?? []).length > 0) {
    expect(plugin.operation).to.be.a('function');
  }
}

async function checkSamples(fx: ContractFixture): Promise<void> {
  for (const capability of readable(fx.plugin)) {
    const id = fx.sample[capability.type];
    expect(id, `sample id for ${capability.type}`).to.be.a('string');
    const resource = await fx.plugin.read?.(
      { resourceType: capability.type, id: id as string },
      fx.ctx,
    );
    expect(resource, `${capability.type}/${id}`).to.include({ resourceType: capability.type, id });
    checkResource(resource as Resource, capability);
  }
}

async function checkMissing(fx: ContractFixture): Promise<void> {
  for (const capability of readable(fx.plugin)) {
    const resource = await fx.plugin.read?.(
      { resourceType: capability.type, id: MISSING_ID },
      fx.ctx,
    );
    expect(resource, `${capability.type}/${MISSING_ID}`).to.equal(undefined);
  }
}

async function checkPaging(fx: ContractFixture, options: ContractOptions): Promise<void> {
  for (const capability of searchable(fx.plugin)) {
    await searchAll(fx, capability, options);
  }
}

/** Walks every page of an unfiltered search, checking each resource; returns them all. */
async function searchAll(
  fx: ContractFixture,
  capability: ResourceCapability,
  options: ContractOptions,
  ctx: RequestContext = fx.ctx,
): Promise<Resource[]> {
  const found: Resource[] = [];
  let cursor: string | undefined;
  let total: number | undefined;
  for (let page = 0; page < (options.maxPages ?? 200); page++) {
    const request = {
      resourceType: capability.type,
      criteria: [],
      count: options.pageSize ?? 7,
      wantTotal: true,
    };
    const result = await fx.plugin.search!({ ...request, ...(cursor ? { cursor } : {}) }, ctx);
    expect(result.resources.length, `${capability.type} page size`).to.be.at.most(request.count);
    for (const resource of result.resources) found.push(checkResource(resource, capability));
    total = page === 0 ? result.total : total;
    cursor = result.nextCursor;
    if (cursor === undefined) {
      const keys = new Set(found.map(keyOf));
      expect(keys.size, `${capability.type}: no duplicates across pages`).to.equal(found.length);
      if (total !== undefined) expect(found.length, `${capability.type}: total`).to.equal(total);
      return found;
    }
  }
  return expect.fail(
    `${capability.type}: cursors did not end within ${options.maxPages ?? 200} pages`,
  );
}

async function checkSearchById(fx: ContractFixture): Promise<void> {
  for (const capability of searchable(fx.plugin)) {
    const id = fx.sample[capability.type];
    if (id === undefined || !capability.searchParams.some((param) => param.name === '_id')) {
      continue;
    }
    const criteria = [{ name: '_id', values: [id] }];
    const result = await fx.plugin.search!(
      { resourceType: capability.type, criteria, count: 10, wantTotal: true },
      fx.ctx,
    );
    expect(
      result.resources.map((resource) => resource.id),
      `${capability.type}?_id=${id}`,
    ).to.deep.equal([id]);
  }
}

async function checkSearchConstraint(fx: ContractFixture): Promise<void> {
  const ctx = constrainedContext(fx);
  if (!ctx) return;
  const patientIds = ctx.constraints.patientIds as readonly string[];
  for (const capability of searchable(fx.plugin).filter((c) => isPatientData(c.type))) {
    for (const resource of await searchAll(fx, capability, {}, ctx)) {
      const where = `${keyOf(resource)} in the compartment`;
      expect(inCompartment(resource, patientIds), where).to.equal(true);
    }
  }
}

async function checkStream(fx: ContractFixture, options: ContractOptions): Promise<void> {
  if (!fx.plugin.stream) return;
  const types = streamable(fx.plugin);
  const items = await collectStream(fx, { types });
  const keys = items.map((item) => keyOf(item.resource));
  expect(new Set(keys).size, 'each resource once').to.equal(keys.length);
  for (const item of items) {
    expect(types, 'streamed type was asked for').to.include(item.resource.resourceType);
    expect(item.cursor, 'cursor').to.be.a('string').and.not.equal('');
    const capability = fx.plugin.capabilities.resources.find(
      (c) => c.type === item.resource.resourceType,
    );
    checkResource(item.resource, capability as ResourceCapability);
  }
  for (const capability of searchable(fx.plugin)) {
    const searched = (await searchAll(fx, capability, options)).map(keyOf).sort();
    const streamed = keys.filter((key) => key.startsWith(`${capability.type}/`)).sort();
    expect(streamed, `${capability.type}: stream and search agree`).to.deep.equal(searched);
  }
}

async function checkResume(fx: ContractFixture): Promise<void> {
  if (!fx.plugin.stream) return;
  const types = streamable(fx.plugin);
  const items = await collectStream(fx, { types });
  const full = items.map((item) => keyOf(item.resource));
  const positions = new Set([
    0,
    1,
    Math.floor(items.length / 3),
    Math.floor(items.length / 2),
    items.length - 1,
  ]);
  for (const position of [...positions].filter((p) => p >= 0 && p < items.length)) {
    const resumed = await collectStream(fx, {
      types,
      cursor: (items[position] as StreamItem).cursor,
    });
    const keys = [...full.slice(0, position + 1), ...resumed.map((item) => keyOf(item.resource))];
    expect(keys, `resumed after item ${position}`).to.deep.equal(full);
  }
}

async function checkStreamConstraint(fx: ContractFixture): Promise<void> {
  const ctx = constrainedContext(fx);
  if (!fx.plugin.stream || !ctx) return;
  const patientIds = ctx.constraints.patientIds as readonly string[];
  const items = await collectStream(fx, { types: streamable(fx.plugin) }, ctx);
  expect(
    items.map((item) => keyOf(item.resource)),
    'the patient itself',
  ).to.include(`Patient/${patientIds[0]}`);
  for (const { resource } of items) {
    expect(
      inCompartment(resource, patientIds),
      `${keyOf(resource)} in the patient's compartment`,
    ).to.equal(true);
  }
}

function constrainedContext(fx: ContractFixture): RequestContext | undefined {
  const patientId = fx.sample.Patient;
  if (patientId === undefined) return undefined;
  return { ...fx.ctx, constraints: { ...fx.ctx.constraints, patientIds: [patientId] } };
}

async function collectStream(
  fx: ContractFixture,
  req: { types: readonly string[]; cursor?: string },
  ctx: RequestContext = fx.ctx,
): Promise<StreamItem[]> {
  const items: StreamItem[] = [];
  for await (const item of fx.plugin.stream!(req, ctx)) items.push(item);
  return items;
}

/** Checks type, declared profile and R4 validity; returns the resource. */
function checkResource(resource: Resource, capability: ResourceCapability): Resource {
  expect(resource.resourceType, 'resourceType').to.equal(capability.type);
  expect(resource.id, `${capability.type} id`).to.be.a('string');
  const profiles = resource.meta?.profile ?? [];
  const declared = profiles.some((profile) => capability.profiles.includes(profile));
  expect(declared, `${keyOf(resource)} claims a declared profile`).to.equal(true);
  validateR4(resource);
  return resource;
}

function readable(plugin: Plugin): ResourceCapability[] {
  return plugin.capabilities.resources.filter((capability) =>
    capability.interactions.includes('read'),
  );
}

function searchable(plugin: Plugin): ResourceCapability[] {
  return plugin.capabilities.resources.filter((capability) =>
    capability.interactions.includes('search-type'),
  );
}

function streamable(plugin: Plugin): string[] {
  return plugin.capabilities.resources.map((capability) => capability.type);
}

function keyOf(resource: Resource): string {
  return `${resource.resourceType}/${resource.id}`;
}

/**
 * The plugin contract: the only surface between the gateway and a legacy system.
 *
 * A plugin module's default export is a {@link PluginFactory}. The gateway's registry
 * calls it once at start with the plugin's options from config and a {@link PluginContext};
 * the returned {@link Plugin} declares what it serves ({@link PluginCapabilities}) and
 * implements the interactions it declared. Plugins never see Express: they get typed
 * requests and return FHIR resources. The gateway enforces authorization before calling a
 * plugin and checks every resource the plugin returns, so a plugin need not (and cannot)
 * decide who may see what. `plugins/sdk/contract-suite.ts` is the test suite every plugin
 * runs against itself.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { Logger } from 'winston';
import type { HttpClient } from './http-client.js';

export type { Resource };

/** FHIR search parameter types (R4 `SearchParamType`). */
export type SearchParamType =
  | 'number'
  | 'date'
  | 'string'
  | 'token'
  | 'reference'
  | 'composite'
  | 'quantity'
  | 'uri'
  | 'special';

/** One search parameter a plugin understands for a resource type. */
export interface SearchParamDefinition {
  /** The parameter code as used in the query string, e.g. `birthdate`. */
  readonly name: string;
  readonly type: SearchParamType;
  /** Canonical URL of the SearchParameter, where one is published. */
  readonly definition?: string;
  readonly documentation?: string;
  /** Modifiers the plugin honours (e.g. `exact`, `contains`, `missing`). */
  readonly modifiers?: readonly string[];
  /** For reference parameters: the target types (used for chaining and compartments). */
  readonly targets?: readonly string[];
  /**
   * Where the value lives, as a simple FHIRPath: dotted element names from the resource
   * type, alternatives joined by ` | ` (e.g. `Coverage.beneficiary | Coverage.subscriber`).
   * Required for reference parameters: the gateway follows it for `_include` and to check
   * patient compartments on what comes back.
   */
  readonly expression?: string;
  /**
   * Declared only so that `_include` and access checks can follow the reference: the plugin
   * cannot filter on it. The gateway then treats it as an unknown criterion (ignored, or 400
   * under `Prefer: handling=strict`), and a federation skips this owner for it.
   */
  readonly includeOnly?: boolean;
}

/** RESTful interactions a plugin may serve for a type (R4 `TypeRestfulInteraction`). */
export type Interaction =
  'read' | 'vread' | 'search-type' | 'create' | 'update' | 'history-instance';

/** What a plugin serves for one resource type. */
export interface ResourceCapability {
  readonly type: string;
  /** Profiles (canonical URLs) this plugin's resources of this type claim in `meta.profile`. */
  readonly profiles: readonly string[];
  readonly interactions: readonly Interaction[];
  readonly searchParams: readonly SearchParamDefinition[];
  /** `_include` values supported, e.g. `Coverage:beneficiary`. */
  readonly searchIncludes?: readonly string[];
  readonly searchRevIncludes?: readonly string[];
  /**
   * Read and search need no token (CMS-0057-F: the Provider Directory API and the formulary
   * are public). Such types must hold no patient data; anonymous callers are rate limited.
   */
  readonly public?: boolean;
  /**
   * Only with `public`, for a type holding public and patient records alike (the gateway's
   * derived Provenance): a caller whose token grants the type is authorized as for patient data
   * (compartment, granular scopes) and still sees the records in no compartment; other callers
   * get the public view. The plugin must then honour `patientIds` for its patient records.
   */
  readonly tokenContextFirst?: boolean;
}

/** An operation a plugin serves (`$name`), at system, type or instance level. */
export interface OperationCapability {
  readonly name: string;
  /** Canonical URL of the OperationDefinition. */
  readonly definition: string;
  /** Resource type for type/instance level operations; absent for system level. */
  readonly resourceType?: string;
  readonly level: readonly ('system' | 'type' | 'instance')[];
  /** True when the operation changes state (it may then not be invoked by GET). */
  readonly affectsState: boolean;
  /**
   * The resource type whose SMART scope guards the operation. Defaults to `resourceType`;
   * system-level operations must name one (e.g. `Patient` for a member match).
   */
  readonly scopeType?: string;
}

/** The full declaration of a plugin, from which the registry routes and `/metadata` is built. */
export interface PluginCapabilities {
  readonly resources: readonly ResourceCapability[];
  readonly operations?: readonly OperationCapability[];
}

/** One parsed search criterion, e.g. `birthdate=ge1970-01-01` or `name:exact=Smith,Jones`. */
export interface SearchCriterion {
  readonly name: string;
  readonly modifier?: string;
  /** Comma-separated alternatives (OR). A repeated parameter gives several criteria (AND). */
  readonly values: readonly string[];
}

/**
 * Constraints the gateway adds to a request on its way to the plugin (from the token's
 * patient compartment and later attribution/consent). A plugin should narrow its backend
 * query by them for efficiency; the gateway re-checks every returned resource regardless.
 */
export interface AccessConstraints {
  /** When set, only resources in the compartments of these Patient ids may be returned. */
  readonly patientIds?: readonly string[];
  /**
   * SMART v2 granular scope restrictions (e.g. `patient/Observation.rs?category=laboratory`):
   * a resource must match every criterion of at least one entry.
   */
  readonly scopeFilters?: ReadonlyArray<readonly SearchCriterion[]>;
  /**
   * Public access (no token, or a public type): nothing in any patient's compartment may be
   * returned, even for a type like Basic that can hold both public and patient data.
   */
  readonly withoutPatientData?: boolean;
  /**
   * For a type derived from others (`tokenContextFirst`, e.g. Provenance): the types the token
   * may read, each with the granular filters its scopes impose on that type, so the plugin
   * derives nothing from a resource the token could not read itself.
   */
  readonly readableTypes?: Readonly<Record<string, ReadableType>>;
}

/** How a token may read one type: unrestricted, or only what matches `scopeFilters`. */
export interface ReadableType {
  readonly scopeFilters?: ReadonlyArray<readonly SearchCriterion[]>;
}

/** Per-call context handed to every plugin method. */
export interface RequestContext {
  /** Correlation id of the inbound request (also in the logger's metadata). */
  readonly requestId: string;
  readonly logger: Logger;
  readonly constraints: AccessConstraints;
  /** Aborted when the client goes away or the gateway's backend timeout passes. */
  readonly signal: AbortSignal;
}

export interface ReadRequest {
  readonly resourceType: string;
  readonly id: string;
}

export interface VReadRequest extends ReadRequest {
  readonly versionId: string;
}

/** A type-level search. Result parameters (`_count`, `_include`...) are handled by the gateway. */
export interface SearchRequest {
  readonly resourceType: string;
  /** Criteria the gateway validated against the declared search parameters. */
  readonly criteria: readonly SearchCriterion[];
  /** Page size the gateway wants (already bounded by config). */
  readonly count: number;
  /** Opaque cursor from a previous {@link SearchResult.nextCursor}; absent for page one. */
  readonly cursor?: string;
  /** True when the client asked for a total (`_total=accurate` or the default). */
  readonly wantTotal: boolean;
}

/** A page of matches, ordered stably so that cursors page consistently. */
export interface SearchResult {
  readonly resources: readonly Resource[];
  /** Number of matches across all pages, if the backend can tell. */
  readonly total?: number;
  /** Cursor for the next page; absent on the last page. */
  readonly nextCursor?: string;
}

export interface CreateRequest {
  readonly resourceType: string;
  readonly resource: Resource;
  /** `If-None-Exist` search, already parsed, for conditional create. */
  readonly ifNoneExist?: readonly SearchCriterion[];
}

export interface UpdateRequest {
  readonly resourceType: string;
  readonly id: string;
  readonly resource: Resource;
  /** Version from `If-Match` (`W/"3"` becomes `3`) for optimistic locking. */
  readonly ifMatch?: string;
}

/** Outcome of a create or update: the stored resource and whether it is new. */
export interface WriteResult {
  readonly resource: Resource;
  readonly created: boolean;
}

export interface HistoryRequest extends ReadRequest {
  readonly count: number;
}

export interface OperationRequest {
  readonly name: string;
  readonly resourceType?: string;
  readonly id?: string;
  /** The input Parameters resource (from the body, or built from the query for GET). */
  readonly parameters: Resource;
}

export interface OperationResult {
  /** The resource to return (often Parameters, a Bundle or an OperationOutcome). */
  readonly resource: Resource;
  readonly status?: number;
}

/**
 * What a bulk consumer wants streamed. The plugin yields every matching resource exactly once,
 * in a stable order, so that an interrupted export can resume after the last one it wrote.
 */
export interface StreamRequest {
  /** Types to stream; only types the plugin declared are asked for. */
  readonly types: readonly string[];
  /** Only resources changed at or after this instant (`_since`). */
  readonly since?: Date;
  /** Resume point: a cursor a previous stream emitted in {@link StreamItem.cursor}. */
  readonly cursor?: string;
}

/** One streamed resource, with a cursor that resumes the stream just after it. */
export interface StreamItem {
  readonly resource: Resource;
  readonly cursor: string;
}

export interface HealthStatus {
  readonly status: 'pass' | 'warn' | 'fail';
  /** Human-readable detail for operators (no PHI). */
  readonly detail?: string;
}

/** The adapter between one legacy system and FHIR. Methods are optional per declared capability. */
export interface Plugin {
  /** Unique name, as given in config. */
  readonly name: string;
  readonly capabilities: PluginCapabilities;
  /** Returns the resource, or undefined when it does not exist. */
  read?(req: ReadRequest, ctx: RequestContext): Promise<Resource | undefined>;
  vread?(req: VReadRequest, ctx: RequestContext): Promise<Resource | undefined>;
  search?(req: SearchRequest, ctx: RequestContext): Promise<SearchResult>;
  create?(req: CreateRequest, ctx: RequestContext): Promise<WriteResult>;
  update?(req: UpdateRequest, ctx: RequestContext): Promise<WriteResult>;
  history?(req: HistoryRequest, ctx: RequestContext): Promise<readonly Resource[]>;
  operation?(req: OperationRequest, ctx: RequestContext): Promise<OperationResult>;
  /**
   * Streams all of the plugin's data of the given types, constrained by `ctx.constraints`
   * (a patient list narrows it to those patients' compartments). Used by bulk export,
   * `$everything` and payer-to-payer pulls; it must run in constant memory.
   */
  stream?(req: StreamRequest, ctx: RequestContext): AsyncIterable<StreamItem>;
  /** Cheap liveness check of the legacy backend, for `/health`. */
  health(ctx: RequestContext): Promise<HealthStatus>;
  /** Releases connections; called once at shutdown. */
  close?(): Promise<void>;
}

/** Context given to a plugin factory at start. */
export interface PluginContext {
  readonly logger: Logger;
  /** HTTP client with the configured timeouts and retries, for reaching the legacy backend. */
  readonly http: HttpClient;
  /** The gateway's public FHIR base URL, for absolute references where needed. */
  readonly fhirBaseUrl: string;
}

/**
 * A plugin module's default export. It validates its own options and throws
 * {@link PluginOptionsError} naming the bad option.
 */
export type PluginFactory = (
  options: Record<string, unknown>,
  ctx: PluginContext,
) => Promise<Plugin>;

/** Thrown by a plugin factory when its options are wrong; the registry prefixes the path. */
export class PluginOptionsError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'PluginOptionsError';
  }
}

/**
 * The HTTP-free request and response of the FHIR core. The Express layer (`routes.ts`) turns
 * `req` into a {@link FhirRequest}; handlers return a {@link FhirResponse}. Whole flows can
 * therefore be tested without sockets.
 */
import type { Readable } from 'node:stream';
import type { Resource } from '@medplum/fhirtypes';
import type { Logger } from 'winston';
import type { AccessConstraints } from '../../plugins/sdk/contract.js';
import type { Principal } from '../auth/principal.js';

/** Query parameters in order, repeated names kept (FHIR ANDs repeated parameters). */
export type QueryPairs = ReadonlyArray<readonly [string, string]>;

export interface FhirRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly resourceType?: string;
  /** Name of an extended operation, without the `$`. */
  readonly operation?: string;
  readonly id?: string;
  readonly versionId?: string;
  readonly query: QueryPairs;
  readonly body?: unknown;
  /** Absolute public base URL of the FHIR endpoint, without trailing slash. */
  readonly baseUrl: string;
  readonly requestId: string;
  readonly logger: Logger;
  readonly principal?: Principal;
  /**
   * Limits from the caller's authorization on the route's resource type, computed by the
   * route table before the handler runs (see `routes.ts`). Empty for public routes.
   */
  readonly constraints: AccessConstraints;
  readonly signal: AbortSignal;
  /** `Prefer: handling=strict` was sent (unknown search parameters are then errors). */
  readonly strictHandling: boolean;
  /** Value of `Prefer: return=` if given. */
  readonly preferReturn?: 'minimal' | 'representation' | 'OperationOutcome';
  readonly ifMatch?: string;
  readonly ifNoneExist?: string;
  /** Other named path parameters of the matched route (e.g. a bulk export file name). */
  readonly pathParams?: Readonly<Record<string, string | undefined>>;
  /** Raw `Accept` and `Prefer` headers, for endpoints with rules of their own (bulk kick-off). */
  readonly accept?: string;
  readonly prefer?: string;
  /** `Prefer: handling=lenient` was sent. */
  readonly lenientHandling?: boolean;
  /**
   * For routes that authorize several types at once (bulk export): the constraints of each
   * type the caller may access, computed by the route table like `constraints`.
   */
  readonly typeConstraints?: ReadonlyMap<string, AccessConstraints>;
  /** Types the request named that were refused but skipped under lenient handling. */
  readonly skippedTypes?: ReadonlyArray<{ readonly type: string; readonly reason: string }>;
}

export interface FhirResponse {
  readonly status: number;
  readonly resource?: Resource;
  readonly headers?: Readonly<Record<string, string>>;
  /** A body that is not a FHIR resource: a bulk manifest (JSON) or an NDJSON file stream. */
  readonly body?: { readonly contentType: string; readonly content: string | Readable };
}

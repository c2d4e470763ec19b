/**
 * Where `$everything` reads one compartment type from: the owner's `stream()` (resumable per
 * item, constant memory; the contract names `$everything` as one of its users) narrowed to
 * the patient by the access constraints, or, for an owner that cannot stream, its search by
 * the type's Patient compartment parameter, page by page. Either way each item carries the
 * position just after it, so a page can end anywhere and the next resume there.
 */
import type { Resource } from '@medplum/fhirtypes';
import type {
  AccessConstraints,
  SearchParamDefinition,
  StreamRequest,
} from '../../plugins/sdk/contract.js';
import { PATIENT_COMPARTMENT } from '../auth/compartment.js';
import { pathsOf } from '../fhir/search/elements.js';
import { pluginContext, type FhirServices } from '../fhir/services.js';
import type { FhirRequest } from '../fhir/types.js';
import type { TypeRoute } from '../plugins/registry.js';
import type { SourcePosition } from './cursor.js';

/** One resource of a type's source and the position that resumes just after it. */
export interface SourceItem {
  readonly resource: Resource;
  readonly after: SourcePosition;
}

/** What a source needs to know about the request. */
export interface SourceRequest {
  readonly services: FhirServices;
  readonly req: FhirRequest;
  readonly patientId: string;
  readonly since?: number;
  /**
   * Search fallback page size: the `$everything` page size, so that a search page lines up
   * with a page of the answer (a cursor records the size its position was taken at).
   */
  readonly pageSize: number;
}

/** True when `$everything` can read this type from its owner (stream or compartment search). */
export function canWalk(route: TypeRoute): boolean {
  if (streams(route)) return true;
  return compartmentParam(route) !== undefined;
}

/**
 * Streams are used, except for a public type that also holds patient records
 * (`tokenContextFirst`, e.g. the derived Provenance): its stream walks the public records too,
 * while its compartment search is narrowed to the patient's.
 */
function streams(route: TypeRoute): boolean {
  if (!route.plugin.stream) return false;
  return !(route.capability.public === true && compartmentParam(route) !== undefined);
}

/** The type's items for the patient, from `at` on. */
export function typeSource(
  request: SourceRequest,
  type: string,
  constraints: AccessConstraints,
  at: SourcePosition | undefined,
): AsyncIterable<SourceItem> {
  const route = request.services.registry.forType(type) as TypeRoute;
  if (streams(route)) return streamSource(request, route, type, constraints, at);
  return searchSource(request, route, type, constraints, at ?? {});
}

async function* streamSource(
  request: SourceRequest,
  route: TypeRoute,
  type: string,
  constraints: AccessConstraints,
  at: SourcePosition | undefined,
): AsyncGenerator<SourceItem> {
  const streamRequest: StreamRequest = {
    types: [type],
    ...(request.since === undefined ? {} : { since: new Date(request.since) }),
    ...(at?.c === undefined ? {} : { cursor: at.c }),
  };
  const ctx = pluginContext(request.req, constraints);
  for await (const item of route.plugin.stream!(streamRequest, ctx)) {
    yield { resource: item.resource, after: { c: item.cursor } };
  }
}

async function* searchSource(
  request: SourceRequest,
  route: TypeRoute,
  type: string,
  constraints: AccessConstraints,
  at: SourcePosition,
): AsyncGenerator<SourceItem> {
  const param = compartmentParam(route) as SearchParamDefinition;
  const count = Math.min(at.n ?? request.pageSize, request.services.limits.maxCount);
  const ctx = pluginContext(request.req, constraints);
  let [cursor, skip] = [at.c, at.k ?? 0];
  for (;;) {
    const page = await route.plugin.search!(
      {
        resourceType: type,
        criteria: [{ name: param.name, values: [`Patient/${request.patientId}`] }],
        count,
        wantTotal: false,
        ...(cursor === undefined ? {} : { cursor }),
      },
      ctx,
    );
    const last = page.resources.length - 1;
    for (const [index, resource] of page.resources.entries()) {
      if (index < skip) continue;
      const after: SourcePosition =
        index === last && page.nextCursor !== undefined
          ? { c: page.nextCursor, n: count }
          : { ...(cursor === undefined ? {} : { c: cursor }), k: index + 1, n: count };
      yield { resource, after };
    }
    if (page.nextCursor === undefined || page.resources.length === 0) return;
    [cursor, skip] = [page.nextCursor, 0];
  }
}

/**
 * The owner's search parameter that follows one of the type's Patient compartment paths,
 * in the compartment definition's order (e.g. `beneficiary` before `payor` for Coverage);
 * among those on one path, one declared to target Patient (Provenance `patient`, not `target`).
 */
function compartmentParam(route: TypeRoute): SearchParamDefinition | undefined {
  if (!route.plugin.search || !route.capability.interactions.includes('search-type')) {
    return undefined;
  }
  const params = route.capability.searchParams
    .filter((param) => param.type === 'reference' && !param.includeOnly)
    .sort((a, b) => Number(targetsPatient(b)) - Number(targetsPatient(a)));
  for (const path of PATIENT_COMPARTMENT[route.capability.type] ?? []) {
    const param = params.find((candidate) => pathsOf(candidate).includes(path));
    if (param) return param;
  }
  return undefined;
}

function targetsPatient(param: SearchParamDefinition): boolean {
  return param.targets?.includes('Patient') === true;
}

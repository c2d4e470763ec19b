/**
 * create and update (R4 §3.1.0.8 / §3.1.0.5), routed to the plugin that owns the type. The
 * body must be a resource of the URL's type; a patient-context caller may only write inside
 * its own compartment. `Prefer: return` picks the response body (R4 §3.1.0.8.4).
 */
import type { Resource } from '@medplum/fhirtypes';
import {
  BadRequestError,
  ForbiddenError,
  InvalidResourceError,
} from '../../../plugins/sdk/errors.js';
import { recordAccess } from '../../audit/record.js';
import { informational } from '../outcome.js';
import { parseSearch } from '../search/parse.js';
import { pluginContext, routeFor, type FhirServices } from '../services.js';
import type { FhirRequest, FhirResponse } from '../types.js';
import { versionHeaders } from './read.js';

/** POST [base]/[type] */
export async function createResource(
  services: FhirServices,
  req: FhirRequest,
): Promise<FhirResponse> {
  const { plugin, capability } = routeFor(services, req, 'create');
  const constraints = req.constraints;
  const resource = bodyResource(req);
  if (!services.access.admits(constraints, resource)) throw outsideCompartment();
  const ifNoneExist = req.ifNoneExist
    ? parseSearch([...new URLSearchParams(req.ifNoneExist)], capability, services.limits, true)
        .criteria
    : undefined;

  const result = await plugin.create!(
    { resourceType: capability.type, resource, ifNoneExist },
    pluginContext(req, constraints),
  );
  await recordAccess(services.audit, req, 'create', [result.resource]);
  return written(req, result.resource, result.created ? 201 : 200);
}

/** PUT [base]/[type]/[id] */
export async function updateResource(
  services: FhirServices,
  req: FhirRequest,
): Promise<FhirResponse> {
  const { plugin, capability } = routeFor(services, req, 'update');
  const constraints = req.constraints;
  const resource = bodyResource(req);
  const id = req.id as string;
  if (resource.id !== id) {
    throw new BadRequestError(
      `The resource id "${resource.id ?? ''}" does not match the URL id "${req.id}"`,
      {
        expression: [`${capability.type}.id`],
      },
    );
  }
  if (!services.access.admits(constraints, resource)) throw outsideCompartment();

  const result = await plugin.update!(
    { resourceType: capability.type, id, resource, ifMatch: parseIfMatch(req.ifMatch) },
    pluginContext(req, constraints),
  );
  await recordAccess(services.audit, req, 'update', [result.resource]);
  return written(req, result.resource, result.created ? 201 : 200);
}

function bodyResource(req: FhirRequest): Resource {
  const body = req.body as Partial<Resource> | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidResourceError('The request body must be a FHIR resource in JSON');
  }
  if (body.resourceType !== req.resourceType) {
    throw new InvalidResourceError(
      `The body's resourceType "${String(body.resourceType)}" does not match the URL type "${req.resourceType}"`,
      { expression: ['resourceType'] },
    );
  }
  return body as Resource;
}

/** `W/"3"` or `"3"` gives `3`. */
function parseIfMatch(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"([^"]+)"$/.exec(header.trim());
  if (!match) throw new BadRequestError(`If-Match must be an ETag like W/"1", got ${header}`);
  return match[1];
}

function written(req: FhirRequest, resource: Resource, status: number): FhirResponse {
  const location =
    `${req.baseUrl}/${resource.resourceType}/${resource.id}` +
    (resource.meta?.versionId ? `/_history/${resource.meta.versionId}` : '');
  const headers = { ...versionHeaders(resource), Location: location };
  if (req.preferReturn === 'minimal') return { status, headers };
  if (req.preferReturn === 'OperationOutcome') {
    return {
      status,
      headers,
      resource: informational(`Stored ${resource.resourceType}/${resource.id}`, req.requestId),
    };
  }
  return { status, headers, resource };
}

function outsideCompartment(): ForbiddenError {
  return new ForbiddenError(
    "A patient-context token may only write resources in its own patient's compartment",
  );
}

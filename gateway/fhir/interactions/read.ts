/**
 * read and vread (R4 §3.1.0.2 / §3.1.0.3). The resource comes from the owning plugin and is
 * disclosed only when it lies within the caller's access constraints.
 */
import type { Resource } from '@medplum/fhirtypes';
import { ForbiddenError, NotFoundError } from '../../../plugins/sdk/errors.js';
import { recordAccess } from '../../audit/record.js';
import { pluginContext, routeFor, type FhirServices } from '../services.js';
import type { FhirRequest, FhirResponse } from '../types.js';

/** GET [base]/[type]/[id] */
export async function readResource(
  services: FhirServices,
  req: FhirRequest,
): Promise<FhirResponse> {
  const { plugin } = routeFor(services, req, 'read');
  const constraints = req.constraints;
  const id = req.id as string;
  if (
    req.resourceType === 'Patient' &&
    constraints.patientIds &&
    !constraints.patientIds.includes(id)
  ) {
    throw compartmentDenied();
  }

  const resource = await plugin.read?.(
    { resourceType: req.resourceType as string, id },
    pluginContext(req, constraints),
  );
  const found = checkFound(resource, req);
  if (!services.access.admits(constraints, found)) throw compartmentDenied();

  await recordAccess(services.audit, req, 'read', [found]);
  return { status: 200, resource: found, headers: versionHeaders(found) };
}

/** GET [base]/[type]/[id]/_history/[vid] */
export async function vreadResource(
  services: FhirServices,
  req: FhirRequest,
): Promise<FhirResponse> {
  const { plugin } = routeFor(services, req, 'vread');
  const constraints = req.constraints;
  const request = {
    resourceType: req.resourceType as string,
    id: req.id as string,
    versionId: req.versionId as string,
  };

  const resource = await plugin.vread?.(request, pluginContext(req, constraints));
  const found = checkFound(resource, req);
  if (!services.access.admits(constraints, found)) throw compartmentDenied();

  await recordAccess(services.audit, req, 'vread', [found]);
  return { status: 200, resource: found, headers: versionHeaders(found) };
}

/** `ETag` and `Last-Modified` from the resource's meta (R4 §3.1.0.4.2). */
export function versionHeaders(resource: Resource): Record<string, string> {
  const headers: Record<string, string> = {};
  if (resource.meta?.versionId) headers.ETag = `W/"${resource.meta.versionId}"`;
  if (resource.meta?.lastUpdated) {
    headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  }
  return headers;
}

function checkFound(resource: Resource | undefined, req: FhirRequest): Resource {
  const label = `${req.resourceType}/${req.id}`;
  if (!resource) throw new NotFoundError(`${label} was not found`);
  if (
    resource.resourceType !== req.resourceType ||
    (req.versionId === undefined && resource.id !== req.id)
  ) {
    throw new NotFoundError(`${label} was not found`, {
      detail: 'plugin returned a different resource',
    });
  }
  return resource;
}

function compartmentDenied(): ForbiddenError {
  return new ForbiddenError(
    "The resource is outside the token's patient compartment (SMART patient/ scopes grant only " +
      "the launch patient's own data)",
  );
}

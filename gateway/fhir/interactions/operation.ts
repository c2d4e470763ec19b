/**
 * Extended operations (R4 §3.1.0.11 "Extended Operations on RESTful APIs"): `$name` at system,
 * type or instance level, routed to the plugin that declared it. GET is allowed only for
 * operations that change nothing, with parameters from the query. What comes back passes the
 * same access checks as a read: resources the caller may not see are removed from it.
 */
import type { Parameters, Resource } from '@medplum/fhirtypes';
import type { AccessConstraints } from '../../../plugins/sdk/contract.js';
import {
  BadRequestError,
  MethodNotAllowedError,
  NotFoundError,
} from '../../../plugins/sdk/errors.js';
import type { OperationRoute } from '../../plugins/registry.js';
import { recordAccess } from '../../audit/record.js';
import { pluginContext, type FhirServices } from '../services.js';
import type { FhirRequest, FhirResponse } from '../types.js';

/** The declared operation a request names, or 404. */
export function operationFor(
  services: FhirServices,
  req: FhirRequest,
  name: string,
): OperationRoute {
  const level =
    req.id !== undefined ? 'instance' : req.resourceType !== undefined ? 'type' : 'system';
  const route = services.registry.forOperation(name, level, req.resourceType);
  if (!route) {
    const where = req.resourceType ? ` on ${req.resourceType}${req.id ? ' instances' : ''}` : '';
    throw new NotFoundError(`Operation $${name} is not supported${where}`);
  }
  return route;
}

/** The resource type whose scope guards the operation. */
export function operationScopeType(route: OperationRoute): string {
  return route.operation.scopeType ?? route.operation.resourceType ?? 'Parameters';
}

/** [base]/$name, [base]/[type]/$name, [base]/[type]/[id]/$name by GET or POST. */
export async function invokeOperation(
  services: FhirServices,
  req: FhirRequest,
): Promise<FhirResponse> {
  const name = req.operation ?? '';
  const route = operationFor(services, req, name);
  if (req.method === 'GET' && route.operation.affectsState) {
    throw new MethodNotAllowedError(
      `Operation $${name} changes state and must be invoked with POST`,
    );
  }
  const parameters = req.method === 'GET' ? queryParameters(req) : bodyParameters(req);
  const result = await route.plugin.operation!(
    { name: name, resourceType: req.resourceType, id: req.id, parameters },
    pluginContext(req, req.constraints),
  );

  const resource = screen(services, req.constraints, result.resource);
  await recordAccess(services.audit, req, `operation:$${name}`, disclosed(resource));
  return { status: result.status ?? 200, resource };
}

function queryParameters(req: FhirRequest): Parameters {
  const parameter = req.query
    .filter(([name]) => name !== '_format' && name !== '_pretty')
    .map(([name, valueString]) => ({ name, valueString }));
  return { resourceType: 'Parameters', parameter };
}

function bodyParameters(req: FhirRequest): Resource {
  const body = req.body as Partial<Resource> | undefined;
  if (!body || typeof body !== 'object' || typeof body.resourceType !== 'string') {
    throw new BadRequestError('The operation input must be a FHIR resource (usually Parameters)');
  }
  return body as Resource;
}

/** Removes what the caller may not see from a Bundle or Parameters; refuses a lone resource. */
function screen(
  services: FhirServices,
  constraints: AccessConstraints,
  resource: Resource,
): Resource {
  const admit = (r: Resource) =>
    r.resourceType === 'OperationOutcome' || services.access.admits(constraints, r);
  if (resource.resourceType === 'Bundle') {
    const entry = (resource.entry ?? []).filter((e) => !e.resource || admit(e.resource));
    return { ...resource, entry, ...(resource.total === undefined ? {} : { total: entry.length }) };
  }
  if (resource.resourceType === 'Parameters') {
    const parameter = (resource.parameter ?? []).filter((p) => !p.resource || admit(p.resource));
    return { ...resource, parameter };
  }
  if (!admit(resource)) {
    throw new NotFoundError('The operation result is not available to this caller');
  }
  return resource;
}

function disclosed(resource: Resource): Resource[] {
  if (resource.resourceType === 'Bundle') {
    return (resource.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
  }
  if (resource.resourceType === 'Parameters') {
    return (resource.parameter ?? []).flatMap((p) => (p.resource ? [p.resource] : []));
  }
  return [resource];
}

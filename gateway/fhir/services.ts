/**
 * What the FHIR handlers need, gathered once per app: the plugin registry, paging limits and
 * the audit trail. Also the helpers every handler shares to reach a plugin.
 */
import type { CapabilityStatementRestSecurity } from '@medplum/fhirtypes';
import type {
  AccessConstraints,
  Interaction,
  OperationCapability,
  RequestContext,
} from '../../plugins/sdk/contract.js';
import { MethodNotAllowedError, UnsupportedResourceTypeError } from '../../plugins/sdk/errors.js';
import type { AccessPolicy } from '../auth/access.js';
import type { PluginRegistry, TypeRoute } from '../plugins/registry.js';
import type { AuditRepository } from '../store/types.js';
import type { PagingLimits } from './search/parse.js';
import type { FhirRequest } from './types.js';

export interface FhirServices {
  readonly registry: PluginRegistry;
  /** Every authorization decision, on the way in and on what comes back. */
  readonly access: AccessPolicy;
  readonly limits: PagingLimits;
  readonly audit?: AuditRepository;
  /** Software and publisher names for the CapabilityStatement. */
  readonly software: {
    readonly name: string;
    readonly version: string;
    readonly publisher: string;
  };
  /** Operations the gateway itself serves (bulk `$export`), listed with the plugins' ones. */
  readonly operations?: readonly OperationCapability[];
  /** The CapabilityStatement's `rest.security` (SMART oauth-uris), when an IdP is known. */
  readonly security?: CapabilityStatementRestSecurity;
}

/** The owner of the request's type, checked to serve `interaction`. */
export function routeFor(
  services: FhirServices,
  req: FhirRequest,
  interaction: Interaction,
): TypeRoute {
  const resourceType = req.resourceType ?? '';
  const route = services.registry.forType(resourceType);
  if (!route) {
    throw new UnsupportedResourceTypeError(
      `Resource type "${resourceType}" is not supported by this server`,
    );
  }
  if (!route.capability.interactions.includes(interaction)) {
    throw new MethodNotAllowedError(
      `The ${interaction} interaction is not supported for ${resourceType}`,
    );
  }
  return route;
}

/** The per-call context handed to a plugin. */
export function pluginContext(req: FhirRequest, constraints: AccessConstraints): RequestContext {
  return { requestId: req.requestId, logger: req.logger, constraints, signal: req.signal };
}

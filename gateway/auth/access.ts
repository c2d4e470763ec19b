/**
 * The gateway's authorization decisions, made before a plugin is called and re-checked on
 * everything it returns. Plugins receive the constraints to narrow their queries, but the
 * gateway never trusts them to: `admit` drops any resource the caller may not see.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { AccessConstraints } from '../../plugins/sdk/contract.js';
import { ForbiddenError, UnauthorizedError } from '../../plugins/sdk/errors.js';
import { inCompartment, isPatientData } from './compartment.js';
import type { Principal } from './principal.js';
import { requireScope, type ScopeAction } from './scopes.js';

/** Decides whether `principal` may perform `action` on `resourceType`, and under what limits. */
export function authorize(
  principal: Principal | undefined,
  action: ScopeAction,
  resourceType: string,
): AccessConstraints {
  if (!principal) throw new UnauthorizedError('A bearer token is required');
  requireScope(principal, action, resourceType);
  if (principal.purpose !== 'patient') return {};
  if (!principal.patient) {
    throw new ForbiddenError('The token has patient scopes but no patient context');
  }
  return { patientIds: [principal.patient] };
}

/** True when the resource may be disclosed under the constraints. */
export function admits(constraints: AccessConstraints, resource: Resource): boolean {
  const patientIds = constraints.patientIds;
  if (!patientIds) return true;
  if (!isPatientData(resource.resourceType)) return true;
  return inCompartment(resource, patientIds);
}

/** Keeps the admitted resources and counts the others, which the caller logs. */
export function admitAll(
  constraints: AccessConstraints,
  resources: readonly Resource[],
): { admitted: Resource[]; dropped: number } {
  const admitted = resources.filter((resource) => admits(constraints, resource));
  return { admitted, dropped: resources.length - admitted.length };
}

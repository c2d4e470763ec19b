/**
 * The gateway's authorization decisions, made before a plugin is called and re-checked on
 * everything it returns. Plugins receive the constraints to narrow their queries, but the
 * gateway never trusts them to: `admits` drops any resource the caller may not see.
 *
 * Decisions, in order: a principal is required; a granted scope must allow the action on the
 * type (SMART v1 or v2, with granular query restrictions); a `patient/` token is confined to
 * its patient's compartment; a `user/` token passes the provider hook, where the Provider
 * Access issue will confine practitioners to attributed, not-opted-out patients.
 */
import type { Resource } from '@medplum/fhirtypes';
import type {
  AccessConstraints,
  ReadableType,
  SearchCriterion,
} from '../../plugins/sdk/contract.js';
import { ForbiddenError, UnauthorizedError } from '../../plugins/sdk/errors.js';
import type { PluginRegistry } from '../plugins/registry.js';
import { compartmentPatients, inCompartment, isPatientData } from './compartment.js';
import { matchesCriteria } from './granular.js';
import type { Principal } from './principal.js';
import { grantingScopes, requireScope, type ResourceScope, type ScopeAction } from './scopes.js';

/** Limits a provider's (`user/`) access; the Provider Access issue supplies attribution. */
export type ProviderHook = (principal: Principal, resourceType: string) => AccessConstraints;

/**
 * Until attribution is configured, a practitioner reaches patient data only for the patient
 * an EHR launch put in context; without one, patient data is refused rather than opened.
 */
export const launchContextOnly: ProviderHook = (principal, resourceType) => {
  if (principal.patient) return { patientIds: [principal.patient] };
  if (!isPatientData(resourceType)) return {};
  throw new ForbiddenError(
    `A user/ token reaches ${resourceType} data only for the patient in its launch context ` +
      '(attribution-based provider access is not configured)',
  );
};

/** The single place where access is decided, for every route and every returned resource. */
export class AccessPolicy {
  constructor(
    private readonly registry: PluginRegistry,
    private readonly providerHook: ProviderHook = launchContextOnly,
  ) {}

  /** Decides whether `principal` may perform `action` on `resourceType`, and under what limits. */
  authorize(
    principal: Principal | undefined,
    action: ScopeAction,
    resourceType: string,
  ): AccessConstraints {
    const publicType = this.isPublic(resourceType, action);
    if (publicType && !this.keepsTokenContext(principal, action, resourceType)) {
      return { withoutPatientData: true };
    }
    if (!principal) throw new UnauthorizedError('A bearer token is required');
    requireScope(principal, action, resourceType);
    const scopeFilters = granularFilters(principal, action, resourceType);
    const derived = publicType ? { readableTypes: this.readableTypes(principal) } : {};
    return { ...this.contextConstraints(principal, resourceType), ...scopeFilters, ...derived };
  }

  /**
   * Types the token may read or search (or that are public), with their granular filters: what
   * derived data may reveal.
   */
  private readableTypes(principal: Principal): Record<string, ReadableType> {
    const readable: Record<string, ReadableType> = {};
    for (const type of this.registry.types()) {
      if (this.isPublic(type, 'r')) {
        readable[type] = {};
        continue;
      }
      const granting = [
        ...grantingScopes(principal.scopes, 'r', type),
        ...grantingScopes(principal.scopes, 's', type),
      ];
      if (granting.length > 0) readable[type] = filtersOf(granting);
    }
    return readable;
  }

  /**
   * True for reads and searches of a type its plugin declared public. Public access never
   * discloses patient data: `admits` withholds anything in a patient compartment.
   */
  isPublic(resourceType: string, action: ScopeAction): boolean {
    if (action !== 'r' && action !== 's') return false;
    return this.registry.forType(resourceType)?.capability.public === true;
  }

  /**
   * A public type that declared `tokenContextFirst` (it holds public and patient records alike)
   * authorizes a caller whose token grants it like any patient data, not with the public view.
   */
  private keepsTokenContext(
    principal: Principal | undefined,
    action: ScopeAction,
    resourceType: string,
  ): boolean {
    if (!principal) return false;
    if (this.registry.forType(resourceType)?.capability.tokenContextFirst !== true) return false;
    return grantingScopes(principal.scopes, action, resourceType).length > 0;
  }

  /** True when the resource may be disclosed under the constraints. */
  admits(constraints: AccessConstraints, resource: Resource): boolean {
    if (!this.withinCompartment(constraints, resource)) return false;
    const filters = constraints.scopeFilters;
    if (!filters) return true;
    const params = this.registry.forType(resource.resourceType)?.capability.searchParams ?? [];
    return filters.some((criteria) => matchesCriteria(resource, criteria, params));
  }

  /** Keeps the admitted resources and counts the others, which the caller logs. */
  admitAll(
    constraints: AccessConstraints,
    resources: readonly Resource[],
  ): { admitted: Resource[]; dropped: number } {
    const admitted = resources.filter((resource) => this.admits(constraints, resource));
    return { admitted, dropped: resources.length - admitted.length };
  }

  private contextConstraints(principal: Principal, resourceType: string): AccessConstraints {
    if (principal.purpose === 'provider') return this.providerHook(principal, resourceType);
    if (principal.purpose !== 'patient') return {};
    if (!principal.patient) {
      throw new ForbiddenError('The token has patient scopes but no patient context');
    }
    return { patientIds: [principal.patient] };
  }

  private withinCompartment(constraints: AccessConstraints, resource: Resource): boolean {
    if (constraints.withoutPatientData && compartmentPatients(resource).length > 0) return false;
    const patientIds = constraints.patientIds;
    if (!patientIds || !isPatientData(resource.resourceType)) return true;
    return inCompartment(resource, patientIds) || this.isPublicRecord(resource);
  }

  /** A record in no patient compartment, of a public type: anyone may see it anyway. */
  private isPublicRecord(resource: Resource): boolean {
    return this.isPublic(resource.resourceType, 'r') && compartmentPatients(resource).length === 0;
  }
}

/**
 * SMART v2 granular scopes: when every scope granting the action carries a query, the
 * resource must match one of those queries. One unrestricted grant lifts the restriction.
 */
function granularFilters(
  principal: Principal,
  action: ScopeAction,
  resourceType: string,
): AccessConstraints {
  return filtersOf(grantingScopes(principal.scopes, action, resourceType));
}

/** The queries of the granting scopes, or none when one of them is unrestricted. */
function filtersOf(granting: readonly ResourceScope[]): ReadableType {
  if (granting.some((scope) => scope.query.length === 0)) return {};
  const scopeFilters: SearchCriterion[][] = granting.map((scope) =>
    scope.query.map(([name, value]) => ({ name, values: value.split(',') })),
  );
  return { scopeFilters };
}

/**
 * SMART App Launch 2.2 scopes (§ "Scopes for requesting clinical data"), in both syntaxes:
 * v1 `patient/Observation.read|write|*` and v2 `patient/Observation.cruds` subsets, with an
 * optional granular query (`patient/Observation.rs?category=laboratory`).
 */
import { ForbiddenError } from '../../plugins/sdk/errors.js';
import type { Principal, Purpose } from './principal.js';

/** A SMART v2 permission letter: create, read, update, delete, search. */
export type ScopeAction = 'c' | 'r' | 'u' | 'd' | 's';

export type ScopeContext = 'patient' | 'user' | 'system';

export interface ResourceScope {
  readonly context: ScopeContext;
  /** A resource type, or `*`. */
  readonly resourceType: string;
  readonly actions: ReadonlySet<ScopeAction>;
  /** Granular restriction as search pairs (v2 only); empty when none. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly raw: string;
}

const PATTERN = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.([a-z*]+)(?:\?(.+))?$/;
const V1: Record<string, string> = { read: 'rs', write: 'cud', '*': 'cruds' };

/** Parses one scope string; undefined for non-resource scopes (`openid`, `launch`...). */
export function parseScope(raw: string): ResourceScope | undefined {
  const match = PATTERN.exec(raw);
  if (!match) return undefined;
  const [, context, resourceType, permission = '', query] = match;
  const letters = V1[permission] ?? (isV2(permission) ? permission : undefined);
  if (letters === undefined) return undefined;
  return {
    context: context as ScopeContext,
    resourceType: resourceType as string,
    actions: new Set(letters.split('') as ScopeAction[]),
    query: query ? [...new URLSearchParams(query)] : [],
    raw,
  };
}

/** v2 permissions: letters from `cruds`, each at most once, in that order. */
function isV2(permission: string): boolean {
  return /^c?r?u?d?s?$/.test(permission) && permission.length > 0;
}

/** All resource scopes in a granted scope list. */
export function resourceScopes(scopes: readonly string[]): ResourceScope[] {
  return scopes.flatMap((scope) => parseScope(scope) ?? []);
}

/** The scopes that allow `action` on `resourceType`. */
export function grantingScopes(
  scopes: readonly string[],
  action: ScopeAction,
  resourceType: string,
): ResourceScope[] {
  return resourceScopes(scopes).filter(
    (scope) =>
      scope.actions.has(action) &&
      (scope.resourceType === '*' || scope.resourceType === resourceType),
  );
}

/** Throws 403 naming the missing scope when no granted scope allows the action. */
export function requireScope(
  principal: Principal,
  action: ScopeAction,
  resourceType: string,
): void {
  if (grantingScopes(principal.scopes, action, resourceType).length > 0) return;
  const context = contextOf(principal.purpose);
  throw new ForbiddenError(
    `The token's scopes do not allow ${ACTION_NAMES[action]} on ${resourceType}: ` +
      `requires ${context}/${resourceType}.${action} (or a wider scope)`,
  );
}

/** The purpose implied by the granted scopes: patient, else user (provider), else system. */
export function purposeOf(scopes: readonly string[]): Purpose {
  const contexts = new Set(resourceScopes(scopes).map((scope) => scope.context));
  if (contexts.has('patient')) return 'patient';
  if (contexts.has('user')) return 'provider';
  return 'system';
}

function contextOf(purpose: Purpose): ScopeContext {
  if (purpose === 'patient') return 'patient';
  return purpose === 'system' ? 'system' : 'user';
}

const ACTION_NAMES: Record<ScopeAction, string> = {
  c: 'create',
  r: 'read',
  u: 'update',
  d: 'delete',
  s: 'search',
};

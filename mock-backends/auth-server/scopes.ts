/**
 * Which requested scopes a client may be granted. SMART scopes are free-form strings to
 * oidc-provider, so the allow-list check lives here: a client's configured `allowedScopes`
 * are patterns, and a requested scope is granted when one pattern covers it.
 *
 * SMART App Launch 2.2, "Scopes and Launch Context": clinical scopes have the form
 * `context/Resource.permissions[?query]`, with v2 permissions `cruds` and v1 `read`, `write`
 * and `*`. Both syntaxes are accepted and granted exactly as requested.
 */

/** Scopes oidc-provider treats as OpenID Connect scopes (ID token, refresh token). */
export const OIDC_SCOPES: readonly string[] = [
  'openid',
  'fhirUser',
  'offline_access',
  'online_access',
];

interface ClinicalScope {
  readonly context: string;
  readonly resourceType: string;
  readonly permissions: ReadonlySet<string>;
}

const CLINICAL = /^(patient|user|system)\/([A-Za-z]+|\*)\.([a-z*]+)(\?.*)?$/;
const V1_PERMISSIONS: Readonly<Record<string, string>> = { read: 'rs', write: 'cud', '*': 'cruds' };

/** Parses `patient/Observation.rs` or `user/*.read`; undefined when not a clinical scope. */
function parseClinical(scope: string): ClinicalScope | undefined {
  const match = CLINICAL.exec(scope);
  if (!match) return undefined;
  const [, context = '', resourceType = '', raw = ''] = match;
  const letters = V1_PERMISSIONS[raw] ?? raw;
  if (!/^c?r?u?d?s?$/.test(letters) || letters === '') return undefined;
  return { context, resourceType, permissions: new Set(letters) };
}

/** True when the allowed pattern covers the requested scope (a narrower query is fine). */
function covers(pattern: string, requested: string): boolean {
  if (pattern === requested) return true;
  const allowed = parseClinical(pattern);
  const wanted = parseClinical(requested);
  if (!allowed || !wanted) return false;
  if (allowed.context !== wanted.context) return false;
  if (allowed.resourceType !== '*' && allowed.resourceType !== wanted.resourceType) return false;
  return [...wanted.permissions].every((p) => allowed.permissions.has(p));
}

/** Splits a space-delimited scope parameter into distinct values. */
export function splitScope(scope: string | undefined): string[] {
  if (!scope) return [];
  return [...new Set(scope.split(' ').filter(Boolean))];
}

/** The requested scopes the client may have, in request order; the others are dropped. */
export function allowedScopes(requested: readonly string[], patterns: readonly string[]): string[] {
  return requested.filter((scope) => patterns.some((pattern) => covers(pattern, scope)));
}

/** The OpenID Connect subset of a scope list. */
export function oidcScopes(scopes: readonly string[]): string[] {
  return scopes.filter((scope) => OIDC_SCOPES.includes(scope));
}

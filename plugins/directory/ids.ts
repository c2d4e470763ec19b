/**
 * FHIR ids of directory entities, agreed across plugins: NPI-based for practitioners and
 * provider organizations (`npi-<NPI>`, so claims and prior-authorization plugins can point at
 * them from the NPI alone), otherwise a per-kind prefix on the legacy id (`loc-`, `net-`,
 * `plan-`...), which keeps ids unique when the gateway federates several plugins.
 */
import type { Row } from './backend.js';

/** Prefixes of ids on legacy keys. */
export const PREFIX = {
  npi: 'npi-',
  organization: 'org-',
  network: 'net-',
  location: 'loc-',
  role: 'role-',
  plan: 'plan-',
  service: 'svc-',
  endpoint: 'ep-',
  affiliation: 'aff-',
} as const;

/** Organization id: `npi-<NPI>` for provider organizations, `org-<id>` when without NPI. */
export function organizationFhirId(row: Row): string {
  const npi = row.NPI;
  return typeof npi === 'string'
    ? `${PREFIX.npi}${npi}`
    : `${PREFIX.organization}${str(row.ORG_ID)}`;
}

/** Practitioner id from an NPI. */
export function practitionerFhirId(npi: string): string {
  return `${PREFIX.npi}${npi}`;
}

/** The legacy key after `prefix`, or undefined when the id does not carry it. */
export function unprefix(id: string, prefix: string): string | undefined {
  return id.startsWith(prefix) && id.length > prefix.length ? id.slice(prefix.length) : undefined;
}

/** A row's column as a string ('' when absent). */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** A row's column as a list of strings. */
export function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(str) : [];
}

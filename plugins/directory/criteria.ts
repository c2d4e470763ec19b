/**
 * FHIR search criteria (R4 §3.1.1.4) translated into the directory backend's filters, per
 * backend collection. A parameter the collection cannot express is refused with a 400 naming
 * it (R4 §3.1.1.4: a server must not silently ignore a parameter it claims to support); a
 * value that cannot exist there (another id scheme, another system) matches nothing.
 */
import type { SearchCriterion } from '../sdk/contract.js';
import { BadRequestError } from '../sdk/errors.js';
import type { OrganizationIndex } from './backend.js';
import { PREFIX, unprefix } from './ids.js';
import { NPI_SYSTEM, NUCC, planNetCs } from './legacy-values.js';
import { ORG_TYPES } from './map-orgs.js';
import { LOCATION_TYPES } from './map-places.js';

/** One backend filter: list filters take comma-joined values, others one value per query. */
export interface Filter {
  readonly key: string;
  readonly values: readonly string[];
  readonly list: boolean;
}

/** Filters for one criterion; null when nothing in the collection can match. */
type Translate = (criterion: SearchCriterion, orgs: OrganizationIndex) => Filter[] | null;

const STRING_MODIFIERS = ['exact', 'contains'];

/** Parses `code`, `system|code`, `|code`: [system or undefined, code]. */
function token(value: string): [string | undefined, string] {
  const bar = value.indexOf('|');
  return bar < 0 ? [undefined, value] : [value.slice(0, bar), value.slice(bar + 1)];
}

/** The id a reference value names for `type` (`Type/id`, bare `id`, absolute URL). */
export function referencedId(value: string, type: string): string | undefined {
  const match = /^(?:.*\/)?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(value);
  if (match) return match[1] === type ? match[2] : undefined;
  return /^[A-Za-z0-9\-.]{1,64}$/.test(value) ? value : undefined;
}

function modifiers(criterion: SearchCriterion, allowed: readonly string[]): void {
  if (criterion.modifier === undefined || allowed.includes(criterion.modifier)) return;
  throw new BadRequestError(
    `Modifier :${criterion.modifier} is not supported on ${criterion.name}`,
    {
      expression: [criterion.name],
    },
  );
}

function filterOf(key: string, values: readonly (string | undefined)[], list: boolean) {
  const kept = values.filter((value): value is string => value !== undefined && value !== '');
  return kept.length === 0 ? null : [{ key, values: [...new Set(kept)], list }];
}

/** String search on a name: starts-with by default, `:exact`, `:contains` (wildcards). */
function name(key: string): Translate {
  return (criterion) => {
    modifiers(criterion, STRING_MODIFIERS);
    const patterns = criterion.values.map((raw) => {
      const value = raw.trim();
      if (!/^[A-Za-z0-9' .&-]{1,78}$/.test(value)) return undefined;
      if (criterion.modifier === 'exact') return value;
      return criterion.modifier === 'contains' ? `*${value}*` : `${value}*`;
    });
    return filterOf(key, patterns, false);
  };
}

/** Exact-match string (city, state, zip), case-insensitive at the backend. */
function exactString(key: string, pattern: RegExp): Translate {
  return (criterion) => {
    modifiers(criterion, ['exact']);
    return filterOf(
      key,
      criterion.values.map((v) => (pattern.test(v) ? v : undefined)),
      false,
    );
  };
}

/** A token whose code maps to backend values (system checked when given). */
function coded(key: string, system: string, map: (code: string) => string[], list: boolean) {
  const translate: Translate = (criterion) => {
    modifiers(criterion, []);
    const values = criterion.values.flatMap((value) => {
      const [sys, code] = token(value);
      return sys === undefined || sys === system ? map(code) : [];
    });
    return filterOf(key, values, list);
  };
  return translate;
}

/** A reference to `type` whose id maps to a backend key. */
function reference(
  key: string,
  type: string,
  toLegacy: (id: string, orgs: OrganizationIndex) => string | undefined,
  list = false,
): Translate {
  return (criterion, orgs) => {
    modifiers(criterion, []);
    const ids = criterion.values.map((value) => {
      const id = referencedId(value, type);
      return id === undefined ? undefined : toLegacy(id, orgs);
    });
    return filterOf(key, ids, list);
  };
}

const npiOf = (id: string) => {
  const npi = unprefix(id, PREFIX.npi);
  return npi !== undefined && /^[12]\d{9}$/.test(npi) ? npi : undefined;
};
const orgOf = (id: string, orgs: OrganizationIndex) => orgs.legacyIdOf.get(id);
const prefixed = (prefix: string, pattern: RegExp) => (id: string) => {
  const legacy = unprefix(id, prefix);
  return legacy !== undefined && pattern.test(legacy) ? legacy : undefined;
};
const networkOf = prefixed(PREFIX.network, /^NW-[A-Za-z]{1,20}$/);
const locationOf = prefixed(PREFIX.location, /^L\d{6}$/);
const taxonomy = coded(
  'taxonomy',
  NUCC,
  (code) => (/^[0-9A-Z]{9}X$/.test(code) ? [code] : []),
  true,
);
const npiIdentifier = coded(
  'npi',
  NPI_SYSTEM,
  (code) => (/^[12]\d{9}$/.test(code) ? [code] : []),
  true,
);
const reverse = (table: Readonly<Record<string, string>>, code: string) =>
  Object.entries(table)
    .filter(([, mapped]) => mapped === code)
    .map(([legacy]) => legacy);
const noMatch: Translate = () => null;

const CITY = exactString('city', /^[A-Za-z' .-]{1,50}$/);
const STATE = exactString('state', /^[A-Za-z]{2}$/);
const ZIP = exactString('zip', /^\d{5}$/);

const ACCEPTING: Readonly<Record<string, string>> = { newpt: 'Y', nopt: 'N', existptonly: 'E' };

/** Criteria each backend collection understands (`_id` is handled by reads). */
export const TRANSLATIONS: Readonly<Record<string, Readonly<Record<string, Translate>>>> = {
  practitioners: {
    name: name('name'),
    family: name('name'),
    given: name('name'),
    identifier: npiIdentifier,
  },
  roles: {
    practitioner: reference('npi', 'Practitioner', npiOf, true),
    organization: reference('orgId', 'Organization', orgOf),
    location: reference('locationId', 'Location', locationOf),
    network: reference('network', 'Organization', networkOf),
    specialty: taxonomy,
    'new-patient': coded(
      'acceptingNew',
      planNetCs('AcceptingPatientsCS'),
      (c) => (ACCEPTING[c] ? [ACCEPTING[c]] : []),
      false,
    ),
    role: coded(
      'pcp',
      planNetCs('ProviderRoleCS'),
      (c) => (c === 'pcp' ? ['Y'] : c === 'ph' ? ['N'] : []),
      false,
    ),
  },
  organizations: {
    name: name('name'),
    'address-city': CITY,
    'address-state': STATE,
    'address-postalcode': ZIP,
    partof: reference('parentOrgId', 'Organization', orgOf),
    type: coded('type', planNetCs('OrgTypeCS'), (code) => reverse(ORG_TYPES, code), true),
    identifier: npiIdentifier,
  },
  networks: {
    name: name('name'),
    'address-city': noMatch,
    'address-state': noMatch,
    'address-postalcode': noMatch,
    partof: noMatch,
    identifier: noMatch,
    type: networkType,
  },
  locations: {
    name: name('name'),
    'address-city': CITY,
    'address-state': STATE,
    'address-postalcode': ZIP,
    organization: reference('orgId', 'Organization', orgOf),
    type: coded(
      'type',
      'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
      (code) => reverse(LOCATION_TYPES, code),
      true,
    ),
    near: near,
  },
  services: {
    name: name('name'),
    organization: reference('orgId', 'Organization', orgOf),
    location: reference('locationId', 'Location', locationOf),
    specialty: taxonomy,
    'service-category': coded(
      'category',
      planNetCs('HealthcareServiceCategoryCS'),
      (code) => (/^[a-z]{2,10}$/.test(code) ? [code] : []),
      true,
    ),
  },
  plans: {
    name: name('name'),
    type: coded('lob', planNetCs('InsuranceProductTypeCS'), productLob, false),
  },
  endpoints: {
    organization: reference('orgId', 'Organization', orgOf),
    'connection-type': coded(
      'type',
      'http://terminology.hl7.org/CodeSystem/endpoint-connection-type',
      (code) =>
        code === 'hl7-fhir-rest' ? ['FHIR_R4'] : code === 'direct-project' ? ['DIRECT'] : [],
      false,
    ),
  },
  affiliations: {
    'primary-organization': reference('orgId', 'Organization', orgOf),
    'participating-organization': reference('participatingOrgId', 'Organization', orgOf),
    network: reference('network', 'Organization', networkOf),
    role: coded(
      'role',
      planNetCs('OrganizationAffiliationRoleCS'),
      (code) => (code === 'provider' ? ['NTWK', 'HOSP'] : code === 'diagnostics' ? ['REFLAB'] : []),
      false,
    ),
  },
};

function productLob(code: string): string[] {
  const lobs: Record<string, string> = {
    commhmo: 'COM',
    commppo: 'COM',
    mediadv: 'MA',
    medicaid: 'MCD',
    qhp: 'QHP',
  };
  return lobs[code] ? [lobs[code]] : [];
}

/** R4 `near`: `lat|long|distance|units` (km or mi; default 25 km). */
function near(criterion: SearchCriterion): Filter[] | null {
  modifiers(criterion, []);
  const [value, ...rest] = criterion.values;
  if (value === undefined || rest.length > 0) {
    throw new BadRequestError('near accepts a single value', { expression: ['near'] });
  }
  const [lat = '', lon = '', distance, units = 'km'] = value.split('|');
  const ok = /^-?\d{1,2}(\.\d+)?$/.test(lat) && /^-?\d{1,3}(\.\d+)?$/.test(lon);
  if (!ok || !['km', 'mi', '[mi_i]'].includes(units)) {
    throw new BadRequestError('near must be latitude|longitude|distance|units', {
      expression: ['near'],
    });
  }
  const km = distance ? Number(distance) * (units === 'km' ? 1 : 1.609344) : 25;
  if (!(km >= 0.1 && km <= 500)) {
    throw new BadRequestError('near distance must be 0.1 to 500 km', { expression: ['near'] });
  }
  return [
    { key: 'near', values: [`${lat},${lon}`], list: false },
    { key: 'radiusKm', values: [String(km)], list: false },
  ];
}

/** Every network has type `ntwk`: no backend filter, or no match for another type. */
function networkType(criterion: SearchCriterion): Filter[] | null {
  modifiers(criterion, []);
  const matches = criterion.values.some((value) => {
    const [system, code] = token(value);
    return code === 'ntwk' && (system === undefined || system === planNetCs('OrgTypeCS'));
  });
  return matches ? [] : null;
}

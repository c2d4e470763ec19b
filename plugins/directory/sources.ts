/**
 * The backend collections behind each FHIR type, with their mapping and the ids they serve.
 * Organization draws from two collections: provider organizations (`npi-`/`org-` ids) and
 * networks (`net-` ids), searched one after the other.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { DirectoryClient, OrganizationIndex, Row } from './backend.js';
import { PREFIX, unprefix } from './ids.js';
import { toPractitioner, toPractitionerRole } from './map-people.js';
import { toAffiliation, toInsurancePlan, toNetwork, toOrganization } from './map-orgs.js';
import { toEndpoint, toHealthcareService, toLocation } from './map-places.js';

/** One backend collection. */
export interface Source {
  /** Short name, used in criteria tables. */
  readonly key: string;
  readonly path: string;
  readonly listKey: string;
  /** The row's id column: the backend orders and pages the collection by it. */
  readonly idColumn: string;
  map(row: Row, orgs: OrganizationIndex): Resource;
  /** The row for a FHIR id, or undefined when the id is not this collection's. */
  find(
    client: DirectoryClient,
    id: string,
    orgs: OrganizationIndex,
    signal: AbortSignal,
  ): Promise<Row | undefined>;
}

function byPrefix(prefix: string, path: string) {
  return async (
    client: DirectoryClient,
    id: string,
    _orgs: OrganizationIndex,
    signal: AbortSignal,
  ) => {
    const legacy = unprefix(id, prefix);
    return legacy === undefined ? undefined : client.find(path, legacy, signal);
  };
}

const practitioners: Source = {
  key: 'practitioners',
  path: '/practitioners',
  listKey: 'PRACTITIONERS',
  idColumn: 'PRAC_ID',
  map: (row) => toPractitioner(row),
  find: async (client, id, _orgs, signal) => {
    const npi = unprefix(id, PREFIX.npi);
    if (npi === undefined || !/^[12]\d{9}$/.test(npi)) return undefined;
    const page = { limit: 1, total: false };
    return (await client.search('/practitioners', 'PRACTITIONERS', { npi }, page, signal)).rows[0];
  },
};

const organizations: Source = {
  key: 'organizations',
  path: '/organizations',
  listKey: 'ORGANIZATIONS',
  idColumn: 'ORG_ID',
  map: toOrganization,
  find: async (client, id, orgs, signal) => {
    const legacy = orgs.legacyIdOf.get(id);
    return legacy === undefined ? undefined : client.find('/organizations', legacy, signal);
  },
};

const networks: Source = {
  key: 'networks',
  path: '/networks',
  listKey: 'NETWORKS',
  idColumn: 'NTWK_ID',
  map: toNetwork,
  find: byPrefix(PREFIX.network, '/networks'),
};

function simple(
  key: string,
  path: string,
  [listKey, idColumn]: readonly [string, string],
  prefix: string,
  map: Source['map'],
): Source {
  return { key, path, listKey, idColumn, map, find: byPrefix(prefix, path) };
}

/** The collections of each served type, in search and stream order. */
export const SOURCES: Readonly<Record<string, readonly Source[]>> = {
  Practitioner: [practitioners],
  PractitionerRole: [
    simple('roles', '/practitioner-roles', ['ROLES', 'ROLE_ID'], PREFIX.role, (row) =>
      toPractitionerRole(row),
    ),
  ],
  Organization: [organizations, networks],
  Location: [
    simple('locations', '/locations', ['LOCATIONS', 'LOC_ID'], PREFIX.location, toLocation),
  ],
  HealthcareService: [
    simple(
      'services',
      '/healthcare-services',
      ['SERVICES', 'SVC_ID'],
      PREFIX.service,
      toHealthcareService,
    ),
  ],
  InsurancePlan: [
    simple('plans', '/insurance-plans', ['PLANS', 'PLAN_ID'], PREFIX.plan, toInsurancePlan),
  ],
  Endpoint: [
    simple('endpoints', '/endpoints', ['ENDPOINTS', 'ENDPT_ID'], PREFIX.endpoint, toEndpoint),
  ],
  OrganizationAffiliation: [
    simple(
      'affiliations',
      '/affiliations',
      ['AFFILIATIONS', 'AFFIL_ID'],
      PREFIX.affiliation,
      toAffiliation,
    ),
  ],
};

/** The order types are streamed in. */
export const STREAM_ORDER = Object.keys(SOURCES);

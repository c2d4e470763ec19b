/**
 * The directory's entity kinds: where each is served, the legacy row of each record, and
 * the searchable attributes (name, NPI, taxonomy, city, network...) indexed for it. One
 * table drives the loader (schema.ts), the queries (store.ts) and the routes (app.ts).
 */
import type { Directory } from '../synthetic/index.js';
import {
  ACCEPTING_CODES,
  affiliationRow,
  endpointRow,
  insurancePlanRow,
  languageCode,
  locationRow,
  networkRow,
  organizationRow,
  ORG_TYPE_CODES,
  practitionerRow,
  roleRow,
  serviceRow,
  type Row,
} from './legacy.js';

/** How a query parameter matches an attribute. */
export type Match = 'exact' | 'list' | 'name';

/** One stored record: its row and its searchable attributes. */
export interface Entry {
  readonly id: string;
  readonly updatedAt: string;
  readonly latitude?: number;
  readonly longitude?: number;
  readonly row: Row;
  readonly attributes: readonly (readonly [string, string])[];
}

/** An entity kind of the directory. */
export interface EntityKind {
  readonly kind: string;
  readonly path: string;
  readonly listKey: string;
  /** The row's column holding its id, the key lists are ordered and paged by. */
  readonly idColumn: string;
  readonly label: string;
  /** Query parameter -> attribute and match. */
  readonly filters: Readonly<Record<string, readonly [string, Match]>>;
  readonly entries: (directory: Directory) => Entry[];
}

type Attributes = [string, string][];

function places(directory: Directory, locationIds: readonly string[]): Attributes {
  return locationIds.flatMap((id) => {
    const site = directory.locationById.get(id);
    if (!site) return [];
    const { city, state, zip } = site.address;
    return [
      ['CITY', city],
      ['STATE', state],
      ['ZIP', zip],
    ] as Attributes;
  });
}

function each(key: string, values: readonly string[]): Attributes {
  return values.map((value) => [key, value]);
}

const PLACE: Readonly<Record<string, readonly [string, Match]>> = {
  city: ['CITY', 'exact'],
  state: ['STATE', 'exact'],
  zip: ['ZIP', 'exact'],
};

const practitioners: EntityKind = {
  kind: 'PRAC',
  path: '/practitioners',
  listKey: 'PRACTITIONERS',
  idColumn: 'PRAC_ID',
  label: 'Practitioner',
  filters: {
    name: ['NAME', 'name'],
    npi: ['NPI', 'list'],
    taxonomy: ['TAXONOMY', 'list'],
    language: ['LANG', 'exact'],
    network: ['NTWK', 'exact'],
    acceptingNew: ['ACCEPT', 'exact'],
    orgId: ['ORG', 'exact'],
    ...PLACE,
  },
  entries: (directory) => {
    const rolesOf = new Map<string, typeof directory.roles>();
    for (const role of directory.roles) {
      rolesOf.set(role.practitionerId, [...(rolesOf.get(role.practitionerId) ?? []), role]);
    }
    return directory.practitioners.map((p) => {
      const roles = rolesOf.get(p.id) ?? [];
      const attributes: Attributes = [
        ...each('NAME', [p.familyName, p.givenName, `${p.givenName} ${p.familyName}`]),
        ['NPI', p.npi],
        ...each('TAXONOMY', p.taxonomies),
        ...each('LANG', p.languages.map(languageCode)),
        ...roles.flatMap((role): Attributes => [
          ['ORG', role.organizationId],
          ['ACCEPT', ACCEPTING_CODES[role.acceptingPatients]],
          ...each('NTWK', role.networkIds),
          ...places(directory, role.locationIds),
        ]),
      ];
      return { id: p.id, updatedAt: p.updatedAt, row: practitionerRow(p), attributes };
    });
  },
};

const organizations: EntityKind = {
  kind: 'ORG',
  path: '/organizations',
  listKey: 'ORGANIZATIONS',
  idColumn: 'ORG_ID',
  label: 'Organization',
  filters: {
    name: ['NAME', 'name'],
    npi: ['NPI', 'list'],
    tin: ['TIN', 'exact'],
    type: ['TYPE', 'list'],
    taxonomy: ['TAXONOMY', 'list'],
    network: ['NTWK', 'exact'],
    parentOrgId: ['PARENT', 'exact'],
    ...PLACE,
  },
  entries: (directory) =>
    directory.organizations.map((o) => {
      const attributes: Attributes = [
        ['NAME', o.name],
        ['TIN', o.tin],
        ['TYPE', ORG_TYPE_CODES[o.type]],
        ...each('NPI', o.npi ? [o.npi] : []),
        ...each('TAXONOMY', o.taxonomy ? [o.taxonomy] : []),
        ...each('PARENT', o.parentId ? [o.parentId] : []),
        ...each('NTWK', directory.networksByOrg.get(o.id) ?? []),
        ['CITY', o.address.city],
        ['STATE', o.address.state],
        ['ZIP', o.address.zip],
      ];
      return { id: o.id, updatedAt: o.updatedAt, row: organizationRow(o), attributes };
    }),
};

const locations: EntityKind = {
  kind: 'LOC',
  path: '/locations',
  listKey: 'LOCATIONS',
  idColumn: 'LOC_ID',
  label: 'Location',
  filters: {
    name: ['NAME', 'name'],
    orgId: ['ORG', 'exact'],
    type: ['TYPE', 'list'],
    network: ['NTWK', 'exact'],
    ...PLACE,
  },
  entries: (directory) =>
    directory.locations.map((l) => ({
      id: l.id,
      updatedAt: l.updatedAt,
      latitude: l.latitude,
      longitude: l.longitude,
      row: locationRow(l),
      attributes: [
        ['NAME', l.name],
        ['ORG', l.organizationId],
        ['TYPE', ORG_TYPE_CODES[l.type]],
        ...each('NTWK', directory.networksByOrg.get(l.organizationId) ?? []),
        ...places(directory, [l.id]),
      ],
    })),
};

const roles: EntityKind = {
  kind: 'ROLE',
  path: '/practitioner-roles',
  listKey: 'ROLES',
  idColumn: 'ROLE_ID',
  label: 'Practitioner role',
  filters: {
    practitionerId: ['PRAC', 'exact'],
    npi: ['NPI', 'list'],
    orgId: ['ORG', 'exact'],
    locationId: ['LOC', 'exact'],
    taxonomy: ['TAXONOMY', 'list'],
    network: ['NTWK', 'exact'],
    acceptingNew: ['ACCEPT', 'exact'],
    pcp: ['PCP', 'exact'],
    ...PLACE,
  },
  entries: (directory) =>
    directory.roles.map((r) => {
      const prac = directory.practitionerById.get(r.practitionerId)?.npi ?? '';
      const org = directory.organizationById.get(r.organizationId)?.npi ?? null;
      const row = roleRow(r, { prac, org });
      const attributes: Attributes = [
        ['PRAC', r.practitionerId],
        ['NPI', prac],
        ['ORG', r.organizationId],
        ['TAXONOMY', r.specialty],
        ['ACCEPT', row.ACCEPT_NEW_CD as string],
        ['PCP', row.PCP_IND as string],
        ...each('LOC', r.locationIds),
        ...each('NTWK', r.networkIds),
        ...places(directory, r.locationIds),
      ];
      return { id: r.id, updatedAt: r.updatedAt, row, attributes };
    }),
};

const networks: EntityKind = {
  kind: 'NTWK',
  path: '/networks',
  listKey: 'NETWORKS',
  idColumn: 'NTWK_ID',
  label: 'Network',
  filters: { name: ['NAME', 'name'], planId: ['PLAN', 'exact'] },
  entries: (directory) =>
    directory.networks.map((n) => ({
      id: n.id,
      updatedAt: n.updatedAt,
      row: networkRow(n),
      attributes: [['NAME', n.name], ...each('PLAN', n.planIds)],
    })),
};

const insurancePlans: EntityKind = {
  kind: 'PLAN',
  path: '/insurance-plans',
  listKey: 'PLANS',
  idColumn: 'PLAN_ID',
  label: 'Insurance plan',
  filters: {
    name: ['NAME', 'name'],
    lob: ['LOB', 'exact'],
    productType: ['TYPE', 'exact'],
    network: ['NTWK', 'exact'],
  },
  entries: (directory) =>
    directory.insurancePlans.map((p) => {
      const row = insurancePlanRow(p);
      const attributes: Attributes = [
        ['NAME', row.PLAN_NM as string],
        ['LOB', row.LOB_CD as string],
        ['TYPE', row.PROD_TYP_CD as string],
        ...each('NTWK', p.networkIds),
      ];
      return { id: p.planId, updatedAt: p.updatedAt, row, attributes };
    }),
};

const services: EntityKind = {
  kind: 'SVC',
  path: '/healthcare-services',
  listKey: 'SERVICES',
  idColumn: 'SVC_ID',
  label: 'Healthcare service',
  filters: {
    name: ['NAME', 'name'],
    orgId: ['ORG', 'exact'],
    locationId: ['LOC', 'exact'],
    category: ['CATEGORY', 'list'],
    taxonomy: ['TAXONOMY', 'list'],
    network: ['NTWK', 'exact'],
    ...PLACE,
  },
  entries: (directory) =>
    directory.services.map((s) => ({
      id: s.id,
      updatedAt: s.updatedAt,
      row: serviceRow(s),
      attributes: [
        ['NAME', s.name],
        ['ORG', s.organizationId],
        ['CATEGORY', s.category],
        ...each('LOC', s.locationIds),
        ...each('TAXONOMY', s.specialties),
        ...each('NTWK', s.networkIds),
        ...places(directory, s.locationIds),
      ],
    })),
};

const endpoints: EntityKind = {
  kind: 'ENDPT',
  path: '/endpoints',
  listKey: 'ENDPOINTS',
  idColumn: 'ENDPT_ID',
  label: 'Endpoint',
  filters: { orgId: ['ORG', 'exact'], type: ['TYPE', 'exact'] },
  entries: (directory) =>
    directory.endpoints.map((e) => {
      const row = endpointRow(e);
      const attributes: Attributes = [
        ['ORG', e.organizationId],
        ['TYPE', row.ENDPT_TYP_CD as string],
      ];
      return { id: e.id, updatedAt: e.updatedAt, row, attributes };
    }),
};

const affiliations: EntityKind = {
  kind: 'AFFIL',
  path: '/affiliations',
  listKey: 'AFFILIATIONS',
  idColumn: 'AFFIL_ID',
  label: 'Affiliation',
  filters: {
    orgId: ['ORG', 'exact'],
    participatingOrgId: ['PARTIC', 'exact'],
    role: ['ROLE', 'exact'],
    network: ['NTWK', 'exact'],
  },
  entries: (directory) =>
    directory.affiliations.map((a) => {
      const row = affiliationRow(a);
      const attributes: Attributes = [
        ['ORG', a.organizationId],
        ['PARTIC', a.participatingOrganizationId],
        ['ROLE', row.AFFIL_ROLE_CD as string],
        ...each('NTWK', a.networkIds),
      ];
      return { id: a.id, updatedAt: a.updatedAt, row, attributes };
    }),
};

/** Every entity kind, in load order. */
export const ENTITY_KINDS: readonly EntityKind[] = [
  practitioners,
  organizations,
  locations,
  roles,
  networks,
  insurancePlans,
  services,
  endpoints,
  affiliations,
];

/**
 * The synthetic provider directory: a deterministic catalog of practitioners, organizations,
 * locations, roles, networks, insurance products, services, endpoints and affiliations,
 * sized by the number of practitioners and fully determined by (size, seed).
 *
 * The directory is small next to the member population (a few hundred to a few thousand
 * practitioners), so it is built whole, in memory, and memoized: the directory backend
 * serves it, and the claims and prior-authorization generators pick billing, rendering and
 * prescribing providers from the very same catalog, so every NPI on a claim resolves here.
 */
import { createRng } from './prng.js';
import {
  INSURANCE_PLANS,
  NETWORKS,
  organizationAffiliations,
  organizationNetworks,
  organizationServices,
  type ServiceContext,
} from './providers-networks.js';
import {
  DIRECTORY_STREAM,
  organizationCount,
  organizationEndpoints,
  organizationLocations,
  payerOrganization,
  providerOrganization,
  type PlacedOrganization,
} from './providers-orgs.js';
import { staffedPractitioner, type RoleContext } from './providers-people.js';
import type {
  AffiliationRecord,
  EndpointRecord,
  HealthcareServiceRecord,
  InsurancePlanRecord,
  Location,
  Network,
  Organization,
  OrgType,
  Practitioner,
  PractitionerRole,
} from './providers-types.js';

/** Options for {@link buildDirectory}. */
export interface DirectoryOptions {
  /** Number of practitioners (default 200). */
  readonly practitioners?: number;
  readonly seed: number;
}

/** The whole directory plus the lookups the claim generators need. */
export interface Directory {
  readonly seed: number;
  readonly practitioners: readonly Practitioner[];
  /** `organizations[0]` is the payer (`O00000`, no NPI). */
  readonly organizations: readonly Organization[];
  readonly locations: readonly Location[];
  readonly roles: readonly PractitionerRole[];
  readonly networks: readonly Network[];
  readonly insurancePlans: readonly InsurancePlanRecord[];
  readonly services: readonly HealthcareServiceRecord[];
  readonly endpoints: readonly EndpointRecord[];
  readonly affiliations: readonly AffiliationRecord[];
  readonly practitionerById: ReadonlyMap<string, Practitioner>;
  readonly organizationById: ReadonlyMap<string, Organization>;
  readonly locationById: ReadonlyMap<string, Location>;
  /** Practitioners and organizations by NPI. */
  readonly byNpi: ReadonlyMap<string, Practitioner | Organization>;
  readonly rolesBySpecialty: ReadonlyMap<string, readonly PractitionerRole[]>;
  readonly organizationsByType: ReadonlyMap<OrgType, readonly Organization[]>;
  /** Networks each organization participates in. */
  readonly networksByOrg: ReadonlyMap<string, readonly string[]>;
}

/** Default directory size. */
export const DEFAULT_PRACTITIONERS = 200;

const cache = new Map<string, Directory>();

/** Builds (or returns the memoized) directory for a size and seed. */
export function buildDirectory(options: DirectoryOptions): Directory {
  const size = options.practitioners ?? DEFAULT_PRACTITIONERS;
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`Bad directory size ${size}`);
  const key = `${size}:${options.seed}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const directory = assemble(size, options.seed);
  cache.set(key, directory);
  return directory;
}

function assemble(size: number, seed: number): Directory {
  const orgs = withEndpoints(withParents(placeOrganizations(size, seed), seed), seed);
  const organizations = [
    payerOrganization(seed),
    ...orgs.placed.map((entry) => entry.organization),
  ];
  const locations = placeLocations(orgs.placed, seed);
  const locationsByOrg = groupBy(locations, (site) => site.organizationId);
  const networksByOrg = new Map(
    organizations.map((org) => [
      org.id,
      org.type === 'payer' ? [] : organizationNetworks(org, seed),
    ]),
  );
  const organizationsByType = groupBy(organizations, (org) => org.type);
  const staffed = staff(size, seed, { organizationsByType, locationsByOrg, networksByOrg });
  const specialtiesByOrg = new Map(
    [...groupBy(staffed.roles, (role) => role.organizationId)].map(([id, roles]) => [
      id,
      roles.map((role) => role.specialty),
    ]),
  );
  const serviceContext = { seed, locationsByOrg, networksByOrg, specialtiesByOrg };
  const services = listServices(organizations, serviceContext);
  const servicesByOrg = groupBy(services, (entry) => entry.organizationId);
  const affiliationContext = { seed, locationsByOrg, networksByOrg, servicesByOrg };
  return indexed({
    seed,
    practitioners: staffed.practitioners,
    organizations,
    locations,
    roles: staffed.roles.map((role) => withServices(role, servicesByOrg)),
    networks: NETWORKS,
    insurancePlans: INSURANCE_PLANS,
    services,
    endpoints: orgs.endpoints,
    affiliations: organizationAffiliations(organizations, affiliationContext),
    networksByOrg,
  });
}

type DirectoryLists = Omit<
  Directory,
  | 'practitionerById'
  | 'organizationById'
  | 'locationById'
  | 'byNpi'
  | 'rolesBySpecialty'
  | 'organizationsByType'
>;

function indexed(lists: DirectoryLists): Directory {
  const byNpi = new Map<string, Practitioner | Organization>();
  for (const entry of [...lists.practitioners, ...lists.organizations]) {
    if (entry.npi) byNpi.set(entry.npi, entry);
  }
  return Object.freeze({
    ...lists,
    practitionerById: new Map(lists.practitioners.map((entry) => [entry.id, entry])),
    organizationById: new Map(lists.organizations.map((entry) => [entry.id, entry])),
    locationById: new Map(lists.locations.map((entry) => [entry.id, entry])),
    byNpi,
    rolesBySpecialty: groupBy(lists.roles, (role) => role.specialtyKey),
    organizationsByType: groupBy(lists.organizations, (org) => org.type),
  });
}

function placeOrganizations(size: number, seed: number): PlacedOrganization[] {
  const used = new Set<string>();
  const count = organizationCount(size);
  const placed: PlacedOrganization[] = [];
  for (let k = 0; k < count; k++) placed.push(providerOrganization(k, seed, used));
  return placed;
}

/** Some clinics, labs and imaging centres belong to a hospital system in their state. */
function withParents(placed: PlacedOrganization[], seed: number): PlacedOrganization[] {
  const hospitals = placed.filter((entry) => entry.organization.type === 'hospital');
  return placed.map((entry) => {
    const { organization } = entry;
    if (!['clinic', 'lab', 'imaging'].includes(organization.type)) return entry;
    const rng = createRng(seed, DIRECTORY_STREAM.organization, 70_000 + organization.index);
    const local = hospitals.filter((h) => h.city.state === entry.city.state);
    if (local.length === 0 || !rng.chance(0.35)) return entry;
    const parentId = rng.pick(local).organization.id;
    return { ...entry, organization: { ...organization, parentId } };
  });
}

function withEndpoints(placed: readonly PlacedOrganization[], seed: number) {
  const endpoints: EndpointRecord[] = [];
  const withIds = placed.map((entry) => {
    const rng = createRng(seed, DIRECTORY_STREAM.organization, 80_000 + entry.organization.index);
    const own = organizationEndpoints(entry.organization, endpoints.length, rng);
    endpoints.push(...own);
    const endpointIds = own.map((endpoint) => endpoint.id);
    return { ...entry, organization: { ...entry.organization, endpointIds } };
  });
  return { placed: withIds, endpoints };
}

function placeLocations(placed: readonly PlacedOrganization[], seed: number): Location[] {
  const locations: Location[] = [];
  for (const entry of placed) {
    locations.push(...organizationLocations(entry, locations.length, seed));
  }
  return locations;
}

function staff(size: number, seed: number, context: RoleContext) {
  const practitioners: Practitioner[] = [];
  const roles: PractitionerRole[] = [];
  for (let index = 0; index < size; index++) {
    const entry = staffedPractitioner(index, seed, context, roles.length);
    practitioners.push(entry.practitioner);
    roles.push(...entry.roles);
  }
  return { practitioners, roles };
}

function listServices(
  organizations: readonly Organization[],
  context: ServiceContext,
): HealthcareServiceRecord[] {
  const services: HealthcareServiceRecord[] = [];
  for (const org of organizations) {
    services.push(...organizationServices(org, context, services.length));
  }
  return services;
}

/** A role is offered through the services of its organization that list its specialty. */
function withServices(
  role: PractitionerRole,
  servicesByOrg: ReadonlyMap<string, readonly HealthcareServiceRecord[]>,
): PractitionerRole {
  const offered = servicesByOrg.get(role.organizationId) ?? [];
  const matching = offered.filter((entry) => entry.specialties.includes(role.specialty));
  const chosen = matching.length > 0 ? matching : offered.slice(0, 1);
  return { ...role, serviceIds: chosen.map((entry) => entry.id) };
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

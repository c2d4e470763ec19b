/**
 * Organizations of the synthetic directory and their locations and endpoints. The payer is
 * organization `O00000`; provider organizations follow, the first seven one of each type so
 * that even a tiny directory has a hospital, a pharmacy, a lab... for claims to bill from.
 */
import { AS_OF_DATE, PAYER } from './catalog.js';
import { instantAt, toDays } from './dates.js';
import { drawPhone, type Address } from './family.js';
import { STREET_DIRECTIONS, STREET_NAMES, STREET_SUFFIXES } from './places.js';
import { createRng, type Rng } from './prng.js';
import { directoryId, npiFor, tinFor } from './providers-ids.js';
import { SERVICE_CITIES, type ServiceCity } from './providers-places.js';
import { ORG_TAXONOMIES } from './providers-taxonomy.js';
import type {
  EndpointRecord,
  Location,
  OpeningHours,
  Organization,
  OrgType,
} from './providers-types.js';

/** Stream keys of the directory generators (distinct from the member streams). */
export const DIRECTORY_STREAM = {
  organization: 1001,
  location: 1002,
  practitioner: 1003,
  network: 1004,
} as const;

type ProviderOrgType = Exclude<OrgType, 'payer'>;

/** An organization together with the city it was placed in. */
export interface PlacedOrganization {
  readonly organization: Organization;
  readonly city: ServiceCity;
}

const AS_OF_DAY = toDays(AS_OF_DATE);
const FIRST_TYPES: readonly ProviderOrgType[] = [
  'hospital',
  'clinic',
  'pharmacy',
  'lab',
  'imaging',
  'dental',
  'dme',
];
const TYPE_WEIGHTS: readonly (readonly [ProviderOrgType, number])[] = [
  ['hospital', 10],
  ['clinic', 45],
  ['pharmacy', 15],
  ['lab', 6],
  ['imaging', 6],
  ['dental', 13],
  ['dme', 5],
];
const NAME_STEMS = `Silver Fern|Cedar Hollow|Stonebrook|Larkspur|Foxglove|Kestrel|Tidewater|
Bramblewood|Copper Creek|Juniper Bay|Quillback|Salal Ridge|Osprey Point|Huckleberry|Red Alder|
Mossy Rock|Fireweed|Bluebunch|Camas Prairie|Saltgrass|Elkhorn|Grey Heron|Wildrye|Lupine|
Snowberry|Basalt Cliff|Thimbleberry|Vine Maple|Kinnikinnick|Yarrow|Shore Pine|Pika Ridge|
Marmot Lake|Sitka Meadow|Otter Slough|Balsamroot|Goldenrod|Ironwood|Madrone Hill|Wren Hollow`
  .split('|')
  .map((stem) => stem.trim());
const NAME_SUFFIXES: Readonly<Record<ProviderOrgType, readonly string[]>> = {
  hospital: ['Medical Center', 'Regional Hospital', 'Community Hospital'],
  clinic: ['Family Clinic', 'Primary Care', 'Medical Group', 'Specialty Clinic', 'Health Partners'],
  pharmacy: ['Pharmacy', 'Drug & Wellness'],
  lab: ['Clinical Laboratory', 'Diagnostics Lab'],
  imaging: ['Imaging Center', 'Diagnostic Imaging'],
  dental: ['Dental Care', 'Family Dentistry'],
  dme: ['Medical Supply', 'Home Medical Equipment'],
};
const CITY_WEIGHTS = SERVICE_CITIES.map((city) => [city, city.weight] as const);

/** Number of provider organizations for a directory of `practitioners`. */
export function organizationCount(practitioners: number): number {
  return Math.max(FIRST_TYPES.length + 3, Math.round(practitioners / 4));
}

/** The payer as a directory organization (it owns the networks). */
export function payerOrganization(seed: number): Organization {
  return {
    index: 0,
    id: 'O00000',
    tin: tinFor(0, seed),
    name: PAYER.name,
    type: 'payer',
    address: {
      line1: PAYER.address.line,
      city: PAYER.address.city,
      state: PAYER.address.state,
      zip: PAYER.address.zip,
    },
    phone: PAYER.phone,
    website: PAYER.website,
    endpointIds: [],
    active: true,
    updatedAt: PAYER.updatedAt,
  };
}

/** Provider organization number `k` (0-based; its id is `O` + k + 1). */
export function providerOrganization(
  k: number,
  seed: number,
  usedNames: Set<string>,
): PlacedOrganization {
  const rng = createRng(seed, DIRECTORY_STREAM.organization, k);
  const type = FIRST_TYPES[k] ?? rng.weighted(TYPE_WEIGHTS);
  const city = rng.weighted(CITY_WEIGHTS);
  const name = uniqueName(rng, type, city, usedNames);
  const organization: Organization = {
    index: k + 1,
    id: directoryId('O', k, 5),
    npi: npiFor(2, k, seed),
    tin: tinFor(k + 1, seed),
    name,
    type,
    taxonomy: rng.pick(ORG_TAXONOMIES[type]),
    address: drawStreetAddress(rng, city),
    phone: drawPhone(rng, city.areaCode),
    fax: rng.chance(0.6) ? drawPhone(rng, city.areaCode) : undefined,
    website: rng.chance(0.8) ? `https://www.${slugOf(name)}.example.org` : undefined,
    endpointIds: [],
    active: true,
    updatedAt: recentInstant(rng),
  };
  return { organization, city };
}

function uniqueName(rng: Rng, type: ProviderOrgType, city: ServiceCity, used: Set<string>): string {
  const base = `${rng.pick(NAME_STEMS)} ${rng.pick(NAME_SUFFIXES[type])}`;
  let name = used.has(base) ? `${base} of ${city.city}` : base;
  for (let n = 2; used.has(name); n++) name = `${base} ${n}`;
  used.add(name);
  return name;
}

/** Lower-case words joined by dashes, for host names. */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A street address in a city, with a suite number for most offices. */
export function drawStreetAddress(rng: Rng, city: ServiceCity): Address {
  const direction = rng.chance(0.25) ? `${rng.pick(STREET_DIRECTIONS)} ` : '';
  const street = `${direction}${rng.pick(STREET_NAMES)} ${rng.weighted(STREET_SUFFIXES)}`;
  const line1 = `${rng.int(100, 9999)} ${street}`;
  const base = { line1, city: city.city, state: city.state, zip: city.zip };
  return rng.chance(0.5) ? { ...base, line2: `Ste ${rng.int(1, 9)}${rng.int(0, 9)}0` } : base;
}

/** An instant within the last eighteen months before the as-of date, in office hours. */
export function recentInstant(rng: Rng): string {
  return instantAt(AS_OF_DAY - rng.int(1, 540), rng.int(8 * 3600, 18 * 3600));
}

/** Locations of one organization: its main site, plus satellites for some types. */
export function organizationLocations(
  placed: PlacedOrganization,
  firstIndex: number,
  seed: number,
): Location[] {
  const { organization, city } = placed;
  const rng = createRng(seed, DIRECTORY_STREAM.location, organization.index);
  const count = siteCount(rng, organization.type);
  const sites: Location[] = [];
  for (let i = 0; i < count; i++) {
    const siteCity = i === 0 ? city : sameStateCity(rng, city);
    const address = i === 0 ? organization.address : drawStreetAddress(rng, siteCity);
    const name = i === 0 ? organization.name : `${organization.name} - ${siteCity.city}`;
    const site = { index: firstIndex + i, name, address, siteCity, main: i === 0 };
    sites.push(location(rng, organization, site));
  }
  return sites;
}

function siteCount(rng: Rng, type: OrgType): number {
  if (type === 'clinic') return rng.weighted(SITE_COUNTS);
  if (type === 'hospital' || type === 'lab') return rng.chance(0.4) ? 2 : 1;
  return 1;
}

const SITE_COUNTS: readonly (readonly [number, number])[] = [
  [1, 60],
  [2, 30],
  [3, 10],
];

function sameStateCity(rng: Rng, city: ServiceCity): ServiceCity {
  const candidates = SERVICE_CITIES.filter((other) => other.state === city.state);
  return rng.pick(candidates);
}

interface Site {
  readonly index: number;
  readonly name: string;
  readonly address: Address;
  readonly siteCity: ServiceCity;
  /** The main site publishes the organization's endpoints. */
  readonly main: boolean;
}

function location(rng: Rng, organization: Organization, site: Site): Location {
  const open24h = organization.type === 'hospital';
  return {
    index: site.index,
    id: directoryId('L', site.index, 6),
    organizationId: organization.id,
    name: site.name,
    type: organization.type,
    address: site.address,
    latitude: round4(site.siteCity.latitude + (rng.next() - 0.5) * 0.06),
    longitude: round4(site.siteCity.longitude + (rng.next() - 0.5) * 0.08),
    phone: drawPhone(rng, site.siteCity.areaCode),
    fax: organization.fax,
    hours: open24h ? [] : openingHours(rng, organization.type),
    open24h,
    accessibility: accessibility(rng),
    endpointIds: site.main ? organization.endpointIds : [],
    active: true,
    updatedAt: recentInstant(rng),
  };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

function openingHours(rng: Rng, type: OrgType): OpeningHours[] {
  if (type === 'pharmacy') {
    const days = [...WEEKDAYS, 'sat', 'sun'] as const;
    return days.map((day) => ({ day, opens: '09:00', closes: day === 'sun' ? '18:00' : '21:00' }));
  }
  const opens = type === 'lab' ? '07:00' : rng.pick(['08:00', '08:30']);
  const week: OpeningHours[] = WEEKDAYS.map((day) => ({ day, opens, closes: '17:00' }));
  if (rng.chance(0.3)) week.push({ day: 'sat', opens: '09:00', closes: '13:00' });
  return week;
}

function accessibility(rng: Rng): string[] {
  const features: string[] = [];
  if (rng.chance(0.9)) features.push('wheelchair');
  if (rng.chance(0.6)) features.push('transit');
  if (rng.chance(0.4)) features.push('interpreter');
  if (rng.chance(0.15)) features.push('tty');
  return features;
}

/** Endpoints of an organization: hospitals have FHIR and Direct, others sometimes one. */
export function organizationEndpoints(
  organization: Organization,
  firstIndex: number,
  rng: Rng,
): EndpointRecord[] {
  const kinds = endpointKinds(rng, organization.type);
  const slug = slugOf(organization.name);
  return kinds.map((kind, i) => ({
    index: firstIndex + i,
    id: directoryId('E', firstIndex + i, 5),
    organizationId: organization.id,
    kind,
    address:
      kind === 'fhir-r4'
        ? `https://fhir.${slug}.example.org/r4`
        : `referrals@direct.${slug}.example.org`,
    name: kind === 'fhir-r4' ? `${organization.name} FHIR API` : `${organization.name} Direct`,
    active: true,
    updatedAt: organization.updatedAt,
  }));
}

function endpointKinds(rng: Rng, type: OrgType): EndpointRecord['kind'][] {
  if (type === 'hospital') return ['fhir-r4', 'direct'];
  const kinds: EndpointRecord['kind'][] = [];
  if (rng.chance(type === 'clinic' || type === 'lab' ? 0.35 : 0.1)) kinds.push('fhir-r4');
  if (rng.chance(type === 'clinic' ? 0.5 : 0.15)) kinds.push('direct');
  return kinds;
}

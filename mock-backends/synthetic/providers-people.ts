/**
 * Practitioners of the synthetic directory and their roles. The first practitioners cover
 * every specialty once (so claims always find an emergency physician, a dentist, a
 * pharmacist...); the rest follow the specialty weights. Each practitioner works at one
 * organization of a fitting type, and some specialists also hold hospital privileges.
 */
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SURNAMES } from './names.js';
import { createRng, type Rng } from './prng.js';
import { directoryId, npiFor } from './providers-ids.js';
import { DIRECTORY_STREAM, recentInstant } from './providers-orgs.js';
import { DEGREES, SPECIALTIES, taxonomyDisplay, type Specialty } from './providers-taxonomy.js';
import type {
  AcceptingPatients,
  Location,
  Organization,
  OrgType,
  Practitioner,
  PractitionerRole,
  Qualification,
} from './providers-types.js';

/** What role generation needs to know about the organizations. */
export interface RoleContext {
  readonly organizationsByType: ReadonlyMap<OrgType, readonly Organization[]>;
  readonly locationsByOrg: ReadonlyMap<string, readonly Location[]>;
  readonly networksByOrg: ReadonlyMap<string, readonly string[]>;
}

/** A practitioner and the roles it holds. */
export interface StaffedPractitioner {
  readonly practitioner: Practitioner;
  readonly roles: readonly PractitionerRole[];
}

const SPECIALTY_WEIGHTS = SPECIALTIES.map((entry) => [entry, entry.weight] as const);
const OTHER_LANGUAGES = ['zh', 'vi', 'ko', 'tl', 'ru', 'ar'] as const;
const SCHOOLS = [
  'Pacific Crest University',
  'Columbia Basin University',
  'Inland Northwest University',
  'High Desert University',
  'Coast Range University',
  'Great Plains University',
];
const STATE_NAMES: Readonly<Record<string, string>> = {
  WA: 'Washington',
  OR: 'Oregon',
  ID: 'Idaho',
  AK: 'Alaska',
  MT: 'Montana',
};
const ACCEPTING: readonly (readonly [AcceptingPatients, number])[] = [
  ['yes', 70],
  ['existing', 15],
  ['no', 15],
];

/**
 * Practitioner `index` with its roles; role indices start at `firstRoleIndex`. Languages are
 * BCP-47 codes of catalog.ts LANGUAGES.
 */
export function staffedPractitioner(
  index: number,
  seed: number,
  context: RoleContext,
  firstRoleIndex: number,
): StaffedPractitioner {
  const rng = createRng(seed, DIRECTORY_STREAM.practitioner, index);
  const specialty = SPECIALTIES[index] ?? rng.weighted(SPECIALTY_WEIGHTS);
  const employer = pickOrganization(rng, specialty.orgTypes, context);
  const startYear = rng.int(2000, 2012);
  const draft = { index: firstRoleIndex, specialty, employer, context, startYear };
  const roles = [role(rng, draft)];
  const privileges = hospitalPrivileges(rng, specialty, employer, context);
  if (privileges) roles.push(role(rng, { ...draft, index: draft.index + 1, employer: privileges }));
  const practitioner = person(rng, { index, seed, specialty, employer, startYear });
  return { practitioner, roles: roles.map((r) => ({ ...r, practitionerId: practitioner.id })) };
}

function pickOrganization(rng: Rng, types: readonly OrgType[], context: RoleContext): Organization {
  const preferred = context.organizationsByType.get(types[0] as OrgType) ?? [];
  if (preferred.length > 0 && (types.length === 1 || rng.chance(0.8))) return rng.pick(preferred);
  const all = types.flatMap((type) => context.organizationsByType.get(type) ?? []);
  if (all.length === 0) throw new Error(`No organization of type ${types.join('/')}`);
  return rng.pick(all);
}

function hospitalPrivileges(
  rng: Rng,
  specialty: Specialty,
  employer: Organization,
  context: RoleContext,
): Organization | undefined {
  if (employer.type === 'hospital' || !specialty.orgTypes.includes('hospital')) return undefined;
  if (!rng.chance(0.3)) return undefined;
  const hospitals = context.organizationsByType.get('hospital') ?? [];
  const nearby = hospitals.filter((h) => h.address.state === employer.address.state);
  return nearby.length > 0 ? rng.pick(nearby) : undefined;
}

interface RoleDraft {
  readonly index: number;
  readonly specialty: Specialty;
  readonly employer: Organization;
  readonly context: RoleContext;
  /** Year the practitioner started working for the payer's providers. */
  readonly startYear: number;
}

function role(rng: Rng, draft: RoleDraft): PractitionerRole {
  const { specialty, employer, context } = draft;
  const sites = context.locationsByOrg.get(employer.id) ?? [];
  const first = rng.pick(sites);
  const locations = sites.length > 1 && rng.chance(0.3) ? sites : [first];
  const orgNetworks = context.networksByOrg.get(employer.id) ?? [];
  const kept = orgNetworks.filter(() => rng.chance(0.9));
  return {
    index: draft.index,
    id: directoryId('R', draft.index, 6),
    practitionerId: '',
    organizationId: employer.id,
    locationIds: locations.map((site) => site.id),
    serviceIds: [],
    specialtyKey: specialty.key,
    specialty: specialty.taxonomy,
    pcp: specialty.pcp && employer.type === 'clinic',
    acceptingPatients: rng.weighted(ACCEPTING),
    networkIds: kept.length > 0 ? kept : orgNetworks.slice(0, 1),
    phone: first.phone,
    start: `${draft.startYear}-${pad2(rng.int(1, 12))}-01`,
    active: true,
    updatedAt: recentInstant(rng),
  };
}

interface PersonDraft {
  readonly index: number;
  readonly seed: number;
  readonly specialty: Specialty;
  readonly employer: Organization;
  readonly startYear: number;
}

function person(rng: Rng, draft: PersonDraft): Practitioner {
  const { index, specialty } = draft;
  const sex = rng.chance(0.52) ? 'F' : 'M';
  const credential = rng.weighted(specialty.credentials);
  const licensedYear = draft.startYear - rng.int(0, 20);
  return {
    index,
    id: directoryId('P', index, 6),
    npi: npiFor(1, index, draft.seed),
    familyName: rng.pick(SURNAMES),
    givenName: rng.pick(sex === 'F' ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES),
    middleInitial: rng.chance(0.7) ? String.fromCharCode(65 + rng.int(0, 25)) : undefined,
    credential,
    sex,
    languages: languages(rng),
    taxonomies: [specialty.taxonomy],
    qualifications: qualifications(rng, { specialty, credential, licensedYear }, draft.employer),
    active: true,
    updatedAt: recentInstant(rng),
  };
}

function languages(rng: Rng): string[] {
  const spoken = ['en'];
  if (rng.chance(0.2)) spoken.push('es');
  if (rng.chance(0.08)) spoken.push(rng.pick(OTHER_LANGUAGES));
  return spoken;
}

interface Credentials {
  readonly specialty: Specialty;
  readonly credential: string;
  readonly licensedYear: number;
}

function qualifications(rng: Rng, held: Credentials, employer: Organization): Qualification[] {
  const { specialty, credential, licensedYear: licensed } = held;
  const state = employer.address.state;
  const graduated = licensed - rng.int(1, 4);
  const degree: Qualification = {
    kind: 'degree',
    code: credential,
    display: DEGREES[credential] ?? credential,
    issuer: rng.pick(SCHOOLS),
    start: `${graduated}-06-01`,
  };
  const license: Qualification = {
    kind: 'license',
    code: credential,
    display: `${credential} license`,
    issuer: `${STATE_NAMES[state] ?? state} Department of Health`,
    state,
    number: `${credential.replace(/[^A-Z]/g, '')}${rng.int(100000, 999999)}`,
    start: `${licensed}-${pad2(rng.int(1, 12))}-01`,
    end: `${rng.int(2027, 2029)}-${pad2(rng.int(1, 12))}-01`,
  };
  if (!specialty.board) return [degree, license];
  const board: Qualification = {
    kind: 'board',
    code: specialty.taxonomy,
    display: `Board certified in ${taxonomyDisplay(specialty.taxonomy)}`,
    issuer: specialty.board,
    start: `${licensed + 1}-${pad2(rng.int(1, 12))}-01`,
  };
  return [degree, license, board];
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * Choosing providers from the synthetic directory for a member's claims and prior
 * authorizations: mostly in the member's state and in the network of the member's plan,
 * sometimes not (out-of-network claims are part of a real history). Network status on a
 * claim is then read from the directory, so the two systems always agree.
 */
import { toDays, wholeYears } from './dates.js';
import type { CoveragePeriod, MemberRecord } from './members.js';
import type { Directory } from './providers.js';
import { networkOfPlan } from './providers-networks.js';
import { createRng, type Rng } from './prng.js';
import type { Organization, OrgType, Practitioner, PractitionerRole } from './providers-types.js';

/** A practitioner in one of its roles. */
export interface ChosenRole {
  readonly role: PractitionerRole;
  readonly practitioner: Practitioner;
  readonly organization: Organization;
  readonly network: 'in' | 'out';
}

/** An organization chosen to bill or host a service. */
export interface ChosenOrganization {
  readonly organization: Organization;
  readonly network: 'in' | 'out';
}

/** Share of choices made among in-network providers. */
const IN_NETWORK_SHARE = 0.93;

interface DirectoryIndex {
  readonly rolesByKey: Map<string, readonly PractitionerRole[]>;
  readonly orgsByKey: Map<string, readonly Organization[]>;
}

const indexes = new WeakMap<Directory, DirectoryIndex>();

/** Picks providers for one member and plan. */
export class ProviderPicker {
  private readonly index: DirectoryIndex;
  private readonly networkId: string;

  constructor(
    private readonly directory: Directory,
    private readonly state: string,
    planId: string,
  ) {
    this.index = indexOf(directory);
    this.networkId = networkOfPlan(planId).id;
  }

  /** A practitioner of one of the specialties, with its organization. */
  role(rng: Rng, specialties: readonly string[]): ChosenRole {
    const pool = (net: string, state: string): PractitionerRole[] =>
      specialties.flatMap((key) => this.roles(key, state, net));
    const role = this.choose(rng, pool);
    const practitioner = this.directory.practitionerById.get(role.practitionerId);
    const organization = this.directory.organizationById.get(role.organizationId);
    if (!practitioner || !organization) throw new Error(`Dangling role ${role.id}`);
    return { role, practitioner, organization, network: this.roleNetwork(role) };
  }

  /** An organization of a type (hospital, pharmacy, lab...). */
  organization(rng: Rng, type: OrgType): ChosenOrganization {
    const organization = this.choose(rng, (net, state) => this.orgs(type, state, net));
    return { organization, network: this.orgNetwork(organization) };
  }

  /** Network status of an organization for this member's plan. */
  orgNetwork(organization: Organization): 'in' | 'out' {
    const networks = this.directory.networksByOrg.get(organization.id) ?? [];
    return networks.includes(this.networkId) ? 'in' : 'out';
  }

  private roleNetwork(role: PractitionerRole): 'in' | 'out' {
    return role.networkIds.includes(this.networkId) ? 'in' : 'out';
  }

  private choose<T>(rng: Rng, pool: (net: string, state: string) => readonly T[]): T {
    const inNetwork = rng.chance(IN_NETWORK_SHARE);
    const tries: readonly (readonly [string, string])[] = inNetwork
      ? [
          [this.networkId, this.state],
          [this.networkId, '*'],
          ['*', this.state],
          ['*', '*'],
        ]
      : [
          ['*', this.state],
          ['*', '*'],
        ];
    for (const [net, state] of tries) {
      const candidates = pool(net, state);
      if (candidates.length > 0) return rng.pick(candidates);
    }
    throw new Error('The directory has no provider of a required kind');
  }

  private roles(specialty: string, state: string, net: string): readonly PractitionerRole[] {
    return memo(this.index.rolesByKey, `${specialty}|${state}|${net}`, () =>
      (this.directory.rolesBySpecialty.get(specialty) ?? []).filter(
        (role) =>
          (state === '*' || this.roleState(role) === state) &&
          (net === '*' || role.networkIds.includes(net)),
      ),
    );
  }

  private orgs(type: OrgType, state: string, net: string): readonly Organization[] {
    return memo(this.index.orgsByKey, `${type}|${state}|${net}`, () =>
      (this.directory.organizationsByType.get(type) ?? []).filter(
        (org) =>
          (state === '*' || org.address.state === state) &&
          (net === '*' || (this.directory.networksByOrg.get(org.id) ?? []).includes(net)),
      ),
    );
  }

  private roleState(role: PractitionerRole): string | undefined {
    const first = role.locationIds[0];
    return first === undefined ? undefined : this.directory.locationById.get(first)?.address.state;
  }
}

function indexOf(directory: Directory): DirectoryIndex {
  const existing = indexes.get(directory);
  if (existing) return existing;
  const created: DirectoryIndex = { rolesByKey: new Map(), orgsByKey: new Map() };
  indexes.set(directory, created);
  return created;
}

function memo<T>(cache: Map<string, readonly T[]>, key: string, build: () => T[]): readonly T[] {
  const cached = cache.get(key);
  if (cached) return cached;
  const built = build();
  cache.set(key, built);
  return built;
}

/** A member's usual providers during one coverage period. */
export interface HomeProviders {
  readonly picker: ProviderPicker;
  readonly pcp: ChosenRole;
  readonly pharmacy: ChosenOrganization;
  readonly lab: ChosenOrganization;
  readonly hospital: ChosenOrganization;
  readonly dental: ChosenRole;
  /** Specialists seen so far in the period, by specialty (a member keeps seeing them). */
  readonly specialists: Map<string, ChosenRole>;
}

/** The member's usual specialist of a kind (any of `specialties`), chosen on first need. */
export function usualSpecialist(
  rng: Rng,
  home: HomeProviders,
  kind: string,
  specialties: readonly string[] = [kind],
): ChosenRole {
  const known = home.specialists.get(kind);
  if (known) return known;
  const chosen = home.picker.role(rng, specialties);
  home.specialists.set(kind, chosen);
  return chosen;
}

/** Primary care specialties by age. */
export function primaryCareFor(age: number): readonly string[] {
  if (age < 18) return ['pediatrics', 'family'];
  return ['family', 'internal', 'nurse-practitioner'];
}

/** Stream key of the usual-provider choice (shared by claims and prior authorizations). */
const HOME_STREAM = 2003;

/**
 * The usual providers of a member during one coverage period: a pure function of
 * (member, period, directory, seed), so claims and prior authorizations name the same PCP.
 */
export function homeFor(
  member: MemberRecord,
  period: CoveragePeriod,
  directory: Directory,
  seed: number,
): HomeProviders {
  const rng = createRng(seed, HOME_STREAM, member.index, period.seq);
  const age = wholeYears(toDays(member.birthDate), toDays(period.start));
  return homeProviders(rng, directory, {
    state: member.address.state,
    planId: period.planId,
    age: Math.max(0, age),
  });
}

/** Chooses the usual providers of a member for a coverage period. */
export function homeProviders(
  rng: Rng,
  directory: Directory,
  where: { readonly state: string; readonly planId: string; readonly age: number },
): HomeProviders {
  const picker = new ProviderPicker(directory, where.state, where.planId);
  return {
    picker,
    pcp: picker.role(rng, primaryCareFor(where.age)),
    pharmacy: picker.organization(rng, 'pharmacy'),
    lab: picker.organization(rng, 'lab'),
    hospital: picker.organization(rng, 'hospital'),
    dental: picker.role(rng, where.age < 13 ? ['pediatric-dentist', 'dentist'] : ['dentist']),
    specialists: new Map(),
  };
}

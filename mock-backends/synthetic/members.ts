/**
 * Synthetic members: the public face of the generator. `memberAt(index, seed)` is a pure
 * function, so every mock backend (membership, claims, clinical, prior authorization,
 * directory) computes the same member N on its own; `generateMembers` streams any number of
 * them in constant memory.
 */
import { AS_OF_DATE, type DemographicCode, type Language } from './catalog.js';
import { fromDays, instantAt, toDays } from './dates.js';
import { buildFamily, drawPhone, slotOf, type Address, type Family } from './family.js';
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES } from './names.js';
import type { FamilyPeriod, TermReason } from './periods.js';
import type { PersonCore, Relationship, Sex } from './people.js';
import { EMAIL_DOMAINS } from './places.js';
import { createRng, STREAM, type Rng } from './prng.js';

export type { Address, Relationship, Sex, TermReason };

/** One period of coverage of one member, oldest first. */
export interface CoveragePeriod {
  /** 1-based position in the member's history. */
  readonly seq: number;
  readonly planId: string;
  readonly groupId: string;
  /** First covered day, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last covered day, `YYYY-MM-DD`; absent while the coverage is open. */
  readonly end?: string;
  readonly termReason?: TermReason;
  /** Instant the eligibility system last changed this period. */
  readonly updatedAt: string;
}

/** A synthetic health plan member. */
export interface MemberRecord {
  /** Position in the generated sequence (0-based). */
  readonly index: number;
  /** `MBR` + 8 digits (index + 1). */
  readonly memberId: string;
  /** The id on the family's insurance card, shared by the subscriber and dependents. */
  readonly subscriberId: string;
  /** Member id of the family's subscriber (the member itself for a subscriber). */
  readonly subscriberMemberId: string;
  readonly relationship: Relationship;
  /** Two-digit person number on the card: 01 for the subscriber, then dependents. */
  readonly personNumber: string;
  readonly givenName: string;
  readonly middleInitial?: string;
  readonly familyName: string;
  readonly sex: Sex;
  /** `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly address: Address;
  /** Ten digits, shared by the household. */
  readonly homePhone: string;
  readonly mobilePhone?: string;
  readonly email?: string;
  readonly race: DemographicCode;
  readonly ethnicity: DemographicCode;
  readonly language: Language;
  /** Plan and group of the latest coverage period. */
  readonly planId: string;
  readonly groupId: string;
  readonly coverage: readonly CoveragePeriod[];
  /** Instant the member's record last changed. */
  readonly updatedAt: string;
}

/** Options for {@link generateMembers}. */
export interface GenerateOptions {
  readonly count: number;
  readonly seed: number;
  /** First index to generate (default 0), for resuming or sharding. */
  readonly from?: number;
}

const ADULT_DAYS = 18 * 365.25;
const AS_OF_DAY = toDays(AS_OF_DATE);

/** Member id for an index: `MBR` + index + 1, zero-padded to 8 digits. */
export function memberIdOf(index: number): string {
  return `MBR${String(index + 1).padStart(8, '0')}`;
}

/** Index for a member id, or undefined when the id is not one this generator makes. */
export function indexOfMemberId(memberId: string): number | undefined {
  const match = /^MBR(\d{8})$/.exec(memberId);
  const number = match ? Number(match[1]) : 0;
  return number > 0 ? number - 1 : undefined;
}

/** The member at `index` for `seed`: same arguments, same member, in any process. */
export function memberAt(index: number, seed: number): MemberRecord {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`Bad member index ${index}`);
  const slot = slotOf(index, seed);
  return memberOfFamily(buildFamily(slot, seed), index, seed);
}

/** Streams members `from`..`from + count - 1`, building each family once. */
export function* generateMembers(options: GenerateOptions): Generator<MemberRecord> {
  const end = (options.from ?? 0) + options.count;
  let family: Family | undefined;
  for (let index = options.from ?? 0; index < end; index++) {
    if (!family || index >= family.slot.start + family.slot.size) {
      family = buildFamily(slotOf(index, options.seed), options.seed);
    }
    yield memberOfFamily(family, index, options.seed);
  }
}

function memberOfFamily(family: Family, index: number, seed: number): MemberRecord {
  const position = index - family.slot.start;
  const person = family.people[position] as PersonCore;
  const rng = createRng(seed, STREAM.member, index);
  const coverage = personalPeriods(family.periods, person.birthDay);
  const latest = coverage[coverage.length - 1] as CoveragePeriod;
  const givenNameList = givenNames(rng, person.sex);
  const givenName = rng.pick(givenNameList);
  const adult = AS_OF_DAY - person.birthDay >= ADULT_DAYS;
  // One literal with every key, optional ones possibly undefined: a single object shape
  // keeps a million records fast.
  return {
    index,
    memberId: memberIdOf(index),
    subscriberId: family.subscriberId,
    subscriberMemberId: memberIdOf(family.slot.start),
    relationship: person.relationship,
    personNumber: String(position + 1).padStart(2, '0'),
    givenName,
    middleInitial: rng.chance(0.6) ? rng.pick(givenNameList).charAt(0) : undefined,
    familyName: person.surname,
    sex: person.sex,
    birthDate: fromDays(person.birthDay),
    address: family.address,
    homePhone: family.homePhone,
    mobilePhone: adult && rng.chance(0.6) ? drawPhone(rng, family.areaCode) : undefined,
    email: adult && rng.chance(0.65) ? emailFor(rng, givenName, person.surname) : undefined,
    race: person.race,
    ethnicity: person.ethnicity,
    language: person.language,
    planId: latest.planId,
    groupId: latest.groupId,
    coverage,
    updatedAt: memberUpdatedAt(rng, coverage),
  };
}

function givenNames(rng: Rng, sex: Sex): readonly string[] {
  if (sex === 'F') return FEMALE_GIVEN_NAMES;
  if (sex === 'M') return MALE_GIVEN_NAMES;
  return rng.chance(0.5) ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES;
}

/** An address on a documentation-only domain (RFC 2606), so it can never reach anyone. */
function emailFor(rng: Rng, givenName: string, familyName: string): string {
  const local = `${givenName}.${familyName}`.toLowerCase().replace(/[^a-z.]/g, '');
  return `${local}${rng.int(1, 999)}@${rng.pick(EMAIL_DOMAINS)}`;
}

/** The family's periods as they apply to one person: none before birth. */
function personalPeriods(periods: readonly FamilyPeriod[], birthDay: number): CoveragePeriod[] {
  const personal: CoveragePeriod[] = [];
  for (const period of periods) {
    if (period.endDay !== undefined && period.endDay < birthDay) continue;
    personal.push(toCoveragePeriod(period, birthDay, personal.length + 1));
  }
  return personal;
}

function toCoveragePeriod(period: FamilyPeriod, birthDay: number, seq: number): CoveragePeriod {
  const startDay = Math.max(period.startDay, birthDay);
  const updatedDay =
    startDay > period.startDay
      ? Math.min(Math.max(period.updatedDay, startDay + 3), AS_OF_DAY - 1)
      : period.updatedDay;
  return {
    seq,
    planId: period.plan.id,
    groupId: period.group.id,
    start: fromDays(startDay),
    end: period.endDay === undefined ? undefined : fromDays(period.endDay),
    termReason: period.termReason,
    updatedAt: instantAt(updatedDay, timeOfDay(updatedDay)),
  };
}

/** The latest coverage change, or a later demographic change (an address or phone update). */
function memberUpdatedAt(rng: Rng, coverage: readonly CoveragePeriod[]): string {
  const latest = coverage.reduce(
    (max, period) => (period.updatedAt > max ? period.updatedAt : max),
    '',
  );
  const latestStart = toDays((coverage[coverage.length - 1] as CoveragePeriod).start);
  if (!rng.chance(0.3) || latestStart >= AS_OF_DAY - 1) return latest;
  const changedDay = rng.int(latestStart, AS_OF_DAY - 1);
  const changed = instantAt(changedDay, rng.int(6 * 3600, 20 * 3600));
  return changed > latest ? changed : latest;
}

/** A business-hours time derived from the day, so period timestamps need no generator. */
function timeOfDay(day: number): number {
  return 7 * 3600 + ((day * 7919) % (11 * 3600));
}

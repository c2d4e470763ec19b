/**
 * Families: how member indices group into households, and what a household shares (plan,
 * group, subscriber id, address, home phone, coverage periods).
 *
 * Indices are cut into blocks of {@link BLOCK_SIZE}; each block is split into families by a
 * generator keyed by the block number alone. Finding a member's family therefore costs one
 * block's worth of draws, whatever the index, and needs no other member: that is what makes
 * `memberAt(index, seed)` a pure function. A family is never split across blocks, and the
 * subscriber is always its first index, so any prefix of the indices has no orphan dependents.
 */
import { AS_OF_DATE, PLANS, type Group, type LineOfBusiness, type Plan } from './catalog.js';
import { toDays } from './dates.js';
import { familyPeriods, type FamilyPeriod } from './periods.js';
import {
  birthDayForAge,
  childBirthDay,
  childHeritage,
  drawHeritage,
  drawSex,
  spouseHeritage,
  spouseSex,
  subscriberAge,
  type Heritage,
  type PersonCore,
  type Relationship,
} from './people.js';
import { CITIES, STREET_DIRECTIONS, STREET_NAMES, STREET_SUFFIXES, type City } from './places.js';
import { createRng, STREAM, type Rng } from './prng.js';

/** Number of consecutive indices partitioned into families together. */
export const BLOCK_SIZE = 16;

/** Where a family sits in the index space, and its plan. */
export interface FamilySlot {
  /** Index of the subscriber; dependents follow. */
  readonly start: number;
  readonly size: number;
  readonly plan: Plan;
}

/** A postal address. */
export interface Address {
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  /** USPS two-letter state code. */
  readonly state: string;
  readonly zip: string;
}

/** Everything a household shares, plus the core of each person in index order. */
export interface Family {
  readonly slot: FamilySlot;
  readonly group: Group;
  readonly subscriberId: string;
  readonly address: Address;
  readonly homePhone: string;
  readonly areaCode: string;
  readonly periods: readonly FamilyPeriod[];
  /** People in index order; `people[0]` is the subscriber. */
  readonly people: readonly PersonCore[];
}

const AS_OF_DAY = toDays(AS_OF_DATE);
const PLAN_WEIGHTS = PLANS.map((plan) => [plan, plan.weight] as const);
const SIZE_WEIGHTS: Readonly<Record<LineOfBusiness, readonly (readonly [number, number])[]>> = {
  commercial: [
    [1, 40],
    [2, 20],
    [3, 16],
    [4, 14],
    [5, 10],
  ],
  'medicare-advantage': [[1, 1]],
  medicaid: [
    [1, 35],
    [2, 20],
    [3, 20],
    [4, 15],
    [5, 10],
  ],
  qhp: [
    [1, 55],
    [2, 20],
    [3, 12],
    [4, 8],
    [5, 5],
  ],
};
const SPOUSE_SHARE: Readonly<Record<LineOfBusiness, number>> = {
  commercial: 0.8,
  'medicare-advantage': 0,
  medicaid: 0.4,
  qhp: 0.7,
};
const CITY_WEIGHTS = CITIES.map((city) => [city, city.weight] as const);

/** The families of one block, in index order. */
export function blockFamilies(block: number, seed: number): FamilySlot[] {
  const rng = createRng(seed, STREAM.partition, block);
  const slots: FamilySlot[] = [];
  for (let offset = 0; offset < BLOCK_SIZE;) {
    const plan = rng.weighted(PLAN_WEIGHTS);
    const size = Math.min(rng.weighted(SIZE_WEIGHTS[plan.line]), BLOCK_SIZE - offset);
    slots.push({ start: block * BLOCK_SIZE + offset, size, plan });
    offset += size;
  }
  return slots;
}

/** The family slot holding `index`. */
export function slotOf(index: number, seed: number): FamilySlot {
  const slots = blockFamilies(Math.floor(index / BLOCK_SIZE), seed);
  const slot = slots.find((candidate) => index < candidate.start + candidate.size);
  if (!slot) throw new Error(`No family holds index ${index}`);
  return slot;
}

/** Builds the whole family of a slot; a pure function of (slot, seed). */
export function buildFamily(slot: FamilySlot, seed: number): Family {
  const rng = createRng(seed, STREAM.family, slot.start);
  const relationships = familyShape(rng, slot);
  const hasChildren = relationships.includes('child');
  const group = rng.pick(slot.plan.groups);

  const subscriber = subscriberCore(rng, slot.plan.line, hasChildren);
  const periods = familyPeriods(rng, {
    plan: slot.plan,
    group,
    subscriberBirthDay: subscriber.birthDay,
    hasChildren,
  });
  const people = dependents(rng, subscriber, relationships, periods, slot.plan.line);
  const city = rng.weighted(CITY_WEIGHTS);
  return {
    slot,
    group,
    subscriberId: `S${String(slot.start + 1).padStart(9, '0')}`,
    address: drawAddress(rng, city),
    homePhone: drawPhone(rng, city.areaCode),
    areaCode: city.areaCode,
    periods,
    people,
  };
}

function familyShape(rng: Rng, slot: FamilySlot): Relationship[] {
  const shape: Relationship[] = ['self'];
  if (slot.size > 1 && rng.chance(SPOUSE_SHARE[slot.plan.line])) shape.push('spouse');
  while (shape.length < slot.size) shape.push('child');
  return shape;
}

function subscriberCore(rng: Rng, line: LineOfBusiness, hasChildren: boolean): PersonCore {
  const age = subscriberAge(rng, line, hasChildren);
  const sex = drawSex(rng, line === 'medicare-advantage' ? 0.56 : 0.5);
  return { relationship: 'self', sex, birthDay: birthDayForAge(rng, age), ...drawHeritage(rng) };
}

function dependents(
  rng: Rng,
  subscriber: PersonCore,
  shape: readonly Relationship[],
  periods: readonly FamilyPeriod[],
  line: LineOfBusiness,
): PersonCore[] {
  const people: PersonCore[] = [subscriber];
  const earliestStart = (periods[0] as FamilyPeriod).startDay;
  const coveredUntil = (periods[periods.length - 1] as FamilyPeriod).endDay ?? AS_OF_DAY;
  let spouse: Heritage | undefined;
  for (const relationship of shape.slice(1)) {
    if (relationship === 'spouse') {
      const core = spouseCore(rng, subscriber, earliestStart);
      spouse = core;
      people.push(core);
      continue;
    }
    const maxAge = line === 'medicaid' ? 20 : 25;
    const birthDay = childBirthDay(rng, subscriber.birthDay, maxAge, coveredUntil);
    const sex = drawSex(rng, 0.49);
    people.push({ relationship, sex, birthDay, ...childHeritage(rng, subscriber, spouse) });
  }
  return people;
}

/** A spouse near the subscriber's age, adult at the family's earliest coverage. */
function spouseCore(rng: Rng, subscriber: PersonCore, earliestStart: number): PersonCore {
  const subscriberAgeYears = Math.floor((AS_OF_DAY - subscriber.birthDay) / 365.25);
  const adultSince = Math.ceil((AS_OF_DAY - earliestStart) / 365.25) + 18;
  const age = Math.min(95, Math.max(adultSince, subscriberAgeYears + rng.int(-6, 6)));
  const sex = spouseSex(rng, subscriber.sex);
  return {
    relationship: 'spouse',
    sex,
    birthDay: birthDayForAge(rng, age),
    ...spouseHeritage(rng, subscriber),
  };
}

function drawAddress(rng: Rng, city: City): Address {
  const number = rng.chance(0.7) ? rng.int(100, 9999) : rng.int(10000, 24999);
  const direction = rng.chance(0.2) ? `${rng.pick(STREET_DIRECTIONS)} ` : '';
  const street = `${direction}${rng.pick(STREET_NAMES)} ${rng.weighted(STREET_SUFFIXES)}`;
  const base = { line1: `${number} ${street}`, city: city.city, state: city.state, zip: city.zip };
  return rng.chance(0.18)
    ? { ...base, line2: `Apt ${rng.int(1, 40)}${rng.pick(['', 'A', 'B'])}` }
    : base;
}

/** A number in the 555-0100..0199 range, which NANP reserves for fictional use. */
export function drawPhone(rng: Rng, areaCode: string): string {
  return `${areaCode}5550${rng.int(100, 199)}`;
}

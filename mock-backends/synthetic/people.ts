/**
 * The people of a family: relationship, sex, birth date and the demographics that run in
 * families (surname, race, ethnicity, preferred language). Ages follow the line of business:
 * Medicare Advantage subscribers are 65 or older, children are under 26 (dependent coverage)
 * and at least 18 years younger than the subscriber.
 */
import {
  AS_OF_DATE,
  ETHNICITIES,
  LANGUAGES,
  RACES,
  type DemographicCode,
  type Language,
  type LineOfBusiness,
} from './catalog.js';
import { addYears, toDays } from './dates.js';
import { ASIAN_SURNAMES, HISPANIC_SURNAMES, SURNAMES } from './names.js';
import type { Rng } from './prng.js';

/** Relationship of a member to the subscriber (FHIR `subscriber-relationship` codes). */
export type Relationship = 'self' | 'spouse' | 'child';
/** Administrative sex as the eligibility system records it. */
export type Sex = 'M' | 'F' | 'U';

/** Demographics shared in a family unless drawn separately (a spouse may differ). */
export interface Heritage {
  readonly surname: string;
  readonly race: DemographicCode;
  readonly ethnicity: DemographicCode;
  readonly language: Language;
}

/** What the family level decides about one person. */
export interface PersonCore extends Heritage {
  readonly relationship: Relationship;
  readonly sex: Sex;
  readonly birthDay: number;
}

const AS_OF_DAY = toDays(AS_OF_DATE);
const HISPANIC = '2135-2';
const ASIAN = '2028-9';
const ASIAN_LANGUAGES = ['zh', 'vi', 'ko', 'tl'] as const;

/** Subscriber age ranges by line of business (inclusive years). */
const SUBSCRIBER_AGES: Readonly<Record<LineOfBusiness, readonly [number, number]>> = {
  commercial: [22, 64],
  'medicare-advantage': [65, 94],
  medicaid: [19, 62],
  qhp: [21, 64],
};

/** Draws a subscriber's age, peaked in the middle of the line's range. */
export function subscriberAge(rng: Rng, line: LineOfBusiness, hasChildren: boolean): number {
  const [low, high] = SUBSCRIBER_AGES[line];
  const min = hasChildren ? Math.max(low, 24) : low;
  return min + Math.floor(((rng.next() + rng.next()) / 2) * (high - min + 1));
}

/** A birth date for someone `age` whole years old on the as-of date. */
export function birthDayForAge(rng: Rng, age: number): number {
  return addYears(AS_OF_DAY, -age) - rng.int(0, 364);
}

/** Draws sex; `female` is the probability of F, with a small share recorded as unknown. */
export function drawSex(rng: Rng, female: number): Sex {
  if (rng.chance(0.002)) return 'U';
  return rng.chance(female) ? 'F' : 'M';
}

/** The usual opposite-sex spouse, with some same-sex couples. */
export function spouseSex(rng: Rng, subscriber: Sex): Sex {
  if (subscriber === 'U' || rng.chance(0.05)) return drawSex(rng, 0.5);
  return subscriber === 'F' ? 'M' : 'F';
}

/** Draws race, ethnicity, preferred language and a surname that fits them. */
export function drawHeritage(rng: Rng): Heritage {
  const race = rng.weighted(RACES);
  const ethnicity = rng.weighted(ETHNICITIES);
  return {
    race,
    ethnicity,
    language: drawLanguage(rng, race, ethnicity),
    surname: drawSurname(rng, race, ethnicity),
  };
}

function drawLanguage(rng: Rng, race: DemographicCode, ethnicity: DemographicCode): Language {
  if (ethnicity.code === HISPANIC && rng.chance(0.35)) return LANGUAGES.es as Language;
  if (race.code === ASIAN && rng.chance(0.35)) {
    return LANGUAGES[rng.pick(ASIAN_LANGUAGES)] as Language;
  }
  if (rng.chance(0.015)) return LANGUAGES[rng.pick(['ru', 'ar'])] as Language;
  return LANGUAGES.en as Language;
}

function drawSurname(rng: Rng, race: DemographicCode, ethnicity: DemographicCode): string {
  if (ethnicity.code === HISPANIC && rng.chance(0.8)) return rng.pick(HISPANIC_SURNAMES);
  if (race.code === ASIAN && rng.chance(0.75)) return rng.pick(ASIAN_SURNAMES);
  return rng.pick(SURNAMES);
}

/** A spouse mostly takes the subscriber's surname and often shares their background. */
export function spouseHeritage(rng: Rng, family: Heritage): Heritage {
  const own = drawHeritage(rng);
  const { race, ethnicity, language } = rng.chance(0.75) ? family : own;
  const surname = rng.chance(0.75) ? family.surname : own.surname;
  return { surname, race, ethnicity, language };
}

/** Children carry the family's background; young ones often prefer English. */
export function childHeritage(rng: Rng, family: Heritage, spouse: Heritage | undefined): Heritage {
  const surname = spouse && rng.chance(0.1) ? spouse.surname : family.surname;
  const language = rng.chance(0.5) ? (LANGUAGES.en as Language) : family.language;
  return { surname, race: family.race, ethnicity: family.ethnicity, language };
}

/**
 * A child's birth date: under `maxAge` on the as-of date, born when the subscriber was at
 * least 18, and no later than `latestDay` (the end of the family's coverage).
 */
export function childBirthDay(
  rng: Rng,
  subscriberBirthDay: number,
  maxAge: number,
  latestDay: number,
): number {
  const earliest = Math.max(addYears(AS_OF_DAY, -maxAge - 1) + 1, addYears(subscriberBirthDay, 18));
  const latest = Math.min(latestDay, AS_OF_DAY);
  return earliest > latest ? latest : rng.int(earliest, latest);
}

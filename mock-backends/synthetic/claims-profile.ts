/**
 * A member's health profile for claims generation: chronic conditions (with onset dates,
 * drawn from age- and sex-specific prevalences in the range of US survey figures), the
 * maintenance drugs that treat them, and how heavily the member uses care. The profile is a
 * pure function of (member, seed), so claims and prior authorizations agree on it.
 */
import { AS_OF_DATE } from './catalog.js';
import { toDays } from './dates.js';
import type { MemberRecord } from './members.js';
import { createRng, type Rng } from './prng.js';

/** A chronic condition the generator knows. */
export interface ConditionSpec {
  readonly key: string;
  /** Prevalence at ages <18, 18-44, 45-64, 65+. */
  readonly prevalence: readonly [number, number, number, number];
  /** Multiplier applied to men (some conditions are far more common in women). */
  readonly maleFactor: number;
  /** Maintenance drugs: the first list is required (one of), then optional add-ons. */
  readonly drugs: readonly (readonly string[])[];
  /** Specialty that co-manages the condition. */
  readonly specialty?: string;
  /** Monitoring labs (CPT). */
  readonly labs: readonly string[];
}

/** A condition a member has, from its onset day (days since 1970-01-01). */
export interface ActiveCondition {
  readonly key: string;
  readonly onsetDay: number;
  /** Maintenance drug keys the member takes for it. */
  readonly drugs: readonly string[];
  readonly specialty?: string;
  readonly labs: readonly string[];
}

/** How a member uses care. */
export interface HealthProfile {
  readonly conditions: readonly ActiveCondition[];
  /** Multiplier on visit rates, around 1 (a few members use far more care). */
  readonly utilization: number;
  /** Share of maintenance fills taken as 90-day supplies. */
  readonly ninetyDayFills: boolean;
}

const c = (
  key: string,
  prevalence: ConditionSpec['prevalence'],
  drugs: ConditionSpec['drugs'],
  extra: Partial<ConditionSpec> = {},
): ConditionSpec => ({ key, prevalence, drugs, maleFactor: 1, labs: [], ...extra });

/** The chronic conditions. */
export const CONDITIONS: readonly ConditionSpec[] = Object.freeze([
  c('htn', [0.005, 0.1, 0.3, 0.55], [['lisinopril', 'amlodipine', 'losartan']], {
    specialty: 'cardiology',
    labs: ['80053'],
  }),
  c('hld', [0, 0.08, 0.28, 0.45], [['atorvastatin', 'rosuvastatin']], { labs: ['80061'] }),
  c('dm2', [0.002, 0.04, 0.13, 0.24], [['metformin'], ['empagliflozin'], ['insulinGlargine']], {
    specialty: 'endocrinology',
    labs: ['83036', '80053'],
  }),
  c('asthma', [0.08, 0.07, 0.07, 0.06], [['albuterol'], ['fluticasoneSalmeterol']], {
    specialty: 'pulmonology',
  }),
  c('depression', [0.03, 0.09, 0.08, 0.06], [['sertraline', 'escitalopram', 'bupropion']], {
    specialty: 'psychiatry',
  }),
  c('anxiety', [0.03, 0.08, 0.06, 0.04], [['sertraline', 'escitalopram']], {
    specialty: 'psychology',
  }),
  c('hypothyroid', [0.005, 0.05, 0.1, 0.15], [['levothyroxine']], {
    maleFactor: 0.25,
    labs: ['84443'],
  }),
  c('oaKnee', [0, 0.01, 0.08, 0.22], [['meloxicam']], { specialty: 'orthopaedics' }),
  c('copd', [0, 0.005, 0.05, 0.11], [['tiotropium'], ['albuterol']], { specialty: 'pulmonology' }),
  c('chf', [0, 0.001, 0.015, 0.08], [['furosemide'], ['metoprolol']], {
    specialty: 'cardiology',
    labs: ['80053'],
  }),
  c('afib', [0, 0.002, 0.02, 0.09], [['apixaban'], ['metoprolol']], {
    specialty: 'cardiology',
    labs: ['93000'],
  }),
  c('ckd', [0, 0.01, 0.04, 0.12], [], { specialty: 'nephrology', labs: ['80053'] }),
  c('gerd', [0.01, 0.08, 0.12, 0.14], [['omeprazole']], { specialty: 'gastroenterology' }),
  c('migraine', [0.03, 0.15, 0.1, 0.03], [['sumatriptan']], {
    maleFactor: 0.35,
    specialty: 'neurology',
  }),
  c('ra', [0, 0.005, 0.012, 0.02], [['meloxicam'], ['adalimumab']], { maleFactor: 0.4 }),
  c('osa', [0.01, 0.04, 0.08, 0.1], [], { specialty: 'pulmonology' }),
]);

/** Stream key of the claims generators (distinct from member and directory streams). */
export const CLAIMS_STREAM = { profile: 2001, events: 2002, authorizations: 3001 } as const;

const AS_OF_DAY = toDays(AS_OF_DATE);
const YEAR = 365;

/** The health profile of a member; the same for the same member and seed. */
export function healthProfile(member: MemberRecord, seed: number): HealthProfile {
  const rng = createRng(seed, CLAIMS_STREAM.profile, member.index);
  const birthDay = toDays(member.birthDate);
  const age = Math.floor((AS_OF_DAY - birthDay) / YEAR);
  const conditions = CONDITIONS.flatMap((spec) => {
    const chance = prevalence(spec, age) * (member.sex === 'M' ? spec.maleFactor : 1);
    return rng.chance(chance) ? [activeCondition(rng, spec, birthDay)] : [];
  });
  const spread = (rng.next() + rng.next() + rng.next()) / 3;
  return {
    conditions,
    utilization: Math.exp((spread - 0.5) * 2.2),
    ninetyDayFills: rng.chance(0.45),
  };
}

function prevalence(spec: ConditionSpec, age: number): number {
  const [child, young, middle, senior] = spec.prevalence;
  if (age < 18) return child;
  if (age < 45) return young;
  return age < 65 ? middle : senior;
}

function activeCondition(rng: Rng, spec: ConditionSpec, birthDay: number): ActiveCondition {
  const earliest = birthDay + 2 * YEAR;
  const onsetDay = Math.max(earliest, AS_OF_DAY - rng.int(30, 16 * YEAR));
  const [required = [], ...addOns] = spec.drugs;
  const drugs = required.length > 0 ? [rng.pick(required)] : [];
  for (const option of addOns) if (rng.chance(0.3)) drugs.push(rng.pick(option));
  return {
    key: spec.key,
    onsetDay: Math.min(onsetDay, AS_OF_DAY - 30),
    drugs,
    specialty: spec.specialty,
    labs: spec.labs,
  };
}

/** The conditions active on a day. */
export function activeOn(profile: HealthProfile, day: number): ActiveCondition[] {
  return profile.conditions.filter((condition) => condition.onsetDay <= day);
}

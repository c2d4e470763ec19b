/**
 * Office visits: sick visits, chronic-condition follow-ups (with monitoring labs, sometimes
 * at a specialist), preventive visits by age (CPT preventive codes, Medicare annual wellness
 * visits) and seasonal flu shots.
 */
import { fromDays } from './dates.js';
import { activeOn } from './claims-profile.js';
import {
  ageOn,
  poisson,
  telehealthAllowed,
  times,
  type Episode,
  type EpisodeGenerator,
} from './claims-episodes.js';
import type { Rng } from './prng.js';

/** Reasons for sick visits, by age band (upper age limit, exclusive). */
const ACUTE_BY_AGE: readonly (readonly [number, readonly string[]])[] = [
  [5, 'uri otitis pharyngitis gastroenteritis dermatitis conjunctivitis'.split(' ')],
  [18, 'uri strep pharyngitis otitis ankleSprain dermatitis influenza'.split(' ')],
  [
    Infinity,
    'uri sinusitis bronchitis uti backPain ankleSprain dermatitis influenza pharyngitis'.split(' '),
  ],
];
const ANTIBIOTIC_FOR: Readonly<Record<string, string>> = {
  strep: 'amoxicillin',
  otitis: 'amoxicillinSuspension',
  sinusitis: 'amoxicillin',
  bronchitis: 'azithromycin',
  uti: 'nitrofurantoin',
  influenza: 'oseltamivir',
  dermatitis: 'triamcinoloneCream',
  gastroenteritis: 'ondansetron',
};
const OFFICE_LABS: Readonly<Record<string, string[]>> = {
  strep: ['87880'],
  pharyngitis: ['87880'],
  uti: ['81003'],
};

const acuteVisits: EpisodeGenerator = (rng, context, dayIn) => {
  const age = ageOn(context, dayIn());
  const base = age < 2 ? 0.45 : age < 18 ? 0.2 : age < 45 ? 0.12 : age < 65 ? 0.15 : 0.2;
  return times(poisson(rng, base * context.profile.utilization), () => {
    const day = dayIn();
    const dx = rng.pick(ACUTE_BY_AGE.find(([limit]) => age < limit)?.[1] ?? ['uri']);
    const telehealth = telehealthAllowed(day) && rng.chance(0.2);
    const rx = rng.chance(0.55) ? ANTIBIOTIC_FOR[dx] : undefined;
    const labs = telehealth ? [] : (OFFICE_LABS[dx] ?? []);
    return office(rng, day, { dx: [dx], labs, telehealth, rx });
  });
};

interface VisitDraft {
  readonly dx: readonly string[];
  readonly labs: readonly string[];
  readonly telehealth: boolean;
  readonly specialties?: readonly string[];
  readonly sendOut?: boolean;
  readonly rx?: string;
  readonly visit?: string;
}

/** An office visit; `labs` are extra lines (tests, procedures) on the visit's claim. */
export function office(rng: Rng, day: number, draft: VisitDraft): Episode {
  return {
    kind: 'office',
    day,
    visit: draft.visit ?? rng.weighted(VISIT_LEVELS),
    specialties: draft.specialties ?? [],
    dx: draft.dx,
    labs: draft.labs,
    sendOut: draft.sendOut ?? false,
    telehealth: draft.telehealth,
    rx: draft.rx,
  };
}

const VISIT_LEVELS: readonly (readonly [string, number])[] = [
  ['99212', 10],
  ['99213', 55],
  ['99214', 30],
  ['99204', 5],
];

const followUps: EpisodeGenerator = (rng, context, dayIn) => {
  const conditions = activeOn(context.profile, dayIn()).length;
  if (conditions === 0) return [];
  const mean = 0.18 * Math.min(conditions, 3) * context.profile.utilization;
  return times(poisson(rng, mean), () => {
    const day = dayIn();
    const active = activeOn(context.profile, day);
    const focus = rng.pick(active.length > 0 ? active : context.profile.conditions);
    const others = active.filter((item) => item !== focus && rng.chance(0.5));
    const specialist = focus.specialty !== undefined && rng.chance(0.3);
    const telehealth = telehealthAllowed(day) && rng.chance(0.15);
    const labs = !telehealth && rng.chance(0.45) ? focus.labs : [];
    return office(rng, day, {
      specialties: specialist && focus.specialty ? [focus.specialty] : [],
      dx: [focus.key, ...others.map((item) => item.key)].slice(0, 4),
      labs: labs.length > 0 ? ['36415', ...labs] : [],
      sendOut: labs.length > 0 && rng.chance(0.5),
      telehealth,
    });
  });
};

const preventive: EpisodeGenerator = (rng, context, dayIn) => {
  const day = dayIn();
  const age = ageOn(context, day);
  const chance = age < 3 ? 0.4 : age < 18 ? 0.07 : age < 65 ? 0.045 : 0.055;
  if (!rng.chance(chance)) return [];
  const labs = age >= 18 && rng.chance(0.5) ? ['36415', '80061', '80053'] : [];
  return [{ kind: 'preventive', day, visit: preventiveVisit(age, rng), dx: wellDx(age), labs }];
};

function preventiveVisit(age: number, rng: Rng): string {
  if (age >= 65) return rng.pick(['G0439', 'G0439', 'G0438', '99397']);
  if (age >= 40) return '99396';
  if (age >= 18) return rng.chance(0.1) ? '99385' : '99395';
  if (age >= 12) return '99394';
  if (age >= 5) return '99393';
  return age >= 1 ? '99392' : '99391';
}

function wellDx(age: number): string {
  return age < 18 ? 'wellChild' : 'wellAdult';
}

const fluShots: EpisodeGenerator = (rng, _context, dayIn) => {
  const day = dayIn();
  const month = fromDays(day).slice(5, 7);
  return (month === '10' || month === '11') && rng.chance(0.22) ? [{ kind: 'flu', day }] : [];
};

/** Visits to practitioners' offices, month by month. */
export const VISIT_GENERATORS: readonly EpisodeGenerator[] = [
  acuteVisits,
  followUps,
  preventive,
  fluShots,
];

/**
 * Episodes beyond routine office care: emergency visits, unplanned admissions, deliveries,
 * screening colonoscopies, eye and skin procedures, behavioral health therapy, short
 * physical therapy courses, dental care, and the occasional advanced imaging done without
 * the prior authorization the plan requires (denied with CARC 197).
 */
import { office } from './claims-episodes-visits.js';
import {
  ageOn,
  poisson,
  times,
  type DentalProcedure,
  type Episode,
  type EpisodeGenerator,
} from './claims-episodes.js';
import { activeOn } from './claims-profile.js';
import type { Rng } from './prng.js';

const ER_REASONS: readonly (readonly [string, number])[] = [
  ['chestPain', 14],
  ['abdominalPain', 16],
  ['ankleSprain', 12],
  ['wristFracture', 6],
  ['concussion', 6],
  ['uti', 8],
  ['pneumonia', 8],
  ['syncope', 6],
  ['influenza', 8],
];
const ER_TESTS: Readonly<Record<string, string[]>> = {
  chestPain: ['93000', '71046', '80053', '85025'],
  abdominalPain: ['80053', '85025', '81003', '74177'],
  ankleSprain: ['73610'],
  wristFracture: ['73110'],
  concussion: ['70450'],
  uti: ['81003', '80053'],
  pneumonia: ['71046', '85025', '80053'],
  syncope: ['93000', '80053', '85025', '70450'],
  influenza: ['85025'],
};
const ER_LEVELS: readonly (readonly [string, number])[] = [
  ['99283', 40],
  ['99284', 45],
  ['99285', 15],
];

const emergencies: EpisodeGenerator = (rng, context, dayIn) => {
  const age = ageOn(context, dayIn());
  const rate = age < 5 ? 0.03 : age < 65 ? 0.017 : 0.03;
  return times(poisson(rng, rate * context.profile.utilization), () => {
    const dx = rng.weighted(ER_REASONS);
    const level = rng.weighted(ER_LEVELS);
    return { kind: 'er', day: dayIn(), dx, level, tests: ER_TESTS[dx] ?? [] };
  });
};

/** Unplanned admissions by condition: DRG, diagnoses. */
const ADMISSIONS: Readonly<Record<string, { drg: string; dx: string[] }>> = {
  chf: { drg: '291', dx: ['chf'] },
  copd: { drg: '190', dx: ['copdExacerbation'] },
  ckd: { drg: '683', dx: ['aki', 'ckd'] },
  stroke: { drg: '065', dx: ['stroke'] },
  heart: { drg: '247', dx: ['nstemi'] },
  sepsis: { drg: '871', dx: ['sepsis', 'pneumonia'] },
  pneumonia: { drg: '194', dx: ['pneumonia'] },
  cellulitis: { drg: '603', dx: ['cellulitis'] },
  digestive: { drg: '392', dx: ['gastroenteritis'] },
};

const admissions: EpisodeGenerator = (rng, context, dayIn) => {
  const day = dayIn();
  const age = ageOn(context, day);
  const active = activeOn(context.profile, day).map((item) => item.key);
  const base = age < 45 ? 0.002 : age < 65 ? 0.005 : age < 75 ? 0.013 : 0.022;
  const boost = 1 + (active.includes('chf') ? 1.5 : 0) + (active.includes('copd') ? 1 : 0);
  if (poisson(rng, base * boost * context.profile.utilization) === 0) return [];
  const reason = rng.weighted(admissionReasons(age, active));
  const { drg, dx } = ADMISSIONS[reason] ?? { drg: '194', dx: ['pneumonia'] };
  const comorbid = active.filter((key) => !dx.includes(key)).slice(0, 3);
  const los = Math.max(1, rng.int(-1, 3) + 3);
  return [{ kind: 'admission', day, drg, dx: [...dx, ...comorbid], via: 'er', los }];
};

function admissionReasons(age: number, active: readonly string[]): [string, number][] {
  const reasons: [string, number][] = [
    ['sepsis', 2],
    ['pneumonia', 3],
    ['cellulitis', 2],
    ['digestive', 2],
  ];
  if (active.includes('chf')) reasons.push(['chf', 6]);
  if (active.includes('copd')) reasons.push(['copd', 5]);
  if (active.includes('ckd')) reasons.push(['ckd', 2]);
  if (age >= 55) reasons.push(['stroke', 1.5], ['heart', 1.5]);
  return reasons;
}

const deliveries: EpisodeGenerator = (rng, context, dayIn) => {
  const day = dayIn();
  const age = ageOn(context, day);
  if (context.sex !== 'F' || age < 18 || age > 42 || !rng.chance(0.0055)) return [];
  const cesarean = rng.chance(0.32);
  return [
    {
      kind: 'admission',
      day,
      drg: cesarean ? '788' : '807',
      dx: cesarean ? ['cesarean', 'liveBirth'] : ['delivery', 'liveBirth'],
      via: 'birth',
      los: cesarean ? 3 : 2,
      surgery: { code: cesarean ? '59510' : '59400', specialty: 'obgyn' },
    },
  ];
};

const procedures: EpisodeGenerator = (rng, context, dayIn) => {
  const day = dayIn();
  const age = ageOn(context, day);
  const episodes: Episode[] = [];
  if (age >= 50 && rng.chance(0.0015)) {
    const code = rng.chance(0.4) ? '45380' : '45378';
    episodes.push({
      kind: 'surgery',
      day,
      code,
      dx: ['colonScreening'],
      specialty: 'gastroenterology',
    });
  }
  const diabetic = activeOn(context.profile, day).some((item) => item.key === 'dm2');
  if (diabetic && rng.chance(0.07)) {
    const specialties = ['ophthalmology', 'optometry'];
    episodes.push(
      office(rng, day, { dx: ['dm2'], labs: [], telehealth: false, specialties, visit: '92014' }),
    );
  }
  if (age >= 40 && rng.chance(0.004)) {
    const labs = ['11102'];
    episodes.push(
      office(rng, day, {
        dx: ['dermatitis'],
        labs,
        telehealth: false,
        specialties: ['dermatology'],
      }),
    );
  }
  return episodes;
};

const behavioral: EpisodeGenerator = (rng, context, dayIn) => {
  const active = activeOn(context.profile, dayIn()).filter(
    (item) => item.key === 'depression' || item.key === 'anxiety',
  );
  const focus = active[0];
  if (!focus) return [];
  return times(poisson(rng, 0.3 * context.profile.utilization), (): Episode => ({
    kind: 'behavioral',
    day: dayIn(),
    dx: focus.key,
    code: rng.chance(0.6) ? '90834' : '90837',
  }));
};

const therapyCourses: EpisodeGenerator = (rng, context, dayIn) => {
  if (ageOn(context, dayIn()) < 16 || !rng.chance(0.006 * context.profile.utilization)) return [];
  const start = dayIn();
  const dx = rng.pick(['backPain', 'ankleSprain', 'kneePain']);
  return times(rng.int(3, 6), () => 0).map((_, visit): Episode => ({
    kind: 'therapy',
    day: start + visit * 7,
    dx,
    codes: visit === 0 ? ['97161', '97110'] : ['97110', '97140'],
  }));
};

const unauthorizedImaging: EpisodeGenerator = (rng, context, dayIn) => {
  if (ageOn(context, dayIn()) < 18 || !rng.chance(0.0008)) return [];
  const knee = rng.chance(0.5);
  return [
    {
      kind: 'imaging',
      day: dayIn(),
      code: knee ? '73721' : '72148',
      dx: [knee ? 'kneePain' : 'backPain'],
    },
  ];
};

const dentalCare: EpisodeGenerator = (rng, context, dayIn) => {
  if (!context.dental) return [];
  const age = ageOn(context, dayIn());
  const episodes: Episode[] = [];
  if (age >= 1 && rng.chance(0.1)) {
    episodes.push({ kind: 'dental', day: dayIn(), procedures: checkup(rng, age) });
  }
  if (age >= 4 && rng.chance(0.025)) {
    episodes.push({ kind: 'dental', day: dayIn(), procedures: [restoration(rng, age)] });
  }
  return episodes;
};

const POSTERIOR_TEETH = [
  '2',
  '3',
  '4',
  '5',
  '12',
  '13',
  '14',
  '15',
  '18',
  '19',
  '20',
  '21',
  '28',
  '29',
  '30',
  '31',
];
const MOLARS = ['3', '14', '19', '30'];

function checkup(rng: Rng, age: number): DentalProcedure[] {
  const child = age < 14;
  const procedures: DentalProcedure[] = [{ code: rng.chance(0.9) ? 'D0120' : 'D0150' }];
  procedures.push({ code: child ? 'D1120' : 'D1110' });
  if (rng.chance(0.45)) procedures.push({ code: 'D0274' });
  if (child) procedures.push({ code: 'D1208' });
  if (age >= 6 && age <= 14 && rng.chance(0.15)) {
    procedures.push({ code: 'D1351', tooth: rng.pick(MOLARS) });
  }
  return procedures;
}

function restoration(rng: Rng, age: number): DentalProcedure {
  const tooth = rng.pick(POSTERIOR_TEETH);
  const roll = rng.next();
  if (age >= 40 && roll < 0.1) return { code: 'D4341', area: rng.pick(['10', '20', '30', '40']) };
  if (roll < 0.22 && age >= 18) return { code: 'D2740', tooth };
  if (roll < 0.3 && age >= 18) return { code: 'D3330', tooth: rng.pick(MOLARS) };
  if (roll < 0.4) return { code: 'D7140', tooth };
  const two = rng.chance(0.4);
  const surfaces = two ? ['M', 'O'] : [rng.pick(['O', 'B', 'L'])];
  return { code: two ? 'D2392' : 'D2391', tooth, surfaces };
}

/** Non-routine care, month by month. */
export const ACUTE_GENERATORS: readonly EpisodeGenerator[] = [
  emergencies,
  admissions,
  deliveries,
  procedures,
  behavioral,
  therapyCourses,
  unauthorizedImaging,
  dentalCare,
];

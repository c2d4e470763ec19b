/**
 * Maintenance prescription fills: for every drug a member takes for a chronic condition,
 * fills every 30 (or 90) days from the condition's onset, with the refill gaps real
 * adherence shows. A prescription lasts a year (then a new Rx number starts at fill 0).
 */
import { drug } from './claims-drugs.js';
import type { FillEpisode } from './claims-episodes.js';
import type { ActiveCondition, HealthProfile } from './claims-profile.js';
import type { Rng } from './prng.js';

/** Fills of one prescription per year; later fills start a new prescription. */
const FILLS_PER_PRESCRIPTION_DAYS = 365;

/** Maintenance fills between two days (inclusive), in day order per drug. */
export function maintenanceFills(
  rng: Rng,
  profile: HealthProfile,
  window: { readonly fromDay: number; readonly toDay: number },
): FillEpisode[] {
  const fills: FillEpisode[] = [];
  for (const condition of profile.conditions) {
    if (condition.onsetDay > window.toDay) continue;
    for (const key of condition.drugs) {
      fills.push(...drugFills(rng, { key, condition, profile, ...window }));
    }
  }
  return fills;
}

interface FillPlan {
  readonly key: string;
  readonly condition: ActiveCondition;
  readonly profile: HealthProfile;
  readonly fromDay: number;
  readonly toDay: number;
}

function drugFills(rng: Rng, plan: FillPlan): FillEpisode[] {
  const product = drug(plan.key);
  const longSupply = plan.profile.ninetyDayFills && !product.specialty && product.days === 30;
  const daysSupply = longSupply ? 90 : product.days;
  const prescriber = plan.condition.specialty && rng.chance(0.3) ? plan.condition.specialty : '';
  const fills: FillEpisode[] = [];
  let written = Math.max(plan.fromDay, plan.condition.onsetDay) + rng.int(0, 10);
  let day = written;
  let fill = 0;
  let rxSerial = rng.int(100_000, 899_999);
  while (day <= plan.toDay) {
    fills.push({ kind: 'fill', day, drug: plan.key, daysSupply, fill, rxSerial, prescriber });
    day += daysSupply - rng.int(0, 4) + (rng.chance(0.1) ? rng.int(7, 45) : 0);
    fill += 1;
    if (day - written >= FILLS_PER_PRESCRIPTION_DAYS) {
      written = day;
      fill = 0;
      rxSerial += 1;
    }
  }
  return fills;
}

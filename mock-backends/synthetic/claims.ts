/**
 * Synthetic adjudicated claims of members: a pure function of (member, seed, directory).
 * For each coverage period since the claims system's history starts (2013-01-01) and up to
 * the as-of date, episodes of care are drawn month by month (claims-episodes*.ts), plus
 * maintenance fills, births, and the care approved by the member's prior authorizations;
 * builders turn episodes into claims from providers of the directory; the plan adjudicates
 * them in service-date order against the year's deductible and out-of-pocket maximum; the
 * claims system dates, numbers and pays them (claims-finalize.ts). Claims not yet paid on
 * the as-of date are left out, as are services outside coverage.
 */
import { AS_OF_DATE } from './catalog.js';
import { benefitsOf } from './claims-benefits.js';
import {
  emergencyClaims,
  imagingClaims,
  infusionClaims,
  surgeryClaims,
} from './claims-build-facility.js';
import { admissionClaims } from './claims-build-inpatient.js';
import {
  behavioralClaims,
  dmeClaims,
  fluClaims,
  officeClaims,
  preventiveClaims,
  therapyClaims,
} from './claims-build-professional.js';
import { dentalClaims, fillClaim } from './claims-build-retail.js';
import { authorizedEpisodes } from './claims-authorized.js';
import type { BuildContext, ClaimDraft } from './claims-draft.js';
import { ACUTE_GENERATORS } from './claims-episodes-acute.js';
import { VISIT_GENERATORS } from './claims-episodes-visits.js';
import { monthEpisodes, monthsOf, type Episode, type EpisodeContext } from './claims-episodes.js';
import { maintenanceFills } from './claims-fills.js';
import { finalizeClaims, type DatedDraft } from './claims-finalize.js';
import { CLAIMS_STREAM, healthProfile, type HealthProfile } from './claims-profile.js';
import { homeFor } from './claims-providers.js';
import type { ClaimRecord } from './claims-types.js';
import { toDays } from './dates.js';
import { generateMembers, type CoveragePeriod, type MemberRecord } from './members.js';
import { createRng, type Rng } from './prng.js';
import { authorizationsOf, directoryFor, type AuthorizedCare } from './prior-auth.js';
import type { Directory } from './providers.js';

/** First day of service the claims system holds (its history was converted from then). */
export const CLAIMS_START_DATE = '2013-01-01';

/** Options for {@link claimsOf} and {@link generateClaims}. */
export interface ClaimsOptions {
  readonly seed: number;
  /** The directory providers come from (default: 200 practitioners of the same seed). */
  readonly directory?: Directory;
}

const AS_OF_DAY = toDays(AS_OF_DATE);
const CLAIMS_START_DAY = toDays(CLAIMS_START_DATE);
const GENERATORS = [...VISIT_GENERATORS, ...ACUTE_GENERATORS];

/** The claims of a member, ordered by first day of service then claim id. */
export function claimsOf(member: MemberRecord, options: ClaimsOptions): ClaimRecord[] {
  const directory = directoryFor(options);
  const rng = createRng(options.seed, CLAIMS_STREAM.events, member.index);
  const authorizations = authorizationsOf(member, { seed: options.seed, directory });
  const profile = healthProfile(member, options.seed);
  const dated: DatedDraft[] = [];
  for (const period of member.coverage) {
    const window = claimWindow(member, period);
    if (window.fromDay > window.toDay) continue;
    const context: BuildContext = {
      rng,
      member,
      home: homeFor(member, period, directory, options.seed),
      planId: period.planId,
    };
    const plan = { period, window, authorizations, profile };
    for (const episode of periodEpisodes(rng, context, plan)) {
      for (const draft of buildClaims(episode, context)) dated.push({ draft, period });
    }
  }
  return finalizeClaims(rng, member, dated);
}

/** Streams the claims of members `from`..`from + count - 1`, member by member. */
export function* generateClaims(
  options: ClaimsOptions & { readonly count: number; readonly from?: number },
): Generator<ClaimRecord> {
  const directory = directoryFor(options);
  for (const member of generateMembers({ ...options, from: options.from ?? 0 })) {
    yield* claimsOf(member, { seed: options.seed, directory });
  }
}

interface Window {
  readonly fromDay: number;
  readonly toDay: number;
}

/** Days of a period the claims system holds: from 2013, birth, to the as-of date. */
function claimWindow(member: MemberRecord, period: CoveragePeriod): Window {
  const fromDay = Math.max(toDays(period.start), CLAIMS_START_DAY, toDays(member.birthDate));
  const toDay = Math.min(period.end ? toDays(period.end) : AS_OF_DAY, AS_OF_DAY - 1);
  return { fromDay, toDay };
}

interface PeriodPlan {
  readonly period: CoveragePeriod;
  readonly window: Window;
  readonly authorizations: readonly AuthorizedCare[];
  readonly profile: HealthProfile;
}

function periodEpisodes(rng: Rng, build: BuildContext, plan: PeriodPlan): Episode[] {
  const { member } = build;
  const { window, period, profile } = plan;
  const context: EpisodeContext = {
    birthDay: toDays(member.birthDate),
    sex: member.sex,
    profile,
    dental: benefitsOf(period.planId).dental,
  };
  const episodes: Episode[] = [];
  for (const month of monthsOf(window.fromDay, window.toDay)) {
    episodes.push(...monthEpisodes(rng, context, { ...window, month }, GENERATORS));
  }
  episodes.push(...maintenanceFills(rng, profile, window));
  if (context.birthDay >= window.fromDay) episodes.push(newborn(context.birthDay));
  for (const care of plan.authorizations) {
    if (care.record.coverageSeq === period.seq) episodes.push(...authorizedEpisodes(rng, care));
  }
  return episodes.filter((episode) => within(episode, window)).sort((a, b) => a.day - b.day);
}

/** An episode the period holds entirely (stays and therapy courses may run past its end). */
function within(episode: Episode, window: Window): boolean {
  const last = episode.kind === 'admission' ? episode.day + episode.los : episode.day;
  return episode.day >= window.fromDay && last <= window.toDay;
}

/** The birth stay of a member born while covered (MS-DRG 795, normal newborn). */
function newborn(birthDay: number): Episode {
  return { kind: 'admission', day: birthDay, drg: '795', dx: ['newborn'], via: 'newborn', los: 2 };
}

/** The claims an episode gives rise to. */
function buildClaims(episode: Episode, context: BuildContext): ClaimDraft[] {
  switch (episode.kind) {
    case 'office':
      return officeClaims(episode, context);
    case 'preventive':
      return preventiveClaims(episode, context);
    case 'flu':
      return fluClaims(episode.day, context);
    case 'er':
      return emergencyClaims(episode, context);
    case 'admission':
      return admissionClaims(episode, context);
    case 'surgery':
      return surgeryClaims(episode, context);
    case 'imaging':
      return imagingClaims(episode, context);
    case 'therapy':
      return therapyClaims(episode, context);
    case 'behavioral':
      return behavioralClaims(episode, context);
    case 'dental':
      return dentalClaims(episode, context);
    case 'fill':
      return [fillClaim(episode, context)];
    case 'dme':
      return dmeClaims(episode, context);
    case 'infusion':
      return infusionClaims(episode, context);
  }
}

/**
 * Inpatient (UB-04 type of bill 011x) claims: revenue-code lines for the stay, the MS-DRG
 * payment spread over them, admission details, present-on-admission indicators and ICD
 * procedures, plus the attending physician's visits or the surgeon's claim.
 */
import {
  markup,
  procedureLine,
  revenueLine,
  type BuildContext,
  type ClaimDraft,
  type DiagnosisDraft,
  type LineDraft,
} from './claims-draft.js';
import { facilityClaim, hospitalFor, professionalClaim } from './claims-build-facility.js';
import type { AdmissionEpisode } from './claims-episodes.js';
import { drgOn, DRGS } from './claims-procedures.js';
import type { ChosenRole } from './claims-providers.js';
import type { Admission } from './claims-types.js';
import { fromDays, toDays } from './dates.js';

/** Base payment of a DRG with relative weight 1.0, in dollars (Medicare-like). */
const DRG_BASE_RATE = 7500;
/** DRGs of stays with an operation (operating room, anesthesia, recovery, implants). */
const SURGICAL_DRGS = new Set(['470', '460', '621', '247', '788', '766']);
const ATTENDING_BY_DRG: Readonly<Record<string, string>> = {
  '291': 'cardiology',
  '247': 'cardiology',
  '190': 'pulmonology',
  '065': 'neurology',
  '470': 'orthopaedics',
  '460': 'orthopaedics',
  '621': 'surgery',
  '807': 'obgyn',
  '788': 'obgyn',
  '795': 'pediatrics',
};

/** An inpatient stay: the hospital's claim, the attending's visits and the surgeon's claim. */
export function admissionClaims(episode: AdmissionEpisode, context: BuildContext): ClaimDraft[] {
  const { rng } = context;
  const specialty = ATTENDING_BY_DRG[episode.drg] ?? 'internal';
  const attending = episode.authorized?.role ?? context.home.picker.role(rng, [specialty]);
  const hospital = episode.authorized?.facility ?? hospitalFor(attending, context);
  const dischargeDay = episode.day + episode.los;
  const drg = drgOn(episode.drg, fromDays(dischargeDay));
  const lines = stayLines(episode, markup(rng, true));
  const diagnoses = admissionDiagnoses(episode);
  const inpatient = facilityClaim(
    {
      type: 'inpatient',
      billType: '011',
      episode,
      hospital,
      lines,
      diagnoses,
      endDay: dischargeDay,
    },
    {
      costClass: 'inpatient',
      drg: drg.code,
      admission: admission(episode, context, dischargeDay),
      attendingNpi: attending.practitioner.npi,
      operatingNpi: episode.surgery ? attending.practitioner.npi : undefined,
      priorAuthNumber: episode.authorized?.authNumber,
      requiresAuthorization: episode.via === 'elective',
      emergency: episode.via === 'er' || episode.via === 'birth',
    },
  );
  return [inpatient, ...physicianClaims(episode, attending, diagnoses, context)];
}

function admissionDiagnoses(episode: AdmissionEpisode): DiagnosisDraft[] {
  const listed = episode.dx.map((key, i): DiagnosisDraft => ({
    key,
    kind: i === 0 ? 'principal' : 'other',
    presentOnAdmission: 'Y',
  }));
  const principal = episode.dx[0];
  if (episode.via !== 'er' || principal === undefined) return listed;
  return [...listed, { key: principal, kind: 'admitting' }];
}

function admission(
  episode: AdmissionEpisode,
  context: BuildContext,
  dischargeDay: number,
): Admission {
  const age = (episode.day - toDays(context.member.birthDate)) / 365.25;
  const roll = context.rng.next();
  const later = age >= 65 && roll < 0.1 ? '06' : age >= 75 && roll < 0.17 ? '03' : '01';
  return {
    admitDate: fromDays(episode.day),
    dischargeDate: fromDays(dischargeDay),
    typeCode: { er: '1', birth: '2', elective: '3', newborn: '4' }[episode.via],
    sourceCode: episode.via === 'newborn' ? '5' : '1',
    dischargeStatus: later,
  };
}

/** Revenue lines of a stay, then the DRG payment spread over them by charge. */
function stayLines(episode: AdmissionEpisode, ratio: number): LineDraft[] {
  const stay = { startDay: episode.day, endDay: episode.day + episode.los };
  const days = episode.los;
  const rows: [string, number, number][] = [
    [episode.via === 'newborn' ? '0171' : '0120', 950, days],
    ['0250', 120 * days, 1],
    ['0300', 90 * days, 1],
  ];
  if (episode.drg === '871') rows.push(['0200', 2200, 2]);
  if (episode.via === 'er') rows.push(['0450', 700, 1]);
  if (episode.via === 'birth') rows.push(['0720', 1200, 1]);
  if (SURGICAL_DRGS.has(episode.drg)) {
    rows.push(['0360', 2800, 1], ['0370', 600, 1], ['0710', 400, 1], ['0270', 1500, 1]);
  }
  if (episode.drg === '470' || episode.drg === '460') rows.push(['0420', 120, 2]);
  const lines = rows.map(([code, base, quantity]) =>
    revenueLine(code, stay, { base, ratio, quantity }),
  );
  return spreadPayment(lines, (DRGS[episode.drg]?.weight ?? 1) * DRG_BASE_RATE);
}

function spreadPayment(lines: LineDraft[], payment: number): LineDraft[] {
  const billed = lines.reduce((sum, line) => sum + line.billed, 0);
  return lines.map((line) => ({
    ...line,
    baseAllowance: Math.round((payment * line.billed * 100) / billed) / 100,
  }));
}

function physicianClaims(
  episode: AdmissionEpisode,
  attending: ChosenRole,
  diagnoses: readonly DiagnosisDraft[],
  context: BuildContext,
): ClaimDraft[] {
  const ratio = markup(context.rng, false);
  const last = episode.day + episode.los;
  const visits = [procedureLine('99223', episode.day, ratio, { placeOfService: '21' })];
  if (episode.los > 1) {
    const options = { placeOfService: '21', quantity: episode.los - 1, endDay: last - 1 };
    visits.push(procedureLine('99232', episode.day + 1, ratio, options));
  }
  visits.push(procedureLine('99238', last, ratio, { placeOfService: '21' }));
  const extra = { placeOfService: '21', priorAuthNumber: episode.authorized?.authNumber };
  if (!episode.surgery) {
    return [professionalClaim(attending, episode.day, visits, diagnoses, extra)];
  }
  const surgery = procedureLine(episode.surgery.code, episode.day, ratio, { placeOfService: '21' });
  return [professionalClaim(attending, episode.day, [surgery], diagnoses, extra)];
}

/**
 * Professional (CMS-1500 / 837P) claims: office and telehealth visits, preventive visits and
 * vaccines, tests sent to an independent laboratory, psychotherapy, physical therapy and
 * DME from a supplier. Billing NPI is the practitioner's organization (or the lab, or the
 * supplier), rendering NPI the practitioner, referring NPI the primary care provider when
 * a specialist sees the member.
 */
import {
  diagnosesOf,
  markup,
  npiOf,
  renderedBy,
  pointersTo,
  procedureLine,
  type BuildContext,
  type ClaimDraft,
  type LineDraft,
} from './claims-draft.js';
import type {
  BehavioralEpisode,
  DmeEpisode,
  OfficeEpisode,
  PreventiveEpisode,
  TherapyEpisode,
} from './claims-episodes.js';
import { usualSpecialist, type ChosenOrganization, type ChosenRole } from './claims-providers.js';
import { fillClaim } from './claims-build-retail.js';
import { fromDays } from './dates.js';

const BEHAVIORAL = ['social-work', 'psychology', 'psychiatry'];

/** In-office procedures that make a same-day visit a separate service (modifier 25). */
const OFFICE_PROCEDURES = new Set(['11102', '20610', '96372']);

/** An office visit: the visit claim, a lab claim for send-out tests, a fill if prescribed. */
export function officeClaims(episode: OfficeEpisode, context: BuildContext): ClaimDraft[] {
  const { rng, home } = context;
  const specialist = episode.specialties.length > 0;
  const first = episode.specialties[0] ?? '';
  const chosen = specialist ? usualSpecialist(rng, home, first, episode.specialties) : home.pcp;
  const ratio = markup(rng, false);
  const pos = episode.telehealth ? telehealthPlace(episode.day) : '11';
  const diagnoses = diagnosesOf(episode.dx);
  const inOffice = episode.sendOut ? episode.labs.filter((code) => code === '36415') : episode.labs;
  const separate = inOffice.some((code) => OFFICE_PROCEDURES.has(code));
  const modifiers = [...(episode.telehealth ? ['95'] : []), ...(separate ? ['25'] : [])];
  const lines: LineDraft[] = [
    procedureLine(episode.visit, episode.day, ratio, {
      modifiers,
      pointers: pointersTo(diagnoses),
      placeOfService: pos,
    }),
    ...inOffice.map((code) => procedureLine(code, episode.day, ratio, { placeOfService: pos })),
  ];
  const claims: ClaimDraft[] = [
    {
      type: 'professional',
      costClass: specialist ? 'specialist' : 'primary',
      startDay: episode.day,
      endDay: episode.day,
      ...renderedBy(chosen),
      referringNpi: specialist ? home.pcp.practitioner.npi : undefined,
      placeOfService: pos,
      diagnoses,
      lines,
    },
  ];
  if (episode.sendOut) claims.push(labClaim(episode, context, chosen));
  if (episode.rx) claims.push(fillClaim(oneOffFill(episode, context), context, chosen));
  return claims;
}

/** POS 02 until 2021, then 10 for telehealth in the patient's home (CMS POS update 2022). */
function telehealthPlace(day: number): string {
  return fromDays(day) >= '2022-01-01' ? '10' : '02';
}

function oneOffFill(episode: OfficeEpisode, context: BuildContext) {
  return {
    kind: 'fill' as const,
    day: episode.day,
    drug: episode.rx ?? '',
    daysSupply: 0,
    fill: 0,
    rxSerial: context.rng.int(100_000, 899_999),
    prescriber: '',
  };
}

/** Tests sent to an independent laboratory, billed by the lab (POS 81). */
function labClaim(episode: OfficeEpisode, context: BuildContext, orderedBy: ChosenRole) {
  const lab: ChosenOrganization = context.home.lab;
  const ratio = markup(context.rng, false);
  const tests = episode.labs.filter((code) => code !== '36415');
  const claim: ClaimDraft = {
    type: 'professional',
    costClass: 'lab',
    startDay: episode.day,
    endDay: episode.day,
    billingNpi: npiOf(lab.organization),
    referringNpi: orderedBy.practitioner.npi,
    network: lab.network,
    placeOfService: '81',
    diagnoses: diagnosesOf(episode.dx),
    lines: tests.map((code) => procedureLine(code, episode.day, ratio, { placeOfService: '81' })),
  };
  return claim;
}

/** A preventive visit with its screening labs, and no cost sharing (ACA preventive care). */
export function preventiveClaims(episode: PreventiveEpisode, context: BuildContext): ClaimDraft[] {
  const ratio = markup(context.rng, false);
  const codes = [episode.visit, ...episode.labs];
  return [
    {
      type: 'professional',
      costClass: 'preventive',
      startDay: episode.day,
      endDay: episode.day,
      ...renderedBy(context.home.pcp),
      placeOfService: '11',
      diagnoses: diagnosesOf([episode.dx]),
      lines: codes.map((code) => procedureLine(code, episode.day, ratio, { placeOfService: '11' })),
    },
  ];
}

/** A flu shot at the primary care office. */
export function fluClaims(day: number, context: BuildContext): ClaimDraft[] {
  const ratio = markup(context.rng, false);
  const codes = ['90686', '90471'];
  return [
    {
      type: 'professional',
      costClass: 'preventive',
      startDay: day,
      endDay: day,
      ...renderedBy(context.home.pcp),
      placeOfService: '11',
      diagnoses: diagnosesOf(['immunization']),
      lines: codes.map((code) => procedureLine(code, day, ratio, { placeOfService: '11' })),
    },
  ];
}

/** A psychotherapy session with a social worker, psychologist or psychiatrist. */
export function behavioralClaims(episode: BehavioralEpisode, context: BuildContext): ClaimDraft[] {
  const chosen = usualSpecialist(context.rng, context.home, 'behavioral', BEHAVIORAL);
  const telehealth = fromDays(episode.day) >= '2020-03-15' && context.rng.chance(0.35);
  const pos = telehealth ? telehealthPlace(episode.day) : '11';
  const line = procedureLine(episode.code, episode.day, markup(context.rng, false), {
    placeOfService: pos,
    modifiers: telehealth ? ['95'] : [],
  });
  return [
    {
      type: 'professional',
      costClass: 'primary',
      startDay: episode.day,
      endDay: episode.day,
      ...renderedBy(chosen),
      placeOfService: pos,
      diagnoses: diagnosesOf([episode.dx]),
      lines: [line],
    },
  ];
}

/** A physical therapy visit, timed codes billed in 15-minute units. */
export function therapyClaims(episode: TherapyEpisode, context: BuildContext): ClaimDraft[] {
  const chosen =
    episode.authorized?.role ?? usualSpecialist(context.rng, context.home, 'physical-therapy');
  const ratio = markup(context.rng, false);
  const lines = episode.codes.map((code) =>
    procedureLine(code, episode.day, ratio, {
      placeOfService: '11',
      quantity: code === '97110' ? 2 : 1,
      modifiers: ['GP'],
    }),
  );
  return [
    {
      type: 'professional',
      costClass: 'specialist',
      startDay: episode.day,
      endDay: episode.day,
      ...renderedBy(chosen),
      referringNpi: episode.authorized?.requesterNpi ?? context.home.pcp.practitioner.npi,
      placeOfService: '11',
      priorAuthNumber: episode.authorized?.authNumber,
      diagnoses: diagnosesOf([episode.dx]),
      lines,
    },
  ];
}

/** A DME rental month or purchase, billed by the supplier (POS 12, home). */
export function dmeClaims(episode: DmeEpisode, context: BuildContext): ClaimDraft[] {
  const supplier =
    episode.authorized?.facility ?? context.home.picker.organization(context.rng, 'dme');
  const line = procedureLine(episode.code, episode.day, markup(context.rng, false), {
    placeOfService: '12',
    modifiers: [episode.modifier],
  });
  return [
    {
      type: 'professional',
      costClass: 'dme',
      startDay: episode.day,
      endDay: episode.day,
      billingNpi: npiOf(supplier.organization),
      referringNpi: episode.authorized?.requesterNpi ?? context.home.pcp.practitioner.npi,
      network: supplier.network,
      placeOfService: '12',
      priorAuthNumber: episode.authorized?.authNumber,
      requiresAuthorization: true,
      diagnoses: diagnosesOf(episode.dx),
      lines: [line],
    },
  ];
}

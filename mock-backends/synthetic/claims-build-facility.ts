/**
 * Institutional (UB-04 / 837I) outpatient claims with the professional claims that go with
 * them: emergency visits (type of bill 013x plus the emergency physician), outpatient
 * procedures and infusions, and advanced imaging at a hospital or a freestanding imaging
 * centre. Inpatient stays are in claims-build-inpatient.ts.
 */
import {
  cents,
  diagnosesOf,
  markup,
  npiOf,
  pointersTo,
  procedureLine,
  renderedBy,
  revenueLine,
  type BuildContext,
  type ClaimDraft,
  type DiagnosisDraft,
  type LineDraft,
} from './claims-draft.js';
import type {
  EmergencyEpisode,
  ImagingEpisode,
  InfusionEpisode,
  SurgeryEpisode,
} from './claims-episodes.js';
import { usualSpecialist, type ChosenOrganization, type ChosenRole } from './claims-providers.js';

/** Share of a global imaging fee paid for the professional component (modifier 26). */
const PROFESSIONAL_SHARE = 0.3;
/** Outpatient procedures the plans require prior authorization for. */
export const AUTHORIZED_PROCEDURES = new Set([
  '29881',
  '66984',
  '47562',
  '64483',
  '58558',
  '15823',
]);

/** Where a practitioner's hospital work is billed: its hospital, or the member's. */
export function hospitalFor(chosen: ChosenRole, context: BuildContext): ChosenOrganization {
  if (chosen.organization.type !== 'hospital') return context.home.hospital;
  const network = context.home.picker.orgNetwork(chosen.organization);
  return { organization: chosen.organization, network };
}

/** An emergency visit: the hospital's outpatient claim and the physician's claim. */
export function emergencyClaims(episode: EmergencyEpisode, context: BuildContext): ClaimDraft[] {
  const { rng } = context;
  const doctor = context.home.picker.role(rng, ['emergency']);
  const hospital = hospitalFor(doctor, context);
  const facilityRatio = markup(rng, true);
  const lines = [episode.level, ...episode.tests].map((code) =>
    procedureLine(code, episode.day, facilityRatio, { facility: true }),
  );
  lines.push(revenueLine('0250', dayspan(episode.day), { base: 35, ratio: facilityRatio }));
  const diagnoses = diagnosesOf([episode.dx]);
  const professional = procedureLine(episode.level, episode.day, markup(rng, false), {
    placeOfService: '23',
  });
  return [
    facilityClaim(
      { type: 'outpatient', billType: '013', episode, hospital, lines, diagnoses },
      {
        costClass: 'emergency',
        attendingNpi: doctor.practitioner.npi,
        emergency: true,
      },
    ),
    professionalClaim(doctor, episode.day, [professional], diagnoses, {
      costClass: 'surgery',
      placeOfService: '23',
      emergency: true,
    }),
  ];
}

/** A span of days from `day`. */
export function dayspan(day: number, days = 0): { startDay: number; endDay: number } {
  return { startDay: day, endDay: day + days };
}

/** What an institutional claim needs beyond its extra fields. */
export interface FacilityDraft {
  readonly type: 'inpatient' | 'outpatient';
  readonly billType: string;
  readonly episode: { readonly day: number };
  readonly hospital: ChosenOrganization;
  readonly lines: readonly LineDraft[];
  readonly diagnoses: readonly DiagnosisDraft[];
  readonly endDay?: number;
}

/** An institutional claim billed by a hospital, which is also the service facility. */
export function facilityClaim(draft: FacilityDraft, extra: Partial<ClaimDraft>): ClaimDraft {
  const npi = npiOf(draft.hospital.organization);
  return {
    type: draft.type,
    costClass: 'surgery',
    startDay: draft.episode.day,
    endDay: draft.endDay ?? draft.episode.day,
    billingNpi: npi,
    facilityNpi: npi,
    network: draft.hospital.network,
    billType: draft.billType,
    diagnoses: draft.diagnoses,
    lines: draft.lines,
    ...extra,
  };
}

/** A professional claim rendered by a practitioner, lines pointing to all diagnoses. */
export function professionalClaim(
  chosen: ChosenRole,
  day: number,
  lines: readonly LineDraft[],
  diagnoses: readonly DiagnosisDraft[],
  extra: Partial<ClaimDraft>,
): ClaimDraft {
  return {
    type: 'professional',
    costClass: 'surgery',
    startDay: day,
    endDay: Math.max(day, ...lines.map((line) => line.endDay)),
    ...renderedBy(chosen),
    diagnoses,
    lines: lines.map((line) => ({ ...line, diagnosisPointers: pointersTo(diagnoses) })),
    ...extra,
  };
}

/** An outpatient procedure: the hospital's claim and the surgeon's claim. */
export function surgeryClaims(episode: SurgeryEpisode, context: BuildContext): ClaimDraft[] {
  const { rng, home } = context;
  const surgeon = episode.authorized?.role ?? usualSpecialist(rng, home, episode.specialty);
  const hospital = episode.authorized?.facility ?? hospitalFor(surgeon, context);
  const ratio = markup(rng, true);
  const span = dayspan(episode.day);
  const lines = [
    procedureLine(episode.code, episode.day, ratio, { facility: true }),
    revenueLine('0370', span, { base: 300, ratio }),
    revenueLine('0710', span, { base: 250, ratio }),
    revenueLine('0250', span, { base: 80, ratio }),
  ];
  const diagnoses = diagnosesOf(episode.dx);
  const screening = episode.dx[0] === 'colonScreening';
  const shared = {
    costClass: screening ? ('preventive' as const) : ('surgery' as const),
    priorAuthNumber: episode.authorized?.authNumber,
    requiresAuthorization: AUTHORIZED_PROCEDURES.has(episode.code),
  };
  const draft = {
    type: 'outpatient' as const,
    billType: '013',
    episode,
    hospital,
    lines,
    diagnoses,
  };
  const surgeonLine = procedureLine(episode.code, episode.day, markup(rng, false), {
    placeOfService: '22',
  });
  return [
    facilityClaim(draft, {
      ...shared,
      attendingNpi: surgeon.practitioner.npi,
      operatingNpi: surgeon.practitioner.npi,
    }),
    professionalClaim(surgeon, episode.day, [surgeonLine], diagnoses, {
      ...shared,
      placeOfService: '22',
    }),
  ];
}

/** Advanced imaging: global claim at an imaging centre, or hospital claim plus the read. */
export function imagingClaims(episode: ImagingEpisode, context: BuildContext): ClaimDraft[] {
  const { rng, home } = context;
  const radiologist = episode.authorized?.role ?? home.picker.role(rng, ['radiology']);
  const diagnoses = diagnosesOf(episode.dx);
  const shared = {
    costClass: 'imaging' as const,
    priorAuthNumber: episode.authorized?.authNumber,
    requiresAuthorization: true,
    referringNpi: episode.authorized?.requesterNpi ?? home.pcp.practitioner.npi,
  };
  if (radiologist.organization.type === 'imaging') {
    const line = procedureLine(episode.code, episode.day, markup(rng, false), {
      placeOfService: '11',
    });
    return [
      professionalClaim(radiologist, episode.day, [line], diagnoses, {
        ...shared,
        placeOfService: '11',
      }),
    ];
  }
  const hospital = episode.authorized?.facility ?? hospitalFor(radiologist, context);
  const technical = procedureLine(episode.code, episode.day, markup(rng, true), { facility: true });
  const global = procedureLine(episode.code, episode.day, markup(rng, false), {
    placeOfService: '22',
    modifiers: ['26'],
  });
  const read = {
    ...global,
    billed: cents(global.billed * PROFESSIONAL_SHARE),
    baseAllowance: cents(global.baseAllowance * PROFESSIONAL_SHARE),
  };
  const facilityDraft = {
    type: 'outpatient' as const,
    billType: '013',
    episode,
    hospital,
    lines: [technical],
    diagnoses,
  };
  return [
    facilityClaim(facilityDraft, { ...shared, attendingNpi: radiologist.practitioner.npi }),
    professionalClaim(radiologist, episode.day, [read], diagnoses, {
      ...shared,
      placeOfService: '22',
    }),
  ];
}

/** A drug infusion in the hospital's outpatient department (drug by J-code, and the chair). */
export function infusionClaims(episode: InfusionEpisode, context: BuildContext): ClaimDraft[] {
  const { rng, home } = context;
  const hospital = episode.authorized?.facility ?? home.hospital;
  const ratio = markup(rng, true);
  const drugLine = procedureLine(episode.code, episode.day, ratio, { quantity: episode.units });
  const lines = [
    { ...drugLine, revenueCode: '0636' },
    procedureLine('96413', episode.day, ratio, { facility: true }),
  ];
  const draft = {
    type: 'outpatient' as const,
    billType: '013',
    episode,
    hospital,
    lines,
    diagnoses: diagnosesOf(episode.dx),
  };
  return [
    facilityClaim(draft, {
      attendingNpi: episode.authorized?.role?.practitioner.npi ?? home.pcp.practitioner.npi,
      priorAuthNumber: episode.authorized?.authNumber,
      requiresAuthorization: true,
    }),
  ];
}

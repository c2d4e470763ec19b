/**
 * Legacy prior authorization request -> PDex 2.1.0 Prior Authorization ExplanationOfBenefit
 * (use `preauthorization`). Id `pa-<auth number>` so that it federates with the claims EOBs;
 * references use the membership plugin's ids (Patient, Coverage, payer Organization) and the
 * directory's NPI ids. meta.lastUpdated is the last status change, the instant the rule's
 * one-year window counts from.
 */
import type {
  Coverage,
  ExplanationOfBenefit,
  ExplanationOfBenefitCareTeam,
  ExplanationOfBenefitDiagnosis,
  ExplanationOfBenefitSupportingInfo,
  Organization,
  Practitioner,
  Reference,
} from '@medplum/fhirtypes';
import { dateOf, instantOf, type LegacyAuth, type LegacyDocument } from './legacy-api.js';
import { toItem } from './map-items.js';
import type { PriorAuthOptions } from './options.js';
import { EXTENSIONS, PDEX_PRIOR_AUTH, SYSTEMS } from './profiles.js';

/** The id prefix of this plugin's ExplanationOfBenefits. */
export const ID_PREFIX = 'pa-';

type Outcome = NonNullable<ExplanationOfBenefit['outcome']>;

const OUTCOMES: Readonly<Record<string, Outcome>> = {
  APPR: 'complete',
  DENY: 'complete',
  EXPD: 'complete',
  CANC: 'complete',
  PART: 'partial',
  PEND: 'queued',
};

/** Resource id of a request. */
export function eobIdOf(authNumber: string): string {
  return `${ID_PREFIX}${authNumber}`;
}

/** The authorization number an id names, or undefined when it names none of ours. */
export function authNumberOf(id: string): string | undefined {
  const number = id.startsWith(ID_PREFIX) ? id.slice(ID_PREFIX.length) : '';
  return /^PA\d{15}$/.test(number) ? number : undefined;
}

/** A provider reference by NPI: type 1 NPIs are practitioners, type 2 organizations. */
export function providerReference(npi: string): Reference<Practitioner | Organization> {
  const type = npi.startsWith('2') ? 'Organization' : 'Practitioner';
  return { reference: `${type}/npi-${npi}` };
}

/** Maps a request. */
export function toExplanationOfBenefit(
  auth: LegacyAuth,
  options: PriorAuthOptions,
): ExplanationOfBenefit {
  const eob: ExplanationOfBenefit = {
    resourceType: 'ExplanationOfBenefit',
    id: eobIdOf(auth.AUTH_NBR),
    meta: { lastUpdated: instantOf(auth.LAST_STAT_CHG_TS), profile: [PDEX_PRIOR_AUTH] },
    extension: [levelOfService(auth.URG_CD)],
    identifier: [identifier(auth, options)],
    status: auth.AUTH_STAT_CD === 'CANC' ? 'cancelled' : 'active',
    type: claimType(auth.AUTH_TYP_CD),
    use: 'preauthorization',
    patient: { reference: `Patient/${auth.MBR_ID}` },
    billablePeriod: servicePeriod(auth),
    created: instantOf(auth.REQ_RCVD_TS),
    insurer: { reference: `Organization/${options.payerId}` },
    provider: providerReference(auth.SVC_PRV_NPI),
    priority: priority(auth.URG_CD),
    outcome: OUTCOMES[auth.AUTH_STAT_CD] ?? 'queued',
    preAuthRef: [auth.AUTH_NBR],
    careTeam: careTeam(auth),
    insurance: [{ focal: true, coverage: coverageOf(auth) }],
    item: auth.LINES.map((line) =>
      toItem(line, { auth, denialReasonSystem: options.denialReasonSystem }),
    ),
  };
  return withOptional(eob, auth, options);
}

function withOptional(
  eob: ExplanationOfBenefit,
  auth: LegacyAuth,
  options: PriorAuthOptions,
): ExplanationOfBenefit {
  const disposition = auth.DENY_RSN_TXT ?? auth.STAT_RSN_TXT;
  const supportingInfo = supportingInfoOf(auth, options);
  return {
    ...eob,
    ...(disposition === null ? {} : { disposition }),
    ...(auth.AUTH_EFF_DT === null ? {} : { preAuthRefPeriod: [authPeriod(auth)] }),
    ...(auth.DIAGS.length === 0 ? {} : { diagnosis: auth.DIAGS.map(diagnosisOf) }),
    ...(supportingInfo.length === 0 ? {} : { supportingInfo }),
  };
}

function identifier(auth: LegacyAuth, options: PriorAuthOptions) {
  return {
    type: {
      coding: [{ system: SYSTEMS.c4bbIdentifierType, code: 'uc', display: 'Unique Claim ID' }],
    },
    system: options.authNumberSystem,
    value: auth.AUTH_NBR,
  };
}

function levelOfService(urgency: string) {
  const [code, display] = urgency === 'E' ? ['U', 'Urgent'] : ['E', 'Elective'];
  return {
    url: EXTENSIONS.levelOfService,
    valueCodeableConcept: { coding: [{ system: SYSTEMS.x12LevelOfService, code, display }] },
  };
}

function priority(urgency: string) {
  const [code, display] = urgency === 'E' ? ['stat', 'Immediate'] : ['normal', 'Normal'];
  return { coding: [{ system: SYSTEMS.processPriority, code, display }] };
}

/** Inpatient stays are institutional; the other request types professional. */
function claimType(typeCode: string) {
  const [code, display] =
    typeCode === 'INP' ? ['institutional', 'Institutional'] : ['professional', 'Professional'];
  return { coding: [{ system: SYSTEMS.claimType, code, display }], text: display };
}

function servicePeriod(auth: LegacyAuth) {
  const starts = auth.LINES.map((line) => line.SVC_FROM_DT).sort();
  const ends = auth.LINES.map((line) => line.SVC_THRU_DT).sort();
  const start = starts[0];
  const end = ends[ends.length - 1];
  return start && end ? { start: dateOf(start), end: dateOf(end) } : undefined;
}

function authPeriod(auth: LegacyAuth) {
  return {
    ...(auth.AUTH_EFF_DT === null ? {} : { start: dateOf(auth.AUTH_EFF_DT) }),
    ...(auth.AUTH_EXP_DT === null ? {} : { end: dateOf(auth.AUTH_EXP_DT) }),
  };
}

function careTeam(auth: LegacyAuth): ExplanationOfBenefitCareTeam[] {
  const role = (code: string, display: string) => ({
    coding: [{ system: SYSTEMS.careTeamRole, code, display }],
  });
  return [
    {
      sequence: 1,
      provider: providerReference(auth.REQ_PRV_NPI),
      role: role('referring', 'Referring'),
    },
    {
      sequence: 2,
      provider: providerReference(auth.SVC_PRV_NPI),
      responsible: true,
      role: role('performing', 'Performing provider'),
    },
  ];
}

function coverageOf(auth: LegacyAuth): Reference<Coverage> {
  return { reference: `Coverage/${auth.MBR_ID}-${auth.ELIG_SPAN_SEQ}` };
}

function diagnosisOf(dx: LegacyAuth['DIAGS'][number]): ExplanationOfBenefitDiagnosis {
  const system = dx.DX_CD_QUAL === '9' ? SYSTEMS.icd9cm : SYSTEMS.icd10cm;
  const code = dx.DX_CD.length > 3 ? `${dx.DX_CD.slice(0, 3)}.${dx.DX_CD.slice(3)}` : dx.DX_CD;
  const type = dx.DX_SEQ === 1 ? 'principal' : 'secondary';
  return {
    sequence: dx.DX_SEQ,
    diagnosisCodeableConcept: { coding: [{ system, code, display: dx.DX_DESC }] },
    type: [{ coding: [{ system: SYSTEMS.diagnosisType, code: type }] }],
  };
}

/** Submitted documentation: one `attachment` entry per document, referenced by identifier. */
function supportingInfoOf(
  auth: LegacyAuth,
  options: PriorAuthOptions,
): ExplanationOfBenefitSupportingInfo[] {
  return auth.DOCS.map((doc: LegacyDocument, index) => ({
    sequence: index + 1,
    category: { coding: [{ system: SYSTEMS.infoCategory, code: 'attachment' }] },
    timingDate: dateOf(doc.DOC_DT),
    valueReference: {
      type: 'DocumentReference',
      identifier: { system: options.documentIdSystem, value: doc.DOC_ID },
      display: doc.DOC_TITLE,
    },
  }));
}

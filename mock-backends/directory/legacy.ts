/**
 * The legacy provider directory's record layout: upper-case column names, `Y`/`N`
 * indicators, dates as `YYYYMMDD` (open ends `99991231`), timestamps `YYYY-MM-DD-HH.MM.SS`
 * (UTC), ISO 639-2 language codes and the system's own type codes. This is what the
 * Plan-Net plugin translates; it owes nothing to FHIR.
 */
import {
  LANGUAGES,
  PLANS,
  taxonomyDisplay,
  type AffiliationRecord,
  type EndpointRecord,
  type HealthcareServiceRecord,
  type InsurancePlanRecord,
  type Location,
  type Network,
  type Organization,
  type OrgType,
  type Practitioner,
  type PractitionerRole,
  type Qualification,
} from '../synthetic/index.js';
import { OPEN_END_DATE, toLegacyDate, toLegacyTimestamp } from '../membership/legacy.js';

/** A JSON row of the directory. */
export type Row = Record<string, unknown>;

/** Organization type codes. */
export const ORG_TYPE_CODES: Readonly<Record<OrgType, string>> = {
  hospital: 'HOSP',
  clinic: 'CLIN',
  pharmacy: 'PHARM',
  lab: 'LAB',
  imaging: 'IMG',
  dental: 'DENT',
  dme: 'DME',
  payer: 'PAYER',
};

/** Accepting-new-patients codes: Y yes, N no, E existing patients only. */
export const ACCEPTING_CODES = { yes: 'Y', no: 'N', existing: 'E' } as const;
const QUALIFICATION_CODES = { degree: 'DEG', license: 'LIC', board: 'BRD' } as const;
const ACCESS_CODES: Readonly<Record<string, string>> = {
  wheelchair: 'WHLCHR',
  transit: 'TRANSIT',
  interpreter: 'INTERP',
  tty: 'TTY',
};
const AFFILIATION_CODES = { network: 'NTWK', hospital: 'HOSP', 'reference-lab': 'REFLAB' } as const;

function yn(value: boolean): 'Y' | 'N' {
  return value ? 'Y' : 'N';
}

function address(value: {
  line1: string;
  line2?: string;
  city: string;
  state: string;
  zip: string;
}): Row {
  return {
    ADDR_LN_1: value.line1,
    ADDR_LN_2: value.line2 ?? null,
    CITY_NM: value.city,
    ST_CD: value.state,
    ZIP_CD: value.zip,
  };
}

/** ISO 639-2 code of a BCP-47 language code. */
export function languageCode(code: string): string {
  return LANGUAGES[code]?.iso639_2 ?? code.toUpperCase();
}

/** A practitioner row. */
export function practitionerRow(p: Practitioner): Row {
  return {
    PRAC_ID: p.id,
    NPI: p.npi,
    LAST_NM: p.familyName,
    FIRST_NM: p.givenName,
    MID_INIT: p.middleInitial ?? null,
    CRED_TXT: p.credential,
    SEX_CD: p.sex,
    LANG_CDS: p.languages.map(languageCode),
    TAXONOMIES: p.taxonomies.map((code, i) => ({
      TAXONOMY_CD: code,
      TAXONOMY_DESC: taxonomyDisplay(code),
      PRIM_IND: yn(i === 0),
    })),
    QUALS: p.qualifications.map(qualificationRow),
    ACTIVE_IND: yn(p.active),
    LAST_UPD_TS: toLegacyTimestamp(p.updatedAt),
  };
}

function qualificationRow(q: Qualification): Row {
  return {
    QUAL_TYP_CD: QUALIFICATION_CODES[q.kind],
    QUAL_CD: q.code,
    QUAL_DESC: q.display,
    ISSUER_NM: q.issuer,
    ST_CD: q.state ?? null,
    QUAL_NBR: q.number ?? null,
    EFF_DT: toLegacyDate(q.start),
    EXP_DT: q.end ? toLegacyDate(q.end) : OPEN_END_DATE,
  };
}

/** An organization row. */
export function organizationRow(o: Organization): Row {
  return {
    ORG_ID: o.id,
    NPI: o.npi ?? null,
    TIN: o.tin,
    ORG_NM: o.name,
    ORG_TYP_CD: ORG_TYPE_CODES[o.type],
    TAXONOMY_CD: o.taxonomy ?? null,
    TAXONOMY_DESC: o.taxonomy ? taxonomyDisplay(o.taxonomy) : null,
    PARENT_ORG_ID: o.parentId ?? null,
    ...address(o.address),
    PHN_NBR: o.phone,
    FAX_NBR: o.fax ?? null,
    WEB_URL: o.website ?? null,
    ENDPT_IDS: o.endpointIds,
    ACTIVE_IND: yn(o.active),
    LAST_UPD_TS: toLegacyTimestamp(o.updatedAt),
  };
}

/** A location row. */
export function locationRow(l: Location): Row {
  return {
    LOC_ID: l.id,
    ORG_ID: l.organizationId,
    LOC_NM: l.name,
    LOC_TYP_CD: ORG_TYPE_CODES[l.type],
    ...address(l.address),
    LAT_NBR: l.latitude,
    LON_NBR: l.longitude,
    PHN_NBR: l.phone,
    FAX_NBR: l.fax ?? null,
    OPEN_24_IND: yn(l.open24h),
    HOURS: l.hours.map((h) => ({
      DAY_CD: h.day.toUpperCase(),
      OPEN_TM: h.opens.replace(':', ''),
      CLOSE_TM: h.closes.replace(':', ''),
    })),
    ACCESS_CDS: l.accessibility.map((feature) => ACCESS_CODES[feature] ?? feature.toUpperCase()),
    ENDPT_IDS: l.endpointIds,
    ACTIVE_IND: yn(l.active),
    LAST_UPD_TS: toLegacyTimestamp(l.updatedAt),
  };
}

/** A practitioner role row (practitioner NPI and organization NPI denormalized). */
export function roleRow(r: PractitionerRole, npis: { prac: string; org: string | null }): Row {
  return {
    ROLE_ID: r.id,
    PRAC_ID: r.practitionerId,
    PRAC_NPI: npis.prac,
    ORG_ID: r.organizationId,
    ORG_NPI: npis.org,
    LOC_IDS: r.locationIds,
    SVC_IDS: r.serviceIds,
    SPCLTY_TAXONOMY_CD: r.specialty,
    SPCLTY_DESC: taxonomyDisplay(r.specialty),
    PCP_IND: yn(r.pcp),
    ACCEPT_NEW_CD: ACCEPTING_CODES[r.acceptingPatients],
    NTWK_IDS: r.networkIds,
    PHN_NBR: r.phone,
    EFF_DT: toLegacyDate(r.start),
    TERM_DT: r.end ? toLegacyDate(r.end) : OPEN_END_DATE,
    ACTIVE_IND: yn(r.active),
    LAST_UPD_TS: toLegacyTimestamp(r.updatedAt),
  };
}

/** A network row. */
export function networkRow(n: Network): Row {
  return {
    NTWK_ID: n.id,
    NTWK_NM: n.name,
    NTWK_TYP_CD: n.kind,
    OWNER_ORG_ID: 'O00000',
    PLAN_IDS: n.planIds,
    SVC_AREA_ST_CDS: n.states,
    EFF_DT: toLegacyDate(n.start),
    ACTIVE_IND: 'Y',
    LAST_UPD_TS: toLegacyTimestamp(n.updatedAt),
  };
}

const LINE_CODES = { commercial: 'COM', 'medicare-advantage': 'MA', medicaid: 'MCD', qhp: 'QHP' };

/** An insurance product row, joined with its catalog plan. */
export function insurancePlanRow(p: InsurancePlanRecord): Row {
  const plan = PLANS.find((candidate) => candidate.id === p.planId);
  return {
    PLAN_ID: p.planId,
    PLAN_NM: plan?.name ?? p.planId,
    LOB_CD: plan ? LINE_CODES[plan.line] : null,
    PROD_TYP_CD: plan?.productType ?? null,
    METAL_LVL_CD: p.metalLevel?.toUpperCase() ?? null,
    CMS_CNTRCT_ID: plan?.cmsContractId ?? null,
    OWNER_ORG_ID: 'O00000',
    NTWK_IDS: p.networkIds,
    SVC_AREA_ST_CDS: p.states,
    EFF_DT: toLegacyDate(p.start),
    ACTIVE_IND: 'Y',
    LAST_UPD_TS: toLegacyTimestamp(p.updatedAt),
  };
}

/** A healthcare service row. */
export function serviceRow(s: HealthcareServiceRecord): Row {
  return {
    SVC_ID: s.id,
    ORG_ID: s.organizationId,
    LOC_IDS: s.locationIds,
    SVC_NM: s.name,
    SVC_CTGY_CD: s.category.toUpperCase(),
    SPCLTY_TAXONOMY_CDS: s.specialties,
    NTWK_IDS: s.networkIds,
    ACCEPT_NEW_CD: ACCEPTING_CODES[s.acceptingPatients],
    APPT_REQ_IND: yn(s.appointmentRequired),
    PHN_NBR: s.phone,
    CMNT_TXT: s.comment ?? null,
    ACTIVE_IND: yn(s.active),
    LAST_UPD_TS: toLegacyTimestamp(s.updatedAt),
  };
}

/** An endpoint row. */
export function endpointRow(e: EndpointRecord): Row {
  const fhir = e.kind === 'fhir-r4';
  return {
    ENDPT_ID: e.id,
    ORG_ID: e.organizationId,
    ENDPT_TYP_CD: fhir ? 'FHIR_R4' : 'DIRECT',
    ENDPT_NM: e.name,
    ENDPT_ADDR: e.address,
    PAYLOAD_MIME_TYP: fhir ? 'application/fhir+json' : 'application/pdf',
    STAT_CD: e.active ? 'A' : 'I',
    LAST_UPD_TS: toLegacyTimestamp(e.updatedAt),
  };
}

/** An organization affiliation row. */
export function affiliationRow(a: AffiliationRecord): Row {
  return {
    AFFIL_ID: a.id,
    ORG_ID: a.organizationId,
    PARTIC_ORG_ID: a.participatingOrganizationId,
    AFFIL_ROLE_CD: AFFILIATION_CODES[a.role],
    NTWK_IDS: a.networkIds,
    LOC_IDS: a.locationIds,
    SVC_IDS: a.serviceIds,
    SPCLTY_TAXONOMY_CDS: a.specialties,
    EFF_DT: toLegacyDate(a.start),
    TERM_DT: a.end ? toLegacyDate(a.end) : OPEN_END_DATE,
    ACTIVE_IND: yn(a.active),
    LAST_UPD_TS: toLegacyTimestamp(a.updatedAt),
  };
}

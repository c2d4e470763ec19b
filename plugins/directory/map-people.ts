/**
 * Practitioners and their roles as Plan-Net 1.1.0 Practitioner and PractitionerRole
 * (Plan-Net IG §plannet-Practitioner, §plannet-PractitionerRole): NPI identifier, name,
 * qualifications with the practitioner-qualification extension, and per role the
 * network-reference and new-patients extensions, specialty, locations and services.
 * A Practitioner is also a CARIN BB 2.1.0 C4BB-Practitioner: meta.lastUpdated and
 * meta.profile, and an identifier typed v2-0203 `NPI` (its Practitioner-identifier invariant
 * asks for an identifier typed NPI or TAX).
 */
import type {
  Extension,
  Practitioner,
  PractitionerQualification,
  PractitionerRole,
} from '@medplum/fhirtypes';
import type { Row } from './backend.js';
import { list, practitionerFhirId, PREFIX, str } from './ids.js';
import {
  compact,
  metaOf,
  newPatients,
  NPI_SYSTEM,
  NPI_TYPE,
  NUCC,
  periodOf,
  planNetConcept,
  planNetSd,
  taxonomyConcept,
  telecomOf,
} from './legacy-values.js';
import { C4BB_PRACTITIONER, PLANNET_PRACTITIONER, PLANNET_PRACTITIONER_ROLE } from './profiles.js';

/** ISO 639-2 codes the backend uses -> BCP-47 (the languages the directory knows). */
const LANGUAGES: Readonly<Record<string, [string, string]>> = {
  ENG: ['en', 'English'],
  SPA: ['es', 'Spanish'],
  CHI: ['zh', 'Chinese'],
  VIE: ['vi', 'Vietnamese'],
  KOR: ['ko', 'Korean'],
  TGL: ['tl', 'Tagalog'],
  RUS: ['ru', 'Russian'],
  ARA: ['ar', 'Arabic'],
};
const GENDERS: Readonly<Record<string, 'male' | 'female' | 'other' | 'unknown'>> = {
  M: 'male',
  F: 'female',
};
const DEGREE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0360';

/** A practitioner row as a Plan-Net and C4BB Practitioner (`npi-<NPI>`). */
export function toPractitioner(row: Row): Practitioner {
  const middle = str(row.MID_INIT);
  return compact<Practitioner>({
    resourceType: 'Practitioner',
    id: practitionerFhirId(str(row.NPI)),
    meta: metaOf([PLANNET_PRACTITIONER, C4BB_PRACTITIONER], row),
    identifier: [{ use: 'official', type: NPI_TYPE, system: NPI_SYSTEM, value: str(row.NPI) }],
    active: row.ACTIVE_IND === 'Y',
    name: [
      {
        use: 'official',
        family: str(row.LAST_NM),
        given: middle ? [str(row.FIRST_NM), middle] : [str(row.FIRST_NM)],
        ...(str(row.CRED_TXT) ? { suffix: [str(row.CRED_TXT)] } : {}),
      },
    ],
    gender: GENDERS[str(row.SEX_CD)] ?? 'unknown',
    communication: list(row.LANG_CDS).map(communication),
    qualification: (Array.isArray(row.QUALS) ? (row.QUALS as Row[]) : []).map(qualification),
  });
}

function communication(code: string) {
  const known = LANGUAGES[code];
  if (!known) return { text: code };
  return { coding: [{ system: 'urn:ietf:bcp:47', code: known[0], display: known[1] }] };
}

function qualification(row: Row): PractitionerQualification {
  const board = row.QUAL_TYP_CD === 'BRD';
  const system = board ? NUCC : DEGREE_SYSTEM;
  const number = str(row.QUAL_NBR);
  return {
    extension: [qualificationStatus(row)],
    ...(number ? { identifier: [{ value: number }] } : {}),
    code: { coding: [{ system, code: str(row.QUAL_CD) }], text: str(row.QUAL_DESC) },
    period: periodOf(row.EFF_DT, row.EXP_DT),
    issuer: { display: str(row.ISSUER_NM) },
  };
}

/** Plan-Net practitioner-qualification: status, and where a license is valid. */
function qualificationStatus(row: Row): Extension {
  const end = periodOf(row.EFF_DT, row.EXP_DT).end;
  const active = end === undefined || end >= new Date().toISOString().slice(0, 10);
  const extension: Extension[] = [{ url: 'status', valueCode: active ? 'active' : 'inactive' }];
  const state = str(row.ST_CD);
  if (state) {
    const where = { coding: [{ system: 'https://www.usps.com/', code: state }] };
    extension.push({ url: 'whereValid', valueCodeableConcept: where });
  }
  return { url: planNetSd('practitioner-qualification'), extension };
}

/** A role row as a Plan-Net PractitionerRole (`role-<id>`). */
export function toPractitionerRole(row: Row): PractitionerRole {
  const networks = list(row.NTWK_IDS).map((id) => `Organization/${PREFIX.network}${id}`);
  const orgNpi = str(row.ORG_NPI);
  const organization = orgNpi
    ? `Organization/${PREFIX.npi}${orgNpi}`
    : `Organization/${PREFIX.organization}${str(row.ORG_ID)}`;
  return compact<PractitionerRole>({
    resourceType: 'PractitionerRole',
    id: `${PREFIX.role}${str(row.ROLE_ID)}`,
    meta: metaOf(PLANNET_PRACTITIONER_ROLE, row),
    extension: [
      ...networks.map((reference) => ({
        url: planNetSd('network-reference'),
        valueReference: { reference },
      })),
      newPatients(str(row.ACCEPT_NEW_CD)),
    ],
    active: row.ACTIVE_IND === 'Y',
    period: periodOf(row.EFF_DT, row.TERM_DT),
    practitioner: { reference: `Practitioner/${practitionerFhirId(str(row.PRAC_NPI))}` },
    organization: { reference: organization },
    code: [planNetConcept('ProviderRoleCS', row.PCP_IND === 'Y' ? 'pcp' : 'ph')],
    specialty: [taxonomyConcept(str(row.SPCLTY_TAXONOMY_CD), str(row.SPCLTY_DESC))],
    location: list(row.LOC_IDS).map((id) => ({ reference: `Location/${PREFIX.location}${id}` })),
    healthcareService: list(row.SVC_IDS).map((id) => ({
      reference: `HealthcareService/${PREFIX.service}${id}`,
    })),
    telecom: telecomOf(row),
  });
}

/**
 * Legacy member record -> US Core 6.1.0 Patient that is also a CARIN BB 2.1.0 C4BB-Patient.
 * US Core requires identifier (system and value), name and gender; it marks race, ethnicity,
 * birth date, address, telecom and communication.language must-support, all of which the
 * membership system holds. C4BB-Patient adds meta.lastUpdated (1..1), meta.profile (1..*)
 * and the `memberid` identifier slice (1..*, type v2-0203 `MB`), here the member id.
 *
 * Known gaps: the C4BB `uniquememberid` slice (type C4BBIdentifierType `um`, 0..*) is left
 * out because the membership system keeps no mastered person id apart from the member id,
 * and deceased[x] (must-support) because it records no deaths.
 */
import type { Address, ContactPoint, Extension, Patient } from '@medplum/fhirtypes';
import { dateOf, instantOf, phoneOf, type LegacyMember } from './legacy-api.js';
import {
  C4BB_PATIENT,
  MEMBER_NUMBER_TYPE,
  SYSTEMS,
  US_CORE_ETHNICITY,
  US_CORE_PATIENT,
  US_CORE_RACE,
} from './profiles.js';

/** OMB race and ethnicity categories by CDC code (US Core race/ethnicity `ombCategory`). */
const OMB_CATEGORIES: Readonly<Record<string, string>> = {
  '1002-5': 'American Indian or Alaska Native',
  '2028-9': 'Asian',
  '2054-5': 'Black or African American',
  '2076-8': 'Native Hawaiian or Other Pacific Islander',
  '2106-3': 'White',
  '2135-2': 'Hispanic or Latino',
  '2186-5': 'Not Hispanic or Latino',
};
const NULL_FLAVORS: Readonly<Record<string, string>> = {
  ASKU: 'Asked but no answer',
  UNK: 'Unknown',
};
/** ISO 639-2 (legacy) to BCP 47 language tags, with display names. */
const LANGUAGES: Readonly<Record<string, readonly [string, string]>> = {
  ENG: ['en', 'English'],
  SPA: ['es', 'Spanish'],
  CHI: ['zh', 'Chinese'],
  VIE: ['vi', 'Vietnamese'],
  KOR: ['ko', 'Korean'],
  TGL: ['tl', 'Tagalog'],
  RUS: ['ru', 'Russian'],
  ARA: ['ar', 'Arabic'],
};
const GENDERS: Readonly<Record<string, Patient['gender']>> = {
  M: 'male',
  F: 'female',
  U: 'unknown',
};

/** Maps a member to a US Core and C4BB Patient whose id is the member id. */
export function toPatient(member: LegacyMember, memberIdSystem: string): Patient {
  const extension = [
    demographic(US_CORE_RACE, member.RACE_CD),
    demographic(US_CORE_ETHNICITY, member.ETHN_CD),
  ];
  const patient: Patient = {
    resourceType: 'Patient',
    id: member.MBR_ID,
    meta: {
      lastUpdated: instantOf(member.LAST_UPD_TS),
      profile: [US_CORE_PATIENT, C4BB_PATIENT],
    },
    extension: extension.filter((item): item is Extension => item !== undefined),
    identifier: [
      { use: 'usual', type: MEMBER_NUMBER_TYPE, system: memberIdSystem, value: member.MBR_ID },
    ],
    name: [{ use: 'official', family: member.LAST_NM, given: givenNames(member) }],
    telecom: telecom(member),
    gender: GENDERS[member.SEX_CD] ?? 'unknown',
    birthDate: dateOf(member.BIRTH_DT),
    address: [address(member)],
    communication: communication(member.LANG_CD),
  };
  return prune(patient);
}

function givenNames(member: LegacyMember): string[] {
  return member.MID_INIT ? [member.FIRST_NM, member.MID_INIT] : [member.FIRST_NM];
}

/** A race or ethnicity extension: OMB category when known, the text always (1..1). */
function demographic(url: string, code: string | null | undefined): Extension | undefined {
  if (!code) return undefined;
  const omb = OMB_CATEGORIES[code];
  const nullFlavor = NULL_FLAVORS[code];
  const text = omb ?? nullFlavor ?? code;
  const coding = omb
    ? { system: SYSTEMS.cdcRaceEthnicity, code, display: omb }
    : nullFlavor
      ? { system: SYSTEMS.nullFlavor, code, display: nullFlavor }
      : undefined;
  const parts: Extension[] = coding ? [{ url: 'ombCategory', valueCoding: coding }] : [];
  return { url, extension: [...parts, { url: 'text', valueString: text }] };
}

function telecom(member: LegacyMember): ContactPoint[] {
  const points: ContactPoint[] = [];
  if (member.HOME_PHN_NBR) {
    points.push({ system: 'phone', value: phoneOf(member.HOME_PHN_NBR), use: 'home' });
  }
  if (member.CELL_PHN_NBR) {
    points.push({ system: 'phone', value: phoneOf(member.CELL_PHN_NBR), use: 'mobile' });
  }
  if (member.EMAIL_ADDR) points.push({ system: 'email', value: member.EMAIL_ADDR, use: 'home' });
  return points;
}

function address(member: LegacyMember): Address {
  const line = member.ADDR_LN_2 ? [member.ADDR_LN_1, member.ADDR_LN_2] : [member.ADDR_LN_1];
  return {
    use: 'home',
    type: 'both',
    line,
    city: member.CITY_NM,
    state: member.ST_CD,
    postalCode: member.ZIP_CD,
    country: 'US',
  };
}

function communication(code: string | null | undefined): Patient['communication'] {
  const language = code ? LANGUAGES[code] : undefined;
  if (!language) return [];
  const [tag, display] = language;
  return [
    {
      language: { coding: [{ system: SYSTEMS.bcp47, code: tag, display }], text: display },
      preferred: true,
    },
  ];
}

/** Drops empty arrays: FHIR forbids them. */
function prune<T extends object>(resource: T): T {
  const entries = Object.entries(resource).filter(
    ([, value]) => !(Array.isArray(value) && value.length === 0),
  );
  return Object.fromEntries(entries) as T;
}

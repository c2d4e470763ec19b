/**
 * The legacy membership system's record layout: upper-case column names, dates as
 * `YYYYMMDD`, open-ended spans ending `99991231`, timestamps as `YYYY-MM-DD-HH.MM.SS`
 * (DB2 style), X12 relationship codes and ISO 639-2 language codes. This is the shape the
 * plugin has to translate; it deliberately owes nothing to FHIR.
 */
import type { CoveragePeriod, MemberRecord, Relationship } from '../synthetic/index.js';

/** A row of the member table (`MBR`), as the API returns it. */
export interface MemberRow {
  MBR_ID: string;
  SUB_ID: string;
  SUBSCR_MBR_ID: string;
  PERS_NBR: string;
  REL_CD: string;
  LAST_NM: string;
  FIRST_NM: string;
  MID_INIT: string | null;
  SEX_CD: string;
  BIRTH_DT: string;
  ADDR_LN_1: string;
  ADDR_LN_2: string | null;
  CITY_NM: string;
  ST_CD: string;
  ZIP_CD: string;
  HOME_PHN_NBR: string;
  CELL_PHN_NBR: string | null;
  EMAIL_ADDR: string | null;
  RACE_CD: string;
  ETHN_CD: string;
  LANG_CD: string;
  PLAN_ID: string;
  GRP_ID: string;
  LAST_UPD_TS: string;
}

/** A row of the eligibility span table (`ELIG_SPAN`), keyed by member sequence. */
export interface SpanRow {
  SPAN_SEQ: number;
  PLAN_ID: string;
  GRP_ID: string;
  EFF_DT: string;
  TERM_DT: string;
  TERM_RSN_CD: string | null;
  ELIG_STAT_CD: 'A' | 'T';
  LAST_UPD_TS: string;
}

/** An eligibility span joined with the member keys the API returns beside it. */
export interface EligibilityRow extends SpanRow {
  MBR_ID: string;
  SUB_ID: string;
  SUBSCR_MBR_ID: string;
  PERS_NBR: string;
  REL_CD: string;
}

/** X12 individual relationship codes (2000 loop INS02): 18 self, 01 spouse, 19 child. */
export const RELATIONSHIP_CODES: Readonly<Record<Relationship, string>> = {
  self: '18',
  spouse: '01',
  child: '19',
};

/** The open-ended span end date legacy systems use instead of null. */
export const OPEN_END_DATE = '99991231';

/** `YYYY-MM-DD` to `YYYYMMDD`. */
export function toLegacyDate(isoDate: string): string {
  return isoDate.replaceAll('-', '');
}

/** ISO instant (`...Z`) to `YYYY-MM-DD-HH.MM.SS` (UTC); sorts like the ISO form. */
export function toLegacyTimestamp(instant: string): string {
  return `${instant.slice(0, 10)}-${instant.slice(11, 19).replaceAll(':', '.')}`;
}

/** The member table row of a synthetic member. */
export function memberRow(member: MemberRecord): MemberRow {
  return {
    MBR_ID: member.memberId,
    SUB_ID: member.subscriberId,
    SUBSCR_MBR_ID: member.subscriberMemberId,
    PERS_NBR: member.personNumber,
    REL_CD: RELATIONSHIP_CODES[member.relationship],
    LAST_NM: member.familyName,
    FIRST_NM: member.givenName,
    MID_INIT: member.middleInitial ?? null,
    SEX_CD: member.sex,
    BIRTH_DT: toLegacyDate(member.birthDate),
    ADDR_LN_1: member.address.line1,
    ADDR_LN_2: member.address.line2 ?? null,
    CITY_NM: member.address.city,
    ST_CD: member.address.state,
    ZIP_CD: member.address.zip,
    HOME_PHN_NBR: member.homePhone,
    CELL_PHN_NBR: member.mobilePhone ?? null,
    EMAIL_ADDR: member.email ?? null,
    RACE_CD: member.race.code,
    ETHN_CD: member.ethnicity.code,
    LANG_CD: member.language.iso639_2,
    PLAN_ID: member.planId,
    GRP_ID: member.groupId,
    LAST_UPD_TS: toLegacyTimestamp(member.updatedAt),
  };
}

/** The eligibility span row of one coverage period. */
export function spanRow(period: CoveragePeriod): SpanRow {
  return {
    SPAN_SEQ: period.seq,
    PLAN_ID: period.planId,
    GRP_ID: period.groupId,
    EFF_DT: toLegacyDate(period.start),
    TERM_DT: period.end ? toLegacyDate(period.end) : OPEN_END_DATE,
    TERM_RSN_CD: period.termReason ?? null,
    ELIG_STAT_CD: period.end ? 'T' : 'A',
    LAST_UPD_TS: toLegacyTimestamp(period.updatedAt),
  };
}

/**
 * Observations to US Core 6.1.0: laboratory results (Observation Lab: LOINC code, quantity
 * in UCUM or a SNOMED CT coded result, else a data absent reason; reference range and
 * interpretation), vital signs (the profile of each vital sign and US Core Vital Signs, UCUM
 * quantities; a blood pressure is one Observation with systolic and diastolic components,
 * built from the pair of legacy readings sharing a group) and social history (Smoking
 * Status, Sexual Orientation, and SDOH answers as Screening Assessment observations).
 */
import type { CodeableConcept, Observation, Quantity } from '@medplum/fhirtypes';
import { BadGatewayError } from '../sdk/errors.js';
import { fhirInstant, num, optNum, optText, text, type Row } from './legacy-api.js';
import { concept, fhirId, localRef, mapped, metaOf, patientRef } from './map-common.js';
import { PROFILES, SYSTEMS } from './profiles.js';

/** US Core category code system for screening assessments (`sdoh`...). */
const US_CORE_CATEGORY = 'http://hl7.org/fhir/us/core/CodeSystem/us-core-category';

/** The observation-category codes, by legacy source. */
export const CATEGORY = {
  laboratory: concept(SYSTEMS.observationCategory, 'laboratory', 'Laboratory'),
  vitalSigns: concept(SYSTEMS.observationCategory, 'vital-signs', 'Vital Signs'),
  socialHistory: concept(SYSTEMS.observationCategory, 'social-history', 'Social History'),
  survey: concept(SYSTEMS.observationCategory, 'survey', 'Survey'),
  sdoh: concept(US_CORE_CATEGORY, 'sdoh', 'SDOH'),
} as const;

const RESULT_STATUS = { F: 'final', C: 'corrected' } as const;

/** A LAB_RESULT row as a US Core Laboratory Result Observation. */
export function toLabObservation(row: Row): Observation {
  const low = optNum(row, 'REF_LOW');
  const high = optNum(row, 'REF_HIGH');
  const unit = optText(row, 'UNIT_CD');
  const range = [
    {
      ...(low === undefined ? {} : { low: quantity(low, unit) }),
      ...(high === undefined ? {} : { high: quantity(high, unit) }),
    },
  ];
  return {
    ...base(row, 'RSLT_ID', PROFILES.lab, [CATEGORY.laboratory]),
    status: mapped(RESULT_STATUS, row, 'RSLT_STAT_CD'),
    code: concept(SYSTEMS.loinc, text(row, 'LOINC_CD'), text(row, 'TEST_DESC')),
    effectiveDateTime: fhirInstant(text(row, 'COLL_TS')),
    issued: fhirInstant(text(row, 'RSLT_TS')),
    ...labValue(row, unit),
    interpretation: [concept(SYSTEMS.interpretation, text(row, 'ABN_FLAG_CD'))],
    ...(low === undefined && high === undefined ? {} : { referenceRange: range }),
    ...encounterOf(row),
    subject: patientRef(row),
  };
}

function labValue(row: Row, unit: string | undefined): Partial<Observation> {
  const value = optNum(row, 'RSLT_NUM');
  if (value !== undefined) return { valueQuantity: quantity(value, unit) };
  const code = optText(row, 'RSLT_CD');
  if (code) {
    return { valueCodeableConcept: concept(SYSTEMS.snomed, code, optText(row, 'RSLT_CD_DESC')) };
  }
  return { dataAbsentReason: absent() };
}

function absent(): CodeableConcept {
  const system = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
  return concept(system, 'unknown', 'Unknown');
}

/** A UCUM quantity (a unit outside UCUM annotations is still written as its code). */
function quantity(value: number, unit: string | undefined): Quantity {
  if (!unit) return { value };
  return { value, unit, system: SYSTEMS.ucum, code: unit };
}

function base(
  row: Row,
  idColumn: string,
  profile: string,
  category: CodeableConcept[],
): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: {},
    id: fhirId('Observation', text(row, idColumn)),
    meta: metaOf(row, profile),
    category,
  };
}

function encounterOf(row: Row): Partial<Observation> {
  const id = optText(row, 'ENC_ID');
  return id ? { encounter: localRef('Encounter', id) } : {};
}

/** Profile of each legacy vital sign kind (BP_DIA is folded into BP_SYS). */
export const VITAL_PROFILES: Readonly<Record<string, string>> = {
  BP_SYS: PROFILES.bloodPressure,
  HR: PROFILES.heartRate,
  RR: PROFILES.respiratoryRate,
  TEMP: PROFILES.temperature,
  SPO2: PROFILES.pulseOximetry,
  HT: PROFILES.height,
  WT: PROFILES.weight,
  BMI: PROFILES.bmi,
  HC: PROFILES.headCircumference,
  BMI_PCTL: PROFILES.bmiForAge,
  WFL_PCTL: PROFILES.weightForLength,
  HC_PCTL: PROFILES.headPercentile,
};

/** Blood pressure panel, systolic and diastolic LOINC codes. */
export const BP_LOINC = { panel: '85354-9', systolic: '8480-6', diastolic: '8462-4' } as const;
/** Oxygen saturation code US Core asks for beside the pulse oximetry one. */
export const O2_SAT_LOINC = '2708-6';

/**
 * A VITAL_SIGN row as the US Core vital sign profile of its kind, which also conforms to the
 * US Core Vital Signs profile every one of them derives from (both are in meta.profile). A
 * systolic reading needs its diastolic partner (same group) and becomes the blood pressure
 * panel.
 */
export function toVitalObservation(row: Row, diastolic?: Row): Observation {
  const kind = text(row, 'VTL_TYP_CD');
  const profile = VITAL_PROFILES[kind];
  if (!profile) {
    throw new BadGatewayError('The clinical system sent an unknown vital sign', { detail: kind });
  }
  const common = {
    ...base(row, 'VTL_ID', profile, [CATEGORY.vitalSigns]),
    meta: metaOf(row, profile, PROFILES.vitalSigns),
    subject: patientRef(row),
    effectiveDateTime: fhirInstant(text(row, 'MEAS_TS')),
    ...encounterOf(row),
  };
  if (kind === 'BP_SYS') return { ...common, ...bloodPressure(row, diastolic) };
  return { ...common, code: vitalCode(row, kind), valueQuantity: vitalQuantity(row) };
}

function vitalCode(row: Row, kind: string): CodeableConcept {
  const code = concept(SYSTEMS.loinc, text(row, 'LOINC_CD'), text(row, 'VTL_DESC'));
  if (kind !== 'SPO2') return code;
  const o2 = {
    system: SYSTEMS.loinc,
    code: O2_SAT_LOINC,
    display: 'Oxygen saturation in Arterial blood',
  };
  return { ...code, coding: [...(code.coding ?? []), o2] };
}

function vitalQuantity(row: Row): Quantity {
  return quantity(num(row, 'VTL_VAL'), text(row, 'UNIT_CD'));
}

function bloodPressure(systolic: Row, diastolic: Row | undefined): Partial<Observation> {
  const component = (loinc: string, display: string, row: Row | undefined) => ({
    code: concept(SYSTEMS.loinc, loinc, display),
    ...(row ? { valueQuantity: vitalQuantity(row) } : { dataAbsentReason: absent() }),
  });
  return {
    code: concept(SYSTEMS.loinc, BP_LOINC.panel, 'Blood pressure panel with all children optional'),
    component: [
      component(BP_LOINC.systolic, 'Systolic blood pressure', systolic),
      component(BP_LOINC.diastolic, 'Diastolic blood pressure', diastolic),
    ],
  };
}

const ANSWER_SYSTEM = {
  SCT: SYSTEMS.snomed,
  LN: SYSTEMS.loinc,
  NF: SYSTEMS.nullFlavor,
} as const;

/** A SOCIAL_HX row: smoking status, sexual orientation, or an SDOH screening answer. */
export function toSocialObservation(row: Row): Observation {
  const kind = text(row, 'OBS_TYP_CD');
  const [profile, category] = socialKind(kind);
  return {
    ...base(row, 'SOC_ID', profile, category),
    status: 'final',
    code: concept(SYSTEMS.loinc, text(row, 'LOINC_CD'), text(row, 'OBS_DESC')),
    subject: patientRef(row),
    effectiveDateTime: fhirInstant(text(row, 'OBS_TS')),
    ...(kind === 'SMOKING' ? { issued: fhirInstant(text(row, 'OBS_TS')) } : {}),
    valueCodeableConcept: concept(
      mapped(ANSWER_SYSTEM, row, 'ANS_SYS_CD'),
      text(row, 'ANS_CD'),
      text(row, 'ANS_DESC'),
    ),
    ...encounterOf(row),
  };
}

function socialKind(kind: string): [string, CodeableConcept[]] {
  if (kind === 'SMOKING') return [PROFILES.smoking, [CATEGORY.socialHistory]];
  if (kind === 'SEX_ORIENT') return [PROFILES.sexualOrientation, [CATEGORY.socialHistory]];
  if (kind === 'SDOH') return [PROFILES.screening, [CATEGORY.survey, CATEGORY.sdoh]];
  throw new BadGatewayError('The clinical system sent an unknown observation kind', {
    detail: kind,
  });
}

/**
 * Medication orders and immunizations to US Core 6.1.0: MedicationRequest (status, intent
 * `order`, community category, reported flag, RxNorm medication, subject, encounter,
 * authoredOn, requester, reason, dosage with structured timing, dispense request) and
 * Immunization (status and reason not given, CVX vaccine code, patient, occurrence, primary
 * source, lot, manufacturer by MVX, site, route, dose number, performer).
 */
import type { Dosage, Immunization, MedicationRequest, Timing } from '@medplum/fhirtypes';
import { fhirDate, num, optNum, optText, text, type Row } from './legacy-api.js';
import {
  concept,
  fhirId,
  localRef,
  mapped,
  metaOf,
  patientRef,
  practitionerRef,
} from './map-common.js';
import { PROFILES, SYSTEMS } from './profiles.js';

/** Legacy order status to MedicationRequest.status. */
export const ORDER_STATUS = { A: 'active', C: 'completed', D: 'stopped' } as const;

const ROUTES: Readonly<Record<string, readonly [string, string]>> = {
  PO: ['26643006', 'Oral route'],
  INH: ['447694001', 'Respiratory tract route'],
  NAS: ['46713006', 'Nasal route'],
  SC: ['34206005', 'Subcutaneous route'],
  IM: ['78421000', 'Intramuscular route'],
  TOP: ['6064005', 'Topical route'],
  SL: ['37839007', 'Sublingual route'],
  OPH: ['54485002', 'Ophthalmic route'],
};

const PER_DAY: Readonly<Record<string, Timing['repeat']>> = {
  QD: { frequency: 1, period: 1, periodUnit: 'd' },
  BID: { frequency: 2, period: 1, periodUnit: 'd' },
  TID: { frequency: 3, period: 1, periodUnit: 'd' },
  QID: { frequency: 4, period: 1, periodUnit: 'd' },
  QW: { frequency: 1, period: 1, periodUnit: 'wk' },
};

/** A MED_ORDER row as a US Core MedicationRequest. */
export function toMedicationRequest(row: Row): MedicationRequest {
  const encounterId = optText(row, 'ENC_ID');
  const reasonId = optText(row, 'RSN_PRB_ID');
  return {
    resourceType: 'MedicationRequest',
    id: fhirId('MedicationRequest', text(row, 'ORD_ID')),
    meta: metaOf(row, PROFILES.medicationRequest),
    status: mapped(ORDER_STATUS, row, 'ORD_STAT_CD'),
    intent: 'order',
    category: [concept(SYSTEMS.medicationRequestCategory, 'community', 'Community')],
    reportedBoolean: false,
    medicationCodeableConcept: concept(SYSTEMS.rxnorm, text(row, 'RXCUI'), text(row, 'DRUG_NM')),
    subject: patientRef(row),
    ...(encounterId ? { encounter: localRef('Encounter', encounterId) } : {}),
    authoredOn: fhirDate(text(row, 'ORD_DT')),
    requester: practitionerRef(text(row, 'PRSCR_NPI')),
    ...reasons(row, reasonId),
    dosageInstruction: [dosage(row)],
    dispenseRequest: dispenseRequest(row),
  };
}

function reasons(row: Row, reasonId: string | undefined): Partial<MedicationRequest> {
  const icd10 = optText(row, 'RSN_ICD10_CD');
  return {
    ...(icd10 ? { reasonCode: [concept(SYSTEMS.icd10cm, icd10)] } : {}),
    ...(reasonId ? { reasonReference: [localRef('Condition', reasonId)] } : {}),
  };
}

function dosage(row: Row): Dosage {
  const frequency = text(row, 'FREQ_CD');
  const repeat = PER_DAY[frequency];
  const route = ROUTES[text(row, 'ROUTE_CD')];
  return {
    text: text(row, 'SIG_TXT'),
    ...(repeat ? { timing: { repeat } } : {}),
    ...(frequency === 'PRN' ? { asNeededBoolean: true } : {}),
    ...(route ? { route: concept(SYSTEMS.snomed, route[0], route[1]) } : {}),
    doseAndRate: [
      {
        doseQuantity: { value: num(row, 'DOSE_QTY'), unit: text(row, 'DOSE_UNIT') },
      },
    ],
  };
}

function dispenseRequest(row: Row): MedicationRequest['dispenseRequest'] {
  const end = optText(row, 'END_DT');
  return {
    validityPeriod: {
      start: fhirDate(text(row, 'START_DT')),
      ...(end ? { end: fhirDate(end) } : {}),
    },
    numberOfRepeatsAllowed: optNum(row, 'REFILL_CNT') ?? 0,
    quantity: { value: num(row, 'DISP_QTY') },
    expectedSupplyDuration: {
      value: num(row, 'DAYS_SUPPLY'),
      unit: 'days',
      system: SYSTEMS.ucum,
      code: 'd',
    },
  };
}

/** Legacy immunization status to Immunization.status. */
export const IMMUNIZATION_STATUS = { CP: 'completed', NA: 'not-done' } as const;

const NOT_GIVEN: Readonly<Record<string, string>> = {
  PATOBJ: 'patient objection',
  MEDPREC: 'medical precaution',
  OSTOCK: 'product out of stock',
};

const VACCINE_ROUTES: Readonly<Record<string, string>> = {
  IM: 'Injection, intramuscular',
  SC: 'Injection, subcutaneous',
  PO: 'Swallow, oral',
};

/** An IMMUNIZATION row as a US Core Immunization. */
export function toImmunization(row: Row): Immunization {
  const status = mapped(IMMUNIZATION_STATUS, row, 'IMM_STAT_CD');
  const encounterId = optText(row, 'ENC_ID');
  return {
    resourceType: 'Immunization',
    id: fhirId('Immunization', text(row, 'IMM_ID')),
    meta: metaOf(row, PROFILES.immunization),
    status,
    ...notGiven(row),
    vaccineCode: concept(SYSTEMS.cvx, text(row, 'CVX_CD'), text(row, 'VACC_DESC')),
    patient: patientRef(row),
    ...(encounterId ? { encounter: localRef('Encounter', encounterId) } : {}),
    occurrenceDateTime: fhirDate(text(row, 'ADMIN_DT')),
    primarySource: text(row, 'PRIM_SRC_IND') === 'Y',
    ...administration(row),
    ...performer(row),
    ...doseNumber(row),
  };
}

function notGiven(row: Row): Partial<Immunization> {
  const reason = optText(row, 'NOT_GIVEN_RSN_CD');
  if (!reason) return {};
  return { statusReason: concept(SYSTEMS.reasonNotDone, reason, NOT_GIVEN[reason]) };
}

function administration(row: Row): Partial<Immunization> {
  const lot = optText(row, 'LOT_NBR');
  const mvx = optText(row, 'MVX_CD');
  const expiry = optText(row, 'EXP_DT');
  const site = optText(row, 'SITE_CD');
  const route = text(row, 'ROUTE_CD');
  return {
    ...(mvx ? { manufacturer: { identifier: { system: SYSTEMS.mvx, value: mvx } } } : {}),
    ...(lot ? { lotNumber: lot } : {}),
    ...(expiry ? { expirationDate: fhirDate(expiry) } : {}),
    ...(site ? { site: concept(SYSTEMS.actSite, site) } : {}),
    route: concept(SYSTEMS.routeOfAdministration, route, VACCINE_ROUTES[route]),
  };
}

function performer(row: Row): Partial<Immunization> {
  const npi = optText(row, 'PERF_NPI');
  return npi ? { performer: [{ actor: practitionerRef(npi) }] } : {};
}

function doseNumber(row: Row): Partial<Immunization> {
  const dose = optNum(row, 'DOSE_NBR');
  return dose === undefined ? {} : { protocolApplied: [{ doseNumberPositiveInt: dose }] };
}

/**
 * Turns each planned visit into an encounter and what was recorded during it: vital signs,
 * lab results, procedures (with implants), encounter diagnoses, short medication courses,
 * social history and a clinical note.
 */
import {
  ageOn,
  exactAge,
  isoDate,
  nextId,
  updatedAfter,
  visitInstant,
  type Chart,
} from './clinical-chart.js';
import { IMPLANTS, PROCEDURES, wellVisitCpt } from './clinical-care.js';
import { addNote } from './clinical-notes.js';
import { addLabPanel, addSocialHistory, addVitals } from './clinical-observations.js';
import { addAcuteOrder } from './clinical-meds.js';
import { clinician, hospital } from './clinical-staff.js';
import type { EncounterRecord } from './clinical-types.js';
import type { PlannedVisit } from './clinical-visits.js';
import { instantAt } from './dates.js';

/** An encounter being filled in. */
export interface VisitContext {
  readonly visit: PlannedVisit;
  readonly encounter: EncounterRecord;
  readonly attenderNpi: string;
  /** Acute encounter diagnosis written for the visit. */
  readonly diagnosisId?: string;
}

/** Writes one visit and everything recorded at it. */
export function recordVisit(chart: Chart, visit: PlannedVisit): void {
  const attender = attenderOf(chart, visit);
  const encounterId = nextId(chart, 'ENC');
  const diagnosisId = visit.acute ? addDiagnosis(chart, visit, encounterId, attender) : undefined;
  const encounter = encounterOf(chart, visit, encounterId, attender, diagnosisId);
  chart.record.encounters.push(encounter);
  const ctx: VisitContext = { visit, encounter, attenderNpi: attender, diagnosisId };
  if (encounter.patientClass !== 'V') addVitals(chart, ctx);
  for (const panel of labPanels(chart, visit)) addLabPanel(chart, ctx, panel);
  for (const key of visit.procedures) addProcedure(chart, ctx, key);
  if (visit.acute && visit.acute.drugs.length > 0) addAcuteOrder(chart, ctx);
  if (visit.purpose === 'well') addSocialHistory(chart, ctx);
  addNote(chart, ctx);
}

function attenderOf(chart: Chart, visit: PlannedVisit): string {
  const slot = chart.rng.int(0, 999);
  if (visit.specialty) {
    const npi = clinician(visit.specialty, slot, chart.seed).npi;
    chart.specialists.set(npi, visit.specialty);
    return npi;
  }
  if (visit.kind.patientClass === 'E') return clinician('EM', slot, chart.seed).npi;
  if (visit.kind.patientClass === 'I') {
    return clinician(visit.acute?.procedure ? 'SURG' : 'HOSP', slot, chart.seed).npi;
  }
  return chart.pcp.npi;
}

function encounterOf(
  chart: Chart,
  visit: PlannedVisit,
  id: string,
  attenderNpi: string,
  diagnosisId?: string,
): EncounterRecord {
  const cls = visit.kind.patientClass;
  const start =
    cls === 'E' ? visitInstant(chart, visit.day, 0, 24) : visitInstant(chart, visit.day);
  const facility =
    cls === 'E' || cls === 'I' ? hospital(chart.rng.int(0, 4), chart.seed) : chart.clinic;
  const reason = reasonOf(chart, visit, diagnosisId);
  return {
    id,
    memberId: chart.member.memberId,
    kind: visit.kind.code,
    cpt: visit.purpose === 'well' ? wellVisitCpt(ageOn(chart, visit.day)) : visit.kind.cpt,
    snomedType: visit.kind.snomed,
    display: visit.kind.display,
    patientClass: cls,
    status: 'finished',
    start,
    end: endOf(chart, visit, start),
    ...reason,
    dischargeDisposition: cls === 'I' ? '01' : undefined,
    facilityNpi: facility.npi,
    facilityName: facility.name,
    attenderNpi,
    updatedAt: updatedAfter(chart, visit.day),
  };
}

function reasonOf(
  chart: Chart,
  visit: PlannedVisit,
  diagnosisId?: string,
): Partial<EncounterRecord> {
  if (visit.acute) {
    return {
      reasonConditionId: diagnosisId,
      reasonIcd10: visit.acute.icd10,
      reasonDisplay: visit.acute.display,
    };
  }
  const condition = visit.condition;
  if (condition) {
    return {
      reasonConditionId: condition.id,
      reasonIcd10: condition.def.icd10,
      reasonDisplay: condition.def.display,
    };
  }
  const pregnancy = visit.pregnancy === undefined ? undefined : chart.pregnancies[visit.pregnancy];
  if (pregnancy) {
    return {
      reasonConditionId: pregnancy.id,
      reasonIcd10: 'Z34.90',
      reasonDisplay: 'Normal pregnancy',
    };
  }
  return {};
}

function endOf(chart: Chart, visit: PlannedVisit, start: string): string {
  const startMs = Date.parse(start);
  const cls = visit.kind.patientClass;
  const minutes =
    cls === 'I'
      ? chart.rng.int(2, 5) * 1440
      : cls === 'E'
        ? chart.rng.int(120, 360)
        : chart.rng.int(15, 45);
  return new Date(startMs + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

function addDiagnosis(
  chart: Chart,
  visit: PlannedVisit,
  encounterId: string,
  recorderNpi: string,
): string {
  const acute = visit.acute!;
  const id = nextId(chart, 'PRB');
  const onset = Math.max(chart.birthDay, visit.day - chart.rng.int(1, 5));
  const abated = visit.day + chart.rng.int(7, 21);
  const over = abated < chart.windows[chart.windows.length - 1]!.end;
  chart.record.conditions.push({
    id,
    memberId: chart.member.memberId,
    encounterId,
    category: 'encounter-diagnosis',
    snomed: acute.snomed,
    icd10: acute.icd10,
    display: acute.display,
    clinicalStatus: over ? 'resolved' : 'active',
    verificationStatus: 'confirmed',
    onsetDate: isoDate(onset),
    abatementDate: over ? isoDate(abated) : undefined,
    recordedDate: isoDate(visit.day),
    recorderNpi,
    updatedAt: updatedAfter(chart, over ? abated : visit.day),
  });
  return id;
}

/** Lab panels ordered at a visit. */
function labPanels(chart: Chart, visit: PlannedVisit): readonly string[] {
  const { rng } = chart;
  if (visit.acute) return visit.acute.labs;
  if (visit.condition) {
    return visit.kind.patientClass !== 'V' && rng.chance(0.7) ? visit.condition.def.labs : [];
  }
  if (visit.purpose === 'prenatal') {
    return visit.pregnancy !== undefined &&
      chart.pregnancies[visit.pregnancy]!.start + 70 > visit.day
      ? ['HCG', 'CBC']
      : [];
  }
  if (visit.purpose !== 'well') return [];
  const age = exactAge(chart, visit.day);
  const panels: string[] = [];
  if (age >= 0.9 && age < 2.2 && rng.chance(0.8)) panels.push('LEAD');
  if (age >= 20 && rng.chance(0.35)) panels.push('LIPID');
  if (age >= 40 && rng.chance(0.45)) panels.push('CMP');
  if (age >= 65 && rng.chance(0.5)) panels.push('CBC');
  if (age >= 35 && rng.chance(0.25)) panels.push('A1C');
  if (chart.sex === 'M' && age >= 50 && age < 71 && rng.chance(0.35)) panels.push('PSA');
  return panels;
}

function addProcedure(chart: Chart, ctx: VisitContext, key: string): void {
  const def = PROCEDURES[key];
  if (!def) return;
  const id = nextId(chart, 'PRC');
  const day = ctx.visit.day;
  chart.record.procedures.push({
    id,
    memberId: chart.member.memberId,
    encounterId: ctx.encounter.id,
    cpt: def.cpt,
    snomed: def.snomed,
    display: def.display,
    status: 'completed',
    date: isoDate(day),
    performerNpi: ctx.attenderNpi,
    reasonConditionId: ctx.encounter.reasonConditionId,
    updatedAt: updatedAfter(chart, day),
  });
  if (def.device) addImplant(chart, def.device, id, day);
}

function addImplant(chart: Chart, key: string, procedureId: string, day: number): void {
  const implant = IMPLANTS[key];
  if (!implant) return;
  const { rng } = chart;
  const made = day - rng.int(30, 300);
  const expires = made + implant.shelfYears * 365;
  const lot = `L${rng.int(100000, 999999)}`;
  const serial = `SN${rng.int(10000000, 99999999)}`;
  const yymmdd = (d: number): string => isoDate(d).slice(2).replaceAll('-', '');
  chart.record.devices.push({
    id: nextId(chart, 'DEV'),
    memberId: chart.member.memberId,
    procedureId,
    snomed: implant.snomed,
    display: implant.display,
    deviceIdentifier: implant.deviceIdentifier,
    udiCarrier: `(01)${implant.deviceIdentifier}(11)${yymmdd(made)}(17)${yymmdd(expires)}(10)${lot}(21)${serial}`,
    lotNumber: lot,
    serialNumber: serial,
    manufactureDate: isoDate(made),
    expirationDate: isoDate(expires),
    manufacturer: implant.manufacturer,
    implantDate: isoDate(day),
    status: key === 'iud' && rng.chance(0.3) ? 'inactive' : 'active',
    updatedAt: instantAt(Math.min(day + 1, chart.windows[chart.windows.length - 1]!.end), 43_200),
  });
}

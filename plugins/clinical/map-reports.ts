/**
 * Reports to US Core 6.1.0 DiagnosticReport. Laboratory Results Reporting: the results of one
 * accession (order) become one report (status, LAB category, the panel's LOINC code or the
 * single test's, subject, encounter, collection time, issue time, and the result
 * Observations by reference). Report and Note Exchange: a clinical note of a report type
 * (imaging, ECG, pathology) is also served as a report of its LOINC category with the note
 * as presentedForm, as the US Core Clinical Notes guidance asks (§Clinical Notes: "report
 * types" exposed through DiagnosticReport as well as DocumentReference).
 */
import type { DiagnosticReport } from '@medplum/fhirtypes';
import { BadGatewayError } from '../sdk/errors.js';
import { fhirInstant, optText, text, type Row } from './legacy-api.js';
import {
  concept,
  fhirId,
  localRef,
  mapped,
  metaOf,
  patientRef,
  practitionerRef,
} from './map-common.js';
import { noteAttachment } from './map-visits.js';
import { PROFILES, SYSTEMS } from './profiles.js';

/** The results rows of one accession (same ACCSN_NBR, in id order) as a lab report. */
export function toLabReport(rows: readonly Row[]): DiagnosticReport {
  const first = rows[0] as Row;
  const latest = (column: string) =>
    rows.map((row) => text(row, column)).sort()[rows.length - 1] as string;
  const panel = optText(first, 'PANEL_LOINC_CD');
  const code = panel
    ? concept(SYSTEMS.loinc, panel, optText(first, 'PANEL_DESC'))
    : concept(SYSTEMS.loinc, text(first, 'LOINC_CD'), text(first, 'TEST_DESC'));
  const corrected = rows.some((row) => row.RSLT_STAT_CD === 'C');
  const updated = rows.find((row) => text(row, 'LAST_UPD_TS') === latest('LAST_UPD_TS')) ?? first;
  return {
    resourceType: 'DiagnosticReport',
    id: fhirId('DiagnosticReport', text(first, 'ACCSN_NBR')),
    meta: metaOf(updated, PROFILES.labReport),
    status: corrected ? 'corrected' : 'final',
    category: [concept(SYSTEMS.v2DiagnosticService, 'LAB', 'Laboratory')],
    code,
    subject: patientRef(first),
    encounter: localRef('Encounter', text(first, 'ENC_ID')),
    effectiveDateTime: fhirInstant(text(first, 'COLL_TS')),
    issued: fhirInstant(latest('RSLT_TS')),
    result: rows.map((row) => localRef('Observation', text(row, 'RSLT_ID'))),
  };
}

/**
 * The US Core DiagnosticReport categories of report-type notes (LOINC parts, US Core 6.1.0
 * DiagnosticReport Category value set) and the LOINC note types the legacy system files
 * under each.
 */
export const NOTE_REPORT_CATEGORIES: Readonly<
  Record<string, { readonly display: string; readonly noteTypes: readonly string[] }>
> = {
  'LP29684-5': { display: 'Radiology', noteTypes: ['18748-4'] },
  'LP7839-6': { display: 'Pathology', noteTypes: ['11526-1'] },
  'LP29708-2': { display: 'Cardiology', noteTypes: ['11524-6'] },
};

/** The report-type note codes of the given categories (all categories when undefined). */
export function noteReportTypes(categories?: readonly string[]): string[] {
  const keys = categories ?? Object.keys(NOTE_REPORT_CATEGORIES);
  return keys.flatMap((key) => NOTE_REPORT_CATEGORIES[key]?.noteTypes ?? []);
}

/** Whether a note of this LOINC type is also a DiagnosticReport. */
export function isReportNote(row: Row): boolean {
  return noteReportTypes().includes(optText(row, 'NOTE_LOINC_CD') ?? '');
}

/** Legacy note status to DiagnosticReport.status (a current note is a final report). */
const NOTE_REPORT_STATUS = { CUR: 'final' } as const;

/**
 * A report-type CLIN_NOTE row as a US Core DiagnosticReport for Report and Note Exchange.
 * The legacy note keeps one time, when it was signed: it is both the effective time and
 * the issue time. The author is the performer (the clinician who read the study).
 */
export function toNoteReport(row: Row): DiagnosticReport {
  const noteType = text(row, 'NOTE_LOINC_CD');
  const date = fhirInstant(text(row, 'NOTE_TS'));
  const encounterId = optText(row, 'ENC_ID');
  return {
    resourceType: 'DiagnosticReport',
    id: fhirId('DiagnosticReport', text(row, 'NOTE_ID')),
    meta: metaOf(row, PROFILES.noteReport),
    status: mapped(NOTE_REPORT_STATUS, row, 'NOTE_STAT_CD'),
    category: [categoryOf(noteType)],
    code: concept(SYSTEMS.loinc, noteType, text(row, 'NOTE_TYP_DESC')),
    subject: patientRef(row),
    ...(encounterId ? { encounter: localRef('Encounter', encounterId) } : {}),
    effectiveDateTime: date,
    issued: date,
    performer: [practitionerRef(text(row, 'AUTH_NPI'))],
    presentedForm: [noteAttachment(row)],
  };
}

function categoryOf(noteType: string): NonNullable<DiagnosticReport['category']>[number] {
  const entry = Object.entries(NOTE_REPORT_CATEGORIES).find(([, c]) =>
    c.noteTypes.includes(noteType),
  );
  if (!entry) {
    throw new BadGatewayError('The clinical system sent a note that is not a report', {
      detail: `NOTE_LOINC_CD ${noteType}`,
    });
  }
  return concept(SYSTEMS.loinc, entry[0], entry[1].display);
}

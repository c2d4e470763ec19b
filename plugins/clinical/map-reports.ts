/**
 * Laboratory reports to the US Core 6.1.0 DiagnosticReport for Laboratory Results Reporting:
 * the results of one accession (order) become one report (status, LAB category, the panel's
 * LOINC code or the single test's, subject, encounter, collection time, issue time, and the
 * result Observations by reference).
 */
import type { DiagnosticReport } from '@medplum/fhirtypes';
import { fhirInstant, optText, text, type Row } from './legacy-api.js';
import { concept, fhirId, localRef, metaOf, patientRef } from './map-common.js';
import { PROFILES, SYSTEMS } from './profiles.js';

/** The result rows of one accession (same ACCSN_NBR, in id order) as a lab report. */
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

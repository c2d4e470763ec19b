/**
 * Report-type clinical notes: the narrative reports of the imaging, ECG and pathology studies
 * in a chart (US Core Clinical Notes: Radiology, Cardiology and Pathology reports, which a
 * server exposes as DiagnosticReport as well as DocumentReference), one per study procedure.
 * They are written after every other record, from a generator of their own, so the rest of
 * a member's history (ids included) is what it was before these reports existed.
 */
import { AS_OF_DAY, nextId, type Chart } from './clinical-chart.js';
import { NOTE_TYPES } from './clinical-care.js';
import { clinician } from './clinical-staff.js';
import type { ProcedureRecord } from './clinical-types.js';
import { instantAt, toDays } from './dates.js';
import type { Rng } from './prng.js';

type NoteType = (typeof NOTE_TYPES)[keyof typeof NOTE_TYPES];

/** The report a study procedure produces. */
interface StudyReport {
  readonly type: NoteType;
  /** Who reads the study: a specialty key, or undefined for the procedure's performer. */
  readonly reader?: string;
  readonly title: string;
  readonly findings: string;
  /** Days from the procedure to the signed report (pathology waits for the specimen). */
  readonly delayDays: number;
  /** Share of procedures that yield a report (a colonoscopy only when biopsied). */
  readonly share: number;
}

const radiology = (title: string, findings: string): StudyReport => ({
  type: NOTE_TYPES.imaging,
  reader: 'RAD',
  title,
  findings,
  delayDays: 0,
  share: 1,
});

const pathology = (title: string, findings: string, delayDays: number, share = 1): StudyReport => ({
  type: NOTE_TYPES.pathology,
  title,
  findings,
  delayDays,
  share,
});

/** Study procedures by CPT code, with the report each yields. */
const REPORTS: Readonly<Record<string, StudyReport>> = {
  '77067': radiology('Screening mammography', 'No suspicious mass or calcification. BI-RADS 1.'),
  '71046': radiology('Chest X-ray, two views', 'Lungs clear. Normal heart size. No effusion.'),
  '73090': radiology('Forearm X-ray, two views', 'No fracture or dislocation.'),
  '77080': radiology('Bone density scan (DXA)', 'Bone mineral density within normal limits.'),
  '93000': {
    type: NOTE_TYPES.ekg,
    reader: 'CARD',
    title: '12-lead electrocardiogram',
    findings: 'Normal sinus rhythm. Normal axis and intervals. No acute ST-T changes.',
    delayDays: 0,
    share: 1,
  },
  '88142': pathology('Cervical cytology', 'Negative for intraepithelial lesion.', 5),
  '45378': pathology('Colon biopsy', 'Tubular adenoma without high-grade dysplasia.', 4, 0.5),
  '44970': pathology('Appendix', 'Acute appendicitis.', 3),
  '47562': pathology('Gallbladder', 'Chronic cholecystitis with cholelithiasis.', 3),
};

/** Writes the report of every study procedure in the chart (`rng`: the reports' own). */
export function addStudyReports(chart: Chart, rng: Rng): void {
  for (const procedure of chart.record.procedures) {
    const report = REPORTS[procedure.cpt];
    if (!report || !rng.chance(report.share)) continue;
    addStudyReport(chart, rng, procedure, report);
  }
}

function addStudyReport(
  chart: Chart,
  rng: Rng,
  procedure: ProcedureRecord,
  report: StudyReport,
): void {
  const day = Math.min(toDays(procedure.date) + report.delayDays, AS_OF_DAY - 1);
  const date = instantAt(day, rng.int(9 * 3600, 18 * 3600 - 1));
  const updatedDay = Math.min(day + rng.int(0, 3), AS_OF_DAY - 1);
  const updated = instantAt(updatedDay, rng.int(0, 86_399));
  const reader = report.reader
    ? clinician(report.reader, rng.int(0, 999), chart.seed).npi
    : procedure.performerNpi;
  chart.record.notes.push({
    id: nextId(chart, 'NTE'),
    memberId: chart.member.memberId,
    encounterId: procedure.encounterId,
    loinc: report.type.loinc,
    display: report.type.display,
    date,
    authorNpi: reader,
    status: 'current',
    contentType: 'text/plain',
    text: reportText(procedure, report),
    updatedAt: updated > date ? updated : date,
  });
}

function reportText(procedure: ProcedureRecord, report: StudyReport): string {
  return [
    report.type.display.toUpperCase(),
    `Study: ${report.title}. Procedure date: ${procedure.date}.`,
    `Findings: ${report.findings}`,
    'This report is synthetic test data.',
  ].join('\n');
}

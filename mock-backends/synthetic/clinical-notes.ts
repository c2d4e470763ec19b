/**
 * Clinical notes: short synthetic plain-text notes of the types US Core DocumentReference
 * names (progress, history and physical, consult, discharge summary, procedure, emergency
 * department). The text is assembled from the encounter's own facts, never from free text.
 */
import { ageOn, nextId, type Chart } from './clinical-chart.js';
import type { VisitContext } from './clinical-encounters.js';
import { NOTE_TYPES } from './clinical-care.js';

type NoteType = (typeof NOTE_TYPES)[keyof typeof NOTE_TYPES];

/** Writes the visit's note, when one was written (always for stays and emergencies). */
export function addNote(chart: Chart, ctx: VisitContext): void {
  const type = noteType(chart, ctx);
  if (!type) return;
  chart.record.notes.push({
    id: nextId(chart, 'NTE'),
    memberId: chart.member.memberId,
    encounterId: ctx.encounter.id,
    loinc: type.loinc,
    display: type.display,
    date: ctx.encounter.end,
    authorNpi: ctx.attenderNpi,
    status: 'current',
    contentType: 'text/plain',
    text: noteText(chart, ctx, type),
    updatedAt: ctx.encounter.updatedAt,
  });
}

function noteType(chart: Chart, ctx: VisitContext): NoteType | undefined {
  const { visit } = ctx;
  if (visit.kind.patientClass === 'I') return NOTE_TYPES.discharge;
  if (visit.kind.patientClass === 'E') return NOTE_TYPES.emergency;
  if (visit.purpose === 'procedure') return NOTE_TYPES.procedure;
  if (!chart.rng.chance(0.6)) return undefined;
  if (visit.purpose === 'well') return NOTE_TYPES.historyPhysical;
  return visit.specialty ? NOTE_TYPES.consult : NOTE_TYPES.progress;
}

function noteText(chart: Chart, ctx: VisitContext, type: NoteType): string {
  const { encounter, visit } = ctx;
  const sex = chart.sex === 'F' ? 'female' : chart.sex === 'M' ? 'male' : 'patient';
  const problems = chart.conditions
    .filter((c) => c.onsetDay <= visit.day && (c.resolvedDay ?? Infinity) >= visit.day)
    .map((c) => c.def.display.toLowerCase());
  const reason = encounter.reasonDisplay ?? encounter.display;
  const lines = [
    `${type.display.toUpperCase()}`,
    `Date: ${encounter.start.slice(0, 10)}. Setting: ${encounter.facilityName}.`,
    `${ageOn(chart, visit.day)}-year-old ${sex} seen for ${reason.toLowerCase()}.`,
    problems.length > 0 ? `Active problems: ${problems.join('; ')}.` : 'No chronic problems.',
    procedureLine(chart, ctx),
    planLine(visit.purpose, visit.acute?.display),
    'This note is synthetic test data.',
  ];
  return lines.filter((line) => line !== '').join('\n');
}

function procedureLine(chart: Chart, ctx: VisitContext): string {
  const done = chart.record.procedures.filter((p) => p.encounterId === ctx.encounter.id);
  return done.length > 0
    ? `Procedures: ${done.map((p) => p.display.toLowerCase()).join('; ')}.`
    : '';
}

function planLine(purpose: string, acute: string | undefined): string {
  if (acute) return `Assessment: ${acute.toLowerCase()}. Plan: supportive care, return if worse.`;
  if (purpose === 'well') {
    return 'Assessment: routine health maintenance. Plan: age-appropriate screening.';
  }
  if (purpose === 'prenatal' || purpose === 'delivery') {
    return 'Assessment: pregnancy care. Plan: routine prenatal follow-up.';
  }
  return 'Assessment: stable. Plan: continue current medications, follow up as scheduled.';
}

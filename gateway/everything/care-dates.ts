/**
 * The `start` and `end` of Patient `$everything` (R4 OperationDefinition Patient-everything:
 * "the date range relates to care dates, not record currency dates"). Each compartment type's
 * care date is read from the elements below, in order of preference: the first group that
 * holds a value is the resource's care date (an EOB's billing period, else its lines' service
 * dates, else its creation). A resource is kept when one of those dates or periods overlaps
 * the asked range. A resource of a type without a care date (Patient, Coverage, Consent,
 * Provenance, ...) or without a value in any group is kept: nothing says it falls outside.
 */
import type { Resource } from '@medplum/fhirtypes';
import { valuesAt } from '../fhir/search/elements.js';

/** An asked care-date range in epoch milliseconds: `from` inclusive, `to` exclusive. */
export interface CareRange {
  readonly from?: number;
  readonly to?: number;
}

/**
 * Care-date element groups per type, most specific first. A group's alternatives (`|`) are
 * the choices of one element; paths run through arrays (`item.servicedDate`).
 */
export const CARE_DATES: Readonly<Record<string, readonly string[]>> = {
  AllergyIntolerance: ['onsetDateTime|onsetPeriod', 'recordedDate'],
  CarePlan: ['period'],
  CareTeam: ['period'],
  Claim: ['billablePeriod', 'item.servicedDate|item.servicedPeriod', 'created'],
  Condition: ['onsetDateTime|onsetPeriod', 'recordedDate'],
  DiagnosticReport: ['effectiveDateTime|effectivePeriod', 'issued'],
  DocumentReference: ['context.period', 'date'],
  Encounter: ['period'],
  ExplanationOfBenefit: ['billablePeriod', 'item.servicedDate|item.servicedPeriod', 'created'],
  Goal: ['startDate|target.dueDate'],
  Immunization: ['occurrenceDateTime', 'recorded'],
  MedicationDispense: ['whenHandedOver', 'whenPrepared'],
  MedicationRequest: ['authoredOn'],
  MedicationStatement: ['effectiveDateTime|effectivePeriod', 'dateAsserted'],
  Observation: ['effectiveDateTime|effectivePeriod|effectiveInstant', 'issued'],
  Procedure: ['performedDateTime|performedPeriod'],
  QuestionnaireResponse: ['authored'],
  ServiceRequest: ['occurrenceDateTime|occurrencePeriod', 'authoredOn'],
};

/** True when the resource's care date overlaps the range, or it has no care date. */
export function careDateAdmits(range: CareRange | undefined, resource: Resource): boolean {
  if (!range) return true;
  const spans = careSpans(resource);
  if (spans.length === 0) return true;
  const from = range.from ?? -Infinity;
  const to = range.to ?? Infinity;
  return spans.some(([start, end]) => start < to && end > from);
}

/** The spans of the first care-date group with a value, in epoch ms `[start, end)`. */
function careSpans(resource: Resource): Array<readonly [number, number]> {
  for (const group of CARE_DATES[resource.resourceType] ?? []) {
    const values = group.split('|').flatMap((path) => valuesAt(resource, path));
    const spans = values.flatMap(spanOf);
    if (spans.length > 0) return spans;
  }
  return [];
}

/** A date, dateTime or instant as the span it denotes; a Period from its start to its end. */
function spanOf(value: unknown): Array<readonly [number, number]> {
  if (typeof value === 'string') {
    const span = dateSpan(value);
    return span ? [span] : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  const { start, end } = value as { start?: unknown; end?: unknown };
  const from = typeof start === 'string' ? dateSpan(start)?.[0] : -Infinity;
  const to = typeof end === 'string' ? dateSpan(end)?.[1] : Infinity;
  if (from === undefined || to === undefined) return [];
  if (from === -Infinity && to === Infinity) return [];
  return [[from, to]];
}

const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (UTC, as the server keeps no time zone of its own): the
 * whole year, month or day. A dateTime or instant: that millisecond. Undefined if unreadable.
 */
export function dateSpan(text: string): readonly [number, number] | undefined {
  const partial = PARTIAL.exec(text);
  if (partial) {
    const [year, month, day] = [Number(partial[1]), partial[2], partial[3]];
    if (month === undefined) return [Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)];
    if (day === undefined) {
      return [Date.UTC(year, Number(month) - 1, 1), Date.UTC(year, Number(month), 1)];
    }
    const start = Date.UTC(year, Number(month) - 1, Number(day));
    return [start, start + 86_400_000];
  }
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : [time, time + 1];
}

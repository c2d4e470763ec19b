/**
 * The working state while one member's clinical history is generated: who the member is,
 * the windows in which the payer holds their records, their care providers, the record
 * lists being filled, and helpers for ids, dates and timestamps shared by the generators.
 */
import { AS_OF_DATE } from './catalog.js';
import type { ChronicCondition } from './clinical-conditions.js';
import { clinic, clinician, type Clinician, type Facility } from './clinical-staff.js';
import type { ClinicalRecord } from './clinical-types.js';
import type { Physique } from './clinical-vitals.js';
import { fromDays, instantAt, toDays, wholeYears } from './dates.js';
import type { MemberRecord } from './members.js';
import type { Rng } from './prng.js';

/** Day number of the synthetic "today". */
export const AS_OF_DAY = toDays(AS_OF_DATE);
/** Records of visits before this date are not kept (the rule asks for data since 2016). */
export const HISTORY_START_DAY = toDays('2014-01-01');

/** A chronic condition as this member has it. */
export interface MemberCondition {
  readonly def: ChronicCondition;
  readonly onsetDay: number;
  readonly resolvedDay?: number;
  /** RxNorm codes of the drugs that treat it (chosen before visits are written). */
  drugs?: string[];
  /** Set when the problem-list record is written. */
  id?: string;
  recordedDay?: number;
}

/** A span of days [start, end] in which the member was covered and records are kept. */
export interface Window {
  readonly start: number;
  readonly end: number;
}

/** Generation state for one member. */
export interface Chart {
  readonly member: MemberRecord;
  readonly seed: number;
  readonly rng: Rng;
  readonly birthDay: number;
  readonly sex: string;
  readonly windows: readonly Window[];
  readonly pcp: Clinician;
  readonly clinic: Facility;
  readonly conditions: MemberCondition[];
  physique?: Physique;
  /** Never, former, current-daily, current-some-day or unknown; undefined under 13. */
  smoking?: string;
  pregnancies: { start: number; end: number; id: string }[];
  /** Specialty key of every specialist NPI that attended a visit. */
  readonly specialists: Map<string, string>;
  readonly record: ClinicalRecord;
  readonly counters: Map<string, number>;
}

/** Starts an empty chart for a member. */
export function newChart(member: MemberRecord, seed: number, rng: Rng): Chart {
  const birthDay = toDays(member.birthDate);
  const age = wholeYears(birthDay, AS_OF_DAY);
  return {
    member,
    seed,
    rng,
    birthDay,
    sex: member.sex,
    windows: windowsOf(member, birthDay),
    pcp: clinician(age < 18 ? 'PED' : 'FAM', rng.int(0, 999), seed),
    clinic: clinic(rng.int(0, 999), seed),
    conditions: [],
    pregnancies: [],
    specialists: new Map(),
    record: emptyRecord(member),
    counters: new Map(),
  };
}

/** The next id of a record class: prefix + 8-digit member number + 5-digit sequence. */
export function nextId(chart: Chart, prefix: string): string {
  const seq = (chart.counters.get(prefix) ?? 0) + 1;
  chart.counters.set(prefix, seq);
  return `${prefix}${chart.member.memberId.slice(3)}${String(seq).padStart(5, '0')}`;
}

/** Age in whole years on a day. */
export function ageOn(chart: Chart, day: number): number {
  return wholeYears(chart.birthDay, day);
}

/** Age in fractional years on a day. */
export function exactAge(chart: Chart, day: number): number {
  return (day - chart.birthDay) / 365.25;
}

/** Whether the payer holds records for that day (covered, since the history start). */
export function inWindow(chart: Chart, day: number): boolean {
  return chart.windows.some((window) => day >= window.start && day <= window.end);
}

/** ISO date of a day. */
export const isoDate = fromDays;

/** An instant on a day at a business-hours time drawn from the chart's generator. */
export function visitInstant(chart: Chart, day: number, fromHour = 8, toHour = 17): string {
  return instantAt(day, chart.rng.int(fromHour * 3600, toHour * 3600 - 1));
}

/** When the clinical system last touched a record of a day: a few days later, before today. */
export function updatedAfter(chart: Chart, day: number): string {
  const updated = Math.min(day + chart.rng.int(0, 10), AS_OF_DAY - 1);
  return instantAt(updated, chart.rng.int(0, 86_399));
}

/** A day drawn uniformly in [from, to]. */
export function dayBetween(chart: Chart, from: number, to: number): number {
  return to <= from ? from : chart.rng.int(from, to);
}

function windowsOf(member: MemberRecord, birthDay: number): Window[] {
  const windows: Window[] = [];
  for (const period of member.coverage) {
    const start = Math.max(toDays(period.start), birthDay, HISTORY_START_DAY);
    const end = Math.min(period.end ? toDays(period.end) : AS_OF_DAY - 1, AS_OF_DAY - 1);
    if (end >= start) windows.push({ start, end });
  }
  return windows;
}

function emptyRecord(member: MemberRecord): ClinicalRecord {
  return {
    memberId: member.memberId,
    index: member.index,
    conditions: [],
    allergies: [],
    medications: [],
    dispenses: [],
    immunizations: [],
    labs: [],
    vitals: [],
    social: [],
    procedures: [],
    encounters: [],
    careTeam: [],
    notes: [],
    goals: [],
    devices: [],
    carePlans: [],
  };
}

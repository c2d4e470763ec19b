/**
 * From a search draft to keyset-paged backend reads: one backend query per (source, chunk of
 * at most 100 members), walked in order, each ordered by record id, through the SDK's paging
 * (plugins/sdk/paging.ts). An item is one row, or for grouped sources (CareTeam) the rows of
 * one group; its key is its last row's id, so a cursor resumes exactly after it.
 */
import type { KeysetPage, PageRows, ChunkedSource } from '../sdk/paging.js';
import { chunkIds } from '../sdk/paging.js';
import { dayOf, intersect, type Draft } from './criteria.js';
import { inBounds } from './dates.js';
import type { ClinicalEnv } from './env.js';
import { MAX_IDS_PER_QUERY, MAX_PAGE, text, type ClassQuery, type Row } from './legacy-api.js';
import { isReportNote, noteReportTypes } from './map-reports.js';
import type { SourceSpec, TypeSpec } from './types.js';

/** One resource's worth of rows from one source. */
export interface Item {
  readonly source: SourceSpec;
  readonly rows: readonly Row[];
}

/** One backend query of a plan. */
interface Part {
  readonly source: SourceSpec;
  readonly query: ClassQuery;
}

/** Vital sign kinds served as their own Observation (diastolic readings join the systolic). */
const VITAL_KINDS = ['BP_SYS', 'HR', 'RR', 'TEMP', 'SPO2', 'HT', 'WT', 'BMI', 'HC'];
const PEDIATRIC_VITALS = ['BMI_PCTL', 'WFL_PCTL', 'HC_PCTL'];
const SOCIAL_KINDS = ['SMOKING', 'SEX_ORIENT', 'SDOH'];
/** The vitals' LOINC code a search code stands for (panel and FHIR core codes). */
const VITAL_CODES: Readonly<Record<string, string>> = {
  '85354-9': '8480-6',
  '2708-6': '59408-5',
  '8480-6': '',
  '8462-4': '',
};

/**
 * The exact filter of a draft over items (row checks, record ids, secondary date columns,
 * codes of sources whose backend filter also matches panel or answer codes), if any.
 */
export function keepOf(draft: Draft): ((item: Item) => boolean) | undefined {
  const checks: Array<(item: Item) => boolean> = draft.checks.map(
    (check) => (item) => check(latestRow(item)),
  );
  const ids = draft.recordIds;
  if (ids) checks.push((item) => ids.includes(keyColumnOf(item)));
  for (const filter of draft.dates.slice(1)) {
    checks.push((item) =>
      item.rows.some((row) => inBounds(dayOf(row, filter.column), filter.bounds)),
    );
  }
  const codes = draft.codes;
  if (codes) {
    checks.push((item) => item.source.key !== 'reports' || codes.includes(reportCode(item)));
  }
  if (codes) {
    checks.push(
      (item) =>
        !EXACT_CODE.has(item.source.key) || codes.includes(text(item.rows[0] as Row, 'LOINC_CD')),
    );
  }
  if (checks.length === 0) return undefined;
  return (item) => checks.every((check) => check(item));
}

/** The row a group's `meta.lastUpdated` comes from (the only row of an ungrouped item). */
function latestRow(item: Item): Row {
  return item.rows.reduce((a, b) => (text(b, 'LAST_UPD_TS') > text(a, 'LAST_UPD_TS') ? b : a));
}

/** A lab report's code: its panel's LOINC code, or its single test's. */
export function reportCode(item: Item): string {
  const row = item.rows[0] as Row;
  return typeof row.PANEL_LOINC_CD === 'string' ? row.PANEL_LOINC_CD : text(row, 'LOINC_CD');
}

/** Sources whose `code` filter also matches a panel or an answer code. */
const EXACT_CODE = new Set(['results', 'social']);

/** The item's own legacy id (a group's id for grouped sources). */
function keyColumnOf(item: Item): string {
  const column = item.source.groupBy ?? item.source.legacy.idColumn;
  return text(item.rows[0] as Row, column);
}

/** The backend queries of a draft (none when nothing can match). */
export function partsOf(spec: TypeSpec, draft: Draft): Part[] {
  if (draft.none) return [];
  const sources = spec.sources.filter((s) => draft.sources?.includes(s.key) ?? true);
  return sources.flatMap((source) => {
    const query = sourceQuery(source, draft);
    return query ? [{ source, query }] : [];
  });
}

function sourceQuery(source: SourceSpec, draft: Draft): ClassQuery | undefined {
  const members = membersOf(draft);
  const codes = codesFor(source, draft.codes, draft.categories);
  const categories = categoriesFor(source, draft.categories);
  const lists = [members, codes, categories, draft.statuses, draft.encounterIds];
  if (lists.some((list) => list?.length === 0)) return undefined;
  const date = draft.dates[0];
  const encounterId = draft.encounterIds?.length === 1 ? draft.encounterIds[0] : undefined;
  return {
    ...(members ? { memberIds: members } : {}),
    ...(codes ? { codes } : {}),
    ...(categories ? { categories } : {}),
    ...(draft.statuses ? { statuses: draft.statuses } : {}),
    ...(encounterId ? { encounterId } : {}),
    ...(date?.bounds.from ? { dateFrom: date.bounds.from } : {}),
    ...(date?.bounds.to ? { dateTo: date.bounds.to } : {}),
    ...(date?.dateOf && (date.bounds.from || date.bounds.to) ? { dateOf: date.dateOf } : {}),
    ...(draft.updatedSince && !source.groupBy ? { updatedSince: draft.updatedSince } : {}),
  };
}

/** Members to query: the asked ones, narrowed by the record ids' own members. */
function membersOf(draft: Draft): string[] | undefined {
  if (!draft.recordIds) return draft.memberIds;
  const owners = draft.recordIds.map((id) => `MBR${id.replace(/^[A-Z]+/, '').slice(0, 8)}`);
  return intersect(draft.memberIds, owners);
}

/**
 * The backend's code filter of a source. Report-type notes have no category column: their
 * report categories become the note types filed under them (and only those types are read).
 */
function codesFor(
  source: SourceSpec,
  codes: string[] | undefined,
  categories: string[] | undefined,
): string[] | undefined {
  if (source.key === 'noteReports') {
    const types = noteReportTypes(categories);
    return codes ? types.filter((type) => codes.includes(type)) : types;
  }
  if (!codes || source.key !== 'vitals') return codes;
  return [...new Set(codes.map((code) => VITAL_CODES[code] ?? code).filter(Boolean))];
}

function categoriesFor(source: SourceSpec, categories: string[] | undefined): string[] | undefined {
  if (source.key === 'vitals') return [...VITAL_KINDS, ...PEDIATRIC_VITALS];
  if (source.key === 'social') return categories ?? SOCIAL_KINDS;
  if (source.key === 'reports' || source.key === 'noteReports') return undefined;
  return categories;
}

/**
 * Whether a record read by id is a resource of the source: a diastolic reading is part of
 * its systolic one, and only report-type notes are DiagnosticReports.
 */
export function isItemRow(source: SourceSpec, row: Row): boolean {
  if (source.key === 'vitals') return row.VTL_TYP_CD !== 'BP_DIA';
  if (source.key === 'noteReports') return isReportNote(row);
  return true;
}

/** The paged source of a plan's parts, chunked by member ids. */
export function itemSource(
  env: ClinicalEnv,
  parts: readonly Part[],
  signal: AbortSignal,
): ChunkedSource<Item> {
  const chunks = parts.flatMap((part) =>
    chunkIds(part.query.memberIds, MAX_IDS_PER_QUERY).map((ids) => ({
      source: part.source,
      query: { ...part.query, ...(ids ? { memberIds: ids } : {}) },
    })),
  );
  return {
    chunks: chunks.length,
    fetch: async (chunk, page) => {
      const part = chunks[chunk] as Part;
      if (part.source.groupBy) return groups(env, part, page, signal);
      const rows = await env.client.rows(part.source.legacy, part.query, page, signal);
      return { ...rows, rows: rows.rows.map((row) => ({ source: part.source, rows: [row] })) };
    },
    keyOf: (item) => text(item.rows[item.rows.length - 1] as Row, item.source.legacy.idColumn),
  };
}

/**
 * A page of groups: reads rows after `page.after` until `page.limit` groups are complete (a
 * group is complete when a row of another group follows, or the rows run out).
 */
async function groups(
  env: ClinicalEnv,
  part: Part,
  page: KeysetPage,
  signal: AbortSignal,
): Promise<PageRows<Item>> {
  const column = part.source.groupBy as string;
  const rows: Row[] = [];
  let after = page.after;
  for (;;) {
    const read = await env.client.rows(
      part.source.legacy,
      part.query,
      { after, limit: MAX_PAGE, total: false },
      signal,
    );
    rows.push(...read.rows);
    const exhausted = read.rows.length < MAX_PAGE;
    const grouped = groupRows(rows, column);
    if (exhausted) {
      return { rows: grouped.slice(0, page.limit).map((g) => ({ source: part.source, rows: g })) };
    }
    if (grouped.length > page.limit) {
      return { rows: grouped.slice(0, page.limit).map((g) => ({ source: part.source, rows: g })) };
    }
    after = text(rows[rows.length - 1] as Row, part.source.legacy.idColumn);
  }
}

function groupRows(rows: readonly Row[], column: string): Row[][] {
  const grouped: Row[][] = [];
  for (const row of rows) {
    const last = grouped[grouped.length - 1];
    if (last && last[0]?.[column] === row[column]) last.push(row);
    else grouped.push([row]);
  }
  return grouped;
}

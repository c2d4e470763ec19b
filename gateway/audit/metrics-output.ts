/**
 * Writes the Patient Access API metrics as `patient-access-metrics-<year>.json` (the whole
 * report with its definitions) and `.csv` (one overall row, then one row per plan), the
 * files a payer keeps and submits to CMS. Figures only: no patient identifiers.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PatientAccessMetrics } from './metrics.js';

/** Which files to write. */
export type MetricsFormat = 'csv' | 'json' | 'both';

const CSV_COLUMNS = [
  'scope',
  'plan_id',
  'plan_name',
  'unique_patients',
  'patients_more_than_once',
  'period_start',
  'period_end',
  'generated_at',
];

/** The report as CSV (RFC 4180: CRLF line ends, fields quoted when needed). */
export function metricsCsv(metrics: PatientAccessMetrics): string {
  const { start, end } = metrics.reportingPeriod;
  const row = (scope: string, planId: string, planName: string, counts: CountsLike) =>
    [
      scope,
      planId,
      planName,
      counts.uniquePatients,
      counts.patientsWithMoreThanOneTransfer,
      start,
      end,
      metrics.generatedAt,
    ]
      .map((value) => csvField(String(value)))
      .join(',');
  const lines = [
    CSV_COLUMNS.join(','),
    row('overall', '', '', metrics.overall),
    ...metrics.plans.map((plan) => row('plan', plan.planId ?? '', plan.planName, plan)),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

type CountsLike = PatientAccessMetrics['overall'];

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The base name of the files for a year. */
export function metricsFileName(year: number): string {
  return `patient-access-metrics-${year}`;
}

/** Writes the requested files into `dir` (created if absent); returns their paths. */
export async function writeMetricsFiles(
  metrics: PatientAccessMetrics,
  dir: string,
  format: MetricsFormat,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const base = join(dir, metricsFileName(metrics.reportingPeriod.year));
  const written: string[] = [];
  if (format !== 'json') {
    await writeFile(`${base}.csv`, metricsCsv(metrics), 'utf8');
    written.push(`${base}.csv`);
  }
  if (format !== 'csv') {
    await writeFile(`${base}.json`, `${JSON.stringify(metrics, null, 2)}\n`, 'utf8');
    written.push(`${base}.json`);
  }
  return written;
}

/** A few lines for the terminal: period, the two figures overall and per plan, the files. */
export function metricsSummary(metrics: PatientAccessMetrics, files: readonly string[]): string {
  const { overall } = metrics;
  const lines = [
    `Patient Access API metrics ${metrics.reportingPeriod.start}..${metrics.reportingPeriod.end}`,
    `  overall: ${overall.uniquePatients} unique patients, ` +
      `${overall.patientsWithMoreThanOneTransfer} more than once`,
    ...metrics.plans.map(
      (plan) =>
        `  plan ${plan.planId ?? '(none)'} ${plan.planName}: ${plan.uniquePatients} unique, ` +
        `${plan.patientsWithMoreThanOneTransfer} more than once`,
    ),
  ];
  if (metrics.planBreakdown === 'unavailable') {
    lines.push('  (no plugin serves Coverage: no per-plan breakdown)');
  }
  lines.push(...files.map((file) => `  wrote ${file}`));
  return `${lines.join('\n')}\n`;
}

/**
 * The benchmark's output: one table row per case and way, then the ratios between the ways
 * (issue 4 §8): throughput gateway/backend, gateway/proxy and proxy/backend, and the same
 * ratios of p50 and p99 latency.
 */
import type { LoadStats } from './load.js';

/** How a case reached the membership system. */
export type Way = 'backend' | 'proxy' | 'gateway';

/** One measured case and way, with the CPU the processes involved spent per request. */
export interface Row extends LoadStats {
  readonly case: string;
  readonly way: Way;
  /** Failures by status or error code. */
  readonly failures: Readonly<Record<string, number>>;
  /** CPU of the proxy or gateway process per successful request, microseconds (0: none). */
  readonly frontCpuUs: number;
  /** CPU of the backend process per successful request, microseconds. */
  readonly backendCpuUs: number;
  /** CPU of the load generator per successful request, microseconds. */
  readonly clientCpuUs: number;
}

/** A ratio between two ways of one case. */
export interface Ratio {
  readonly case: string;
  readonly pair: string;
  readonly throughput: number;
  readonly p50: number;
  readonly p99: number;
}

const PAIRS: ReadonlyArray<readonly [Way, Way]> = [
  ['gateway', 'backend'],
  ['gateway', 'proxy'],
  ['proxy', 'backend'],
];

/** Ratios of every pair measured in the same case. */
export function ratios(rows: readonly Row[]): Ratio[] {
  const out: Ratio[] = [];
  for (const name of [...new Set(rows.map((row) => row.case))]) {
    const of = (way: Way) => rows.find((row) => row.case === name && row.way === way);
    for (const [top, bottom] of PAIRS) {
      const a = of(top);
      const b = of(bottom);
      if (!a || !b) continue;
      out.push({
        case: name,
        pair: `${top}/${bottom}`,
        throughput: a.perSecond / b.perSecond,
        p50: a.p50Ms / b.p50Ms,
        p99: a.p99Ms / b.p99Ms,
      });
    }
  }
  return out;
}

const ROW_HEAD = [
  'case',
  'way',
  'req/s',
  'p50 ms',
  'p99 ms',
  'errors',
  'requests',
  'front CPU us/req',
  'backend CPU us/req',
  'client CPU us/req',
  'bytes/resp',
];
const RATIO_HEAD = ['case', 'ratio', 'req/s', 'p50', 'p99'];

function cells(row: Row): string[] {
  return [
    row.case,
    row.way,
    row.perSecond.toFixed(0),
    row.p50Ms.toFixed(2),
    row.p99Ms.toFixed(2),
    String(row.errors),
    String(row.requests),
    row.way === 'backend' ? '-' : row.frontCpuUs.toFixed(0),
    row.backendCpuUs.toFixed(0),
    row.clientCpuUs.toFixed(0),
    row.meanBytes.toFixed(0),
  ];
}

function ratioCells(ratio: Ratio): string[] {
  return [
    ratio.case,
    ratio.pair,
    ratio.throughput.toFixed(2),
    ratio.p50.toFixed(2),
    ratio.p99.toFixed(2),
  ];
}

/** A Markdown table (pipes, header rule), columns padded to their widest cell. */
export function markdownTable(head: readonly string[], body: readonly string[][]): string {
  const widths = head.map((title, i) =>
    Math.max(title.length, ...body.map((line) => (line[i] ?? '').length)),
  );
  const line = (values: readonly string[]) =>
    `| ${values.map((value, i) => value.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(head), rule, ...body.map(line)].join('\n');
}

/** The results table and the ratio table, as Markdown. */
export function formatReport(rows: readonly Row[]): string {
  const failures = rows
    .filter((row) => row.errors > 0)
    .map((row) => `${row.case} ${row.way} failures: ${JSON.stringify(row.failures)}`);
  return [
    markdownTable(ROW_HEAD, rows.map(cells)),
    '',
    markdownTable(RATIO_HEAD, ratios(rows).map(ratioCells)),
    ...failures,
  ].join('\n');
}

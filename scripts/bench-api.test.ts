/**
 * Smoke test of the read/search benchmark (issue 4 §8): a one-second run on a small
 * population, as a child process, must measure all six cases and ways without a single
 * failed request and report the ratios. It asserts the shape of the report, never timings.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { Ratio, Row } from './bench-api/report.js';

const run = promisify(execFile);

describe('scripts/bench-api.ts', function () {
  this.timeout(180_000);

  it('measures read and search three ways, with no errors, and reports the ratios', async () => {
    const args = ['--members', '200', '--warmup', '0', '--duration', '1', '--rounds', '1'];
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/bench-api.ts', ...args, '--json'],
      { maxBuffer: 1 << 20 },
    );
    const report = JSON.parse(stdout) as { rows: Row[]; ratios: Ratio[] };
    const cases = report.rows.map((row) => `${row.case} ${row.way}`);
    expect(cases).to.deep.equal([
      'read backend',
      'read proxy',
      'read gateway',
      'search backend',
      'search proxy',
      'search gateway',
    ]);
    for (const row of report.rows) {
      expect(row.errors, `${row.case} ${row.way}`).to.equal(0);
      expect(row.requests).to.be.greaterThan(0);
      expect(row.p99Ms).to.be.at.least(row.p50Ms);
    }
    const pairs = report.ratios.map((ratio) => `${ratio.case} ${ratio.pair}`);
    expect(pairs).to.include.members(['read gateway/backend', 'search proxy/backend']);
    expect(report.ratios).to.have.length(6);
  });
});

/**
 * `npm run -s metrics` as a child process, over audit records the real gateway wrote (SQLite
 * file, and PostgreSQL through DATABASE_URL when TEST_DATABASE_URL is set), with plans from
 * the membership plugin that the configuration names, on its mock backend.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PatientAccessMetrics } from '../gateway/audit/metrics.js';
import {
  driveTraffic,
  EXPECTED_2026,
  expectedCsv,
  gatewayOver,
  startBackends,
  storeTargets,
  type AuditClock,
  type Backends,
  type TestStore,
} from '../test/support/metrics-fixture.js';
import type { TestGateway } from '../test/support/gateway.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command with only the given store and config variables set. */
function runMetrics(args: string[], env: Record<string, string>): Promise<Run> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !['DATABASE_URL', 'SQLITE_PATH', 'CONFIG_FILE'].includes(name),
    ),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/metrics.ts', ...args],
      { env: { ...inherited, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A configuration with the membership plugin on the test backend and nothing else. */
async function writeConfig(dir: string, membershipUrl: string): Promise<string> {
  const file = join(dir, 'config.json');
  const config = {
    store: { sqlitePath: join(dir, 'unused.db') },
    auth: { issuer: 'http://127.0.0.1:9' },
    demo: { enabled: false },
    logging: { level: 'warn' },
    plugins: [
      {
        name: 'membership',
        module: './plugins/membership/index.ts',
        options: { baseUrl: membershipUrl },
      },
    ],
  };
  await writeFile(file, JSON.stringify(config), 'utf8');
  return file;
}

describe('npm run metrics', function () {
  this.timeout(120_000);
  let backends: Backends;
  let dir: string;
  let configFile: string;

  before(async function () {
    backends = await startBackends();
    dir = await mkdtemp(join(tmpdir(), 'metrics-cli-'));
    configFile = await writeConfig(dir, backends.membershipUrl);
  });
  after(async function () {
    await backends.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const target of storeTargets()) {
    describe(target.name, function () {
      let db: TestStore;
      let gw: TestGateway;
      const clock: AuditClock = { now: '' };
      const env = () => ({ CONFIG_FILE: configFile, ...db.env });

      before(async function () {
        if (!target.open) return this.skip();
        db = await target.open();
        gw = await gatewayOver(backends, db.store, clock);
        await driveTraffic(gw, clock);
      });
      after(async function () {
        await gw?.close();
        await db?.dispose();
      });

      it('writes both files and prints a summary', async function () {
        const out = join(dir, `both-${target.name.replace(/\W/g, '')}`);
        const run = await runMetrics(['--year', '2026', '--out', out], env());
        expect(run.stderr).to.equal('');
        expect(run.code).to.equal(0);
        const base = join(out, 'patient-access-metrics-2026');
        const json = JSON.parse(await readFile(`${base}.json`, 'utf8')) as PatientAccessMetrics;
        expect(json.overall).to.deep.equal(EXPECTED_2026.overall);
        expect(json.plans).to.deep.equal(EXPECTED_2026.plans);
        expect(await readFile(`${base}.csv`, 'utf8')).to.equal(expectedCsv(json.generatedAt));
        expect(run.stdout).to.equal(expectedSummary(base));
      });

      it('writes only the format asked; overall figures only with --no-plans', async function () {
        const out = join(dir, `json-${target.name.replace(/\W/g, '')}`);
        const args = ['--year', '2026', '--out', out, '--format', 'json', '--no-plans'];
        const run = await runMetrics(args, env());
        expect(run.code).to.equal(0);
        expect(await readdir(out)).to.deep.equal(['patient-access-metrics-2026.json']);
        const json = JSON.parse(
          await readFile(join(out, 'patient-access-metrics-2026.json'), 'utf8'),
        );
        expect(json.overall).to.deep.equal(EXPECTED_2026.overall);
        expect(json.planBreakdown).to.equal('unavailable');
      });
    });
  }

  it('exits 2 with a message for a bad year, a bad format or a missing store', async function () {
    const env = { CONFIG_FILE: configFile, SQLITE_PATH: join(dir, 'nowhere', 'gateway.db') };
    const cases: [string[], RegExp][] = [
      [['--year', '26'], /^metrics: --year must be a four-digit year from 2000 \(got "26"\)\n$/],
      [[], /^metrics: --year must be/],
      [['--year', '2026', '--format', 'xml'], /^metrics: --format must be csv, json or both/],
      [['--year', '2026'], /^metrics: no store at .*nowhere.gateway\.db/],
    ];
    for (const [args, message] of cases) {
      const run = await runMetrics(args, env);
      expect(run.code, args.join(' ')).to.equal(2);
      expect(run.stderr).to.match(message);
      expect(run.stdout).to.equal('');
    }
  });
});

function expectedSummary(base: string): string {
  return [
    'Patient Access API metrics 2026-01-01..2026-12-31',
    '  overall: 5 unique patients, 2 more than once',
    '  plan CMHP-HMO-100 Cascade Select HMO: 1 unique, 0 more than once',
    '  plan CMHP-MCD-400 Cascade Community Care (Medicaid): 2 unique, 1 more than once',
    '  plan CMHP-PPO-200 Cascade Choice PPO: 2 unique, 0 more than once',
    '  plan (none) No plan found: 1 unique, 0 more than once',
    `  wrote ${base}.csv`,
    `  wrote ${base}.json`,
    '',
  ].join('\n');
}

/**
 * Generates the membership backend's SQLite database once, for populations too large to
 * build at every start:
 *
 *   npm run generate -- --count 1000000 --out var/membership.db [--seed 1] [--force]
 *
 * Members stream from the synthetic generator in batched transactions (constant memory).
 * The file is written under a temporary name and renamed at the end, so a backend never
 * opens a half-written database. Prints elapsed time and peak RSS when done.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadPopulation } from '../mock-backends/membership/schema.js';

interface GenerateArgs {
  readonly count: number;
  readonly seed: number;
  readonly out: string;
  readonly force: boolean;
}

function readArgs(argv: readonly string[]): GenerateArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      count: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: 'var/membership.db' },
      force: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new Error('--count must be a positive integer');
  }
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error('--seed must be a non-negative integer');
  }
  return { count, seed, out: values.out, force: values.force };
}

function generate(args: GenerateArgs): void {
  if (existsSync(args.out) && !args.force) {
    throw new Error(`${args.out} exists; pass --force to replace it`);
  }
  mkdirSync(dirname(args.out), { recursive: true });
  const partial = `${args.out}.partial`;
  rmSync(partial, { force: true });

  const started = performance.now();
  const db = new Database(partial);
  const step = Math.max(100_000, Math.ceil(args.count / 10));
  loadPopulation(db, { count: args.count, seed: args.seed }, (written) => {
    if (written % step === 0 || written === args.count) {
      process.stderr.write(`${written} members written\n`);
    }
  });
  db.close();
  renameSync(partial, args.out);

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const peakMb = (process.resourceUsage().maxRSS / 1024).toFixed(0);
  process.stdout.write(
    `${args.count} members (seed ${args.seed}) -> ${args.out} ` +
      `in ${seconds} s, peak RSS ${peakMb} MB\n`,
  );
}

try {
  generate(readArgs(process.argv.slice(2)));
} catch (err) {
  process.stderr.write(`generate-members: ${(err as Error).message}\n`);
  process.exitCode = 1;
}

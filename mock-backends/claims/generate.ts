/**
 * Generates the claims backend's SQLite database once, for populations too large to build
 * at every start, and reports how long generation took:
 *
 *   npx tsx mock-backends/claims/generate.ts --members 10000 --out var/claims.db \
 *     [--seed 1] [--practitioners 200] [--force]
 *
 * Claims stream from the synthetic generator member by member in batched transactions
 * (constant memory). The file is written under a temporary name and renamed at the end, so
 * a backend never opens a half-written database. Prints elapsed time and peak RSS.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadClaims, type ClaimsPopulation } from './schema.js';

interface GenerateArgs extends ClaimsPopulation {
  readonly out: string;
  readonly force: boolean;
}

function readArgs(argv: readonly string[]): GenerateArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      members: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      practitioners: { type: 'string', default: '200' },
      out: { type: 'string', default: 'var/claims.db' },
      force: { type: 'boolean', default: false },
    },
  });
  const numbers = [values.members, values.seed, values.practitioners].map(Number);
  if (!numbers.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new Error('--members, --seed and --practitioners must be non-negative integers');
  }
  const [members = 0, seed = 0, practitioners = 0] = numbers;
  return { members, seed, practitioners, out: values.out, force: values.force };
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
  let claims = 0;
  loadClaims(db, args, (members, written) => {
    claims = written;
    if (members % 5000 === 0) process.stderr.write(`${members} members, ${written} claims\n`);
  });
  db.close();
  renameSync(partial, args.out);

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const peakMb = (process.resourceUsage().maxRSS / 1024).toFixed(0);
  process.stdout.write(
    `${claims} claims of ${args.members} members (seed ${args.seed}) -> ${args.out} ` +
      `in ${seconds} s, peak RSS ${peakMb} MB\n`,
  );
}

try {
  generate(readArgs(process.argv.slice(2)));
} catch (err) {
  process.stderr.write(`generate claims: ${(err as Error).message}\n`);
  process.exitCode = 1;
}

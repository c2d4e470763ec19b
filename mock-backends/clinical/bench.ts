/**
 * Measures clinical data generation: synthetic histories alone, then loaded into SQLite
 * (in memory), for each population size given:
 *
 *   npx tsx mock-backends/clinical/bench.ts 1000 10000
 *
 * Prints members, records, seconds and peak RSS per size. Figures go to benchmarks/README.md.
 */
import Database from 'better-sqlite3';
import { generateClinical } from '../synthetic/index.js';
import { CLASSES } from './classes.js';
import { loadClinical } from './schema.js';

const SEED = 1;

function generationOnly(count: number): { records: number; seconds: number } {
  const started = performance.now();
  let records = 0;
  for (const history of generateClinical({ count, seed: SEED })) {
    for (const def of CLASSES) records += def.records(history).length;
  }
  return { records, seconds: (performance.now() - started) / 1000 };
}

function intoSqlite(count: number): number {
  const started = performance.now();
  const db = new Database(':memory:');
  loadClinical(db, { count, seed: SEED });
  db.close();
  return (performance.now() - started) / 1000;
}

for (const arg of process.argv.slice(2)) {
  const count = Number(arg);
  const generated = generationOnly(count);
  const loaded = intoSqlite(count);
  const rss = (process.resourceUsage().maxRSS / 1024).toFixed(0);
  process.stdout.write(
    `${count} members: ${generated.records} records, generation ${generated.seconds.toFixed(1)} s, ` +
      `generation + SQLite load ${loaded.toFixed(1)} s, peak RSS ${rss} MB\n`,
  );
}

/**
 * Access to the official IG example resources in `../shared/fixtures` (read in place, never
 * copied into the repository). `FIXTURES_DIR` overrides the location. Under CI the folder
 * must exist; elsewhere a missing folder skips the conformance suites with a clear title.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resource } from '@medplum/fhirtypes';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Absolute path of the fixtures folder. */
export const FIXTURES_DIR = resolve(process.env.FIXTURES_DIR ?? join(ROOT, '../shared/fixtures'));

/** True when the fixtures can be read; throws under CI when they cannot. */
export function fixturesAvailable(): boolean {
  if (existsSync(FIXTURES_DIR)) return true;
  if (process.env.CI) throw new Error(`IG fixtures not found at ${FIXTURES_DIR}`);
  return false;
}

/** Reads one fixture file as a resource. */
export function fixture<T extends Resource = Resource>(relative: string): T {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, relative), 'utf8')) as T;
}

/** Every fixture in a folder whose file name matches `pattern`, with its name. */
export function fixtures<T extends Resource = Resource>(
  folder: string,
  pattern: RegExp,
): Array<[string, T]> {
  return readdirSync(join(FIXTURES_DIR, folder))
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => [name, fixture<T>(join(folder, name))]);
}

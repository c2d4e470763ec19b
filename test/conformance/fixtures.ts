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

/** What an exception list maps: an element path or a signature, to why we need not have it. */
export type Exceptions = Readonly<Record<string, string>>;

/**
 * Dotted element paths of a resource (array positions dropped; `resourceType`, `id` and the
 * narrative left out). Extensions are not descended into: {@link extensionShapes} covers them.
 */
export function elementPaths(node: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const entry of node) elementPaths(entry, prefix, out);
    return out;
  }
  if (typeof node !== 'object' || node === null) return out;
  for (const [key, child] of Object.entries(node)) {
    if (prefix === '' && ['resourceType', 'id', 'text'].includes(key)) continue;
    const path = prefix === '' ? key : `${prefix}.${key}`;
    out.add(path);
    if (key !== 'extension' && key !== 'modifierExtension') elementPaths(child, path, out);
  }
  return out;
}

/** Every `Coding.system` in a resource (extension values included). */
export function codeSystems(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const entry of node) codeSystems(entry, out);
    return out;
  }
  if (typeof node !== 'object' || node === null) return out;
  for (const [key, child] of Object.entries(node)) {
    if (key === 'coding' && Array.isArray(child)) {
      for (const coding of child as Array<{ system?: unknown }>) {
        if (typeof coding.system === 'string') out.add(coding.system);
      }
    }
    codeSystems(child, out);
  }
  return out;
}

/**
 * `<element path> <url> <value type>` of every extension: where it sits, what it is and what
 * it holds (`extension` for a complex one, whose parts follow under `<path>.<url>`).
 */
export function extensionShapes(node: unknown, path = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const entry of node) extensionShapes(entry, path, out);
    return out;
  }
  if (typeof node !== 'object' || node === null) return out;
  for (const [key, child] of Object.entries(node)) {
    const here = path === '' ? key : `${path}.${key}`;
    if (key !== 'extension' || !Array.isArray(child)) {
      if (key !== 'text') extensionShapes(child, here, out);
      continue;
    }
    for (const ext of child as Array<Record<string, unknown>>) {
      const type = Object.keys(ext).find((k) => k.startsWith('value')) ?? 'extension';
      const at = path === '' ? '(root)' : path;
      out.add(`${at} ${String(ext.url)} ${type}`);
      extensionShapes({ extension: ext.extension }, `${at}.${String(ext.url)}`, out);
    }
  }
  return out;
}

/** The members of `expected` not in `actual`, but for those excepted (by themselves or a parent). */
export function missingFrom(
  expected: Iterable<string>,
  actual: ReadonlySet<string>,
  exceptions: Exceptions = {},
): string[] {
  const excepted = (item: string) =>
    Object.keys(exceptions).some((key) => item === key || item.startsWith(`${key}.`));
  return [...expected].filter((item) => !actual.has(item) && !excepted(item)).sort();
}

/** The union of a set function over several resources. */
export function unionOf(
  resources: readonly unknown[],
  of: (resource: unknown) => Set<string>,
): Set<string> {
  return new Set(resources.flatMap((resource) => [...of(resource)]));
}

/**
 * Loads the configuration: a JSON file (env `CONFIG_FILE`, default `config/default.json`),
 * then environment overrides, validated against the schema. Every problem is reported at
 * once with its dotted path; the result is deeply frozen.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configSchema, type GatewayConfig } from './schema.js';

/** Raised when the configuration is invalid; `problems` lists `path: message` lines. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Environment variables and the dotted config path each one sets. */
const ENV_KEYS: ReadonlyArray<readonly [string, string, 'string' | 'number']> = [
  ['GATEWAY_PORT', 'server.port', 'number'],
  ['PUBLIC_URL', 'server.publicUrl', 'string'],
  ['SQLITE_PATH', 'store.sqlitePath', 'string'],
  ['DATABASE_URL', 'store.postgresUrl', 'string'],
  ['AUTH_ISSUER', 'auth.issuer', 'string'],
  ['AUTH_JWKS_URI', 'auth.jwksUri', 'string'],
  ['LOG_LEVEL', 'logging.level', 'string'],
  ['AUTH_PORT', 'demo.authPort', 'number'],
  ['MEMBERSHIP_PORT', 'demo.membershipPort', 'number'],
  ['CLAIMS_PORT', 'demo.claimsPort', 'number'],
  ['UTILIZATION_PORT', 'demo.utilizationPort', 'number'],
  ['DIRECTORY_PORT', 'demo.directoryPort', 'number'],
  ['FORMULARY_PORT', 'demo.formularyPort', 'number'],
  ['CLINICAL_PORT', 'demo.clinicalPort', 'number'],
  ['DEMO_MEMBERS', 'demo.members', 'number'],
  ['MEMBERSHIP_DB', 'demo.membershipDbPath', 'string'],
];

/** Reads, merges and validates the configuration. */
export function loadConfig(env: Env = process.env, overrides: object = {}): GatewayConfig {
  const file = resolve(env.CONFIG_FILE ?? 'config/default.json');
  const raw = deepMerge(interpolate(readJson(file), env), overrides);
  applyEnv(raw, env);
  return parseConfig(raw);
}

/**
 * Replaces `${NAME}` and `${NAME:-default}` in string values with environment variables, so a
 * file can name secrets and hosts without containing them. An unset variable with no default
 * is reported with the path of the value that needs it.
 */
export function interpolate(raw: Record<string, unknown>, env: Env): Record<string, unknown> {
  const problems: string[] = [];
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') return substitute(value, path, env, problems);
    if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}.${i}`));
    if (!isPlainObject(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, walk(item, path ? `${path}.${key}` : key)]),
    );
  };
  const result = walk(raw, '') as Record<string, unknown>;
  if (problems.length > 0) throw new ConfigError(problems);
  return result;
}

function substitute(value: string, path: string, env: Env, problems: string[]): string {
  return value.replace(
    /\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g,
    (_match, name: string, fallback?: string) => {
      const found = env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      problems.push(`${path}: environment variable ${name} is not set`);
      return '';
    },
  );
}

/** Validates an already-assembled raw object (used by tests and `loadConfig`). */
export function parseConfig(raw: unknown): GatewayConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return deepFreeze(result.data);
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError([`${file}: ${(err as Error).message}`]);
  }
}

function applyEnv(raw: Record<string, unknown>, env: Env): void {
  const problems: string[] = [];
  for (const [name, path, type] of ENV_KEYS) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (type === 'number' && !/^\d+$/.test(value)) {
      problems.push(`${path} (env ${name}): expected a whole number, got "${value}"`);
      continue;
    }
    setPath(raw, path, type === 'number' ? Number(value) : value);
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = target;
  for (const key of keys) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[last] = value;
}

function deepMerge(base: Record<string, unknown>, extra: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

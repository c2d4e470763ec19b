/**
 * The clinical plugin's options (from the gateway config), validated at start. A bad option
 * fails the start with a PluginOptionsError naming it, e.g. `baseUrl: ...`.
 */
import { z } from 'zod';
import { PluginOptionsError } from '../sdk/contract.js';
import { MAX_PAGE } from './legacy-api.js';

const httpUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'must be an absolute http(s) URL',
  });

const optionsSchema = z
  .object({
    /** Base URL of the legacy clinical data repository, e.g. `http://127.0.0.1:4106`. */
    baseUrl: httpUrl,
    /** Plugin name in logs and health reports. */
    name: z.string().min(1).default('clinical'),
    /** Base of identifier systems: `<base>/encounter-id`, `<base>/clinical-record-id`. */
    identifierSystemBase: httpUrl.default('https://cascade-mutual.example.org/fhir/sid'),
    /** Rows per backend page when streaming (bulk export). */
    streamPageSize: z.number().int().min(1).max(MAX_PAGE).default(200),
  })
  .strict();

/** Options after validation and defaults. */
export interface ClinicalOptions {
  readonly baseUrl: string;
  readonly name: string;
  /** System of Encounter.identifier (the legacy encounter id). */
  readonly encounterIdSystem: string;
  /** System of the other resources' identifier (the legacy record id). */
  readonly recordIdSystem: string;
  readonly streamPageSize: number;
}

/** Validates raw options; throws PluginOptionsError naming the first bad option. */
export function parseOptions(raw: Record<string, unknown>): ClinicalOptions {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
      throw new PluginOptionsError(issue.keys[0] ?? '', 'unknown option');
    }
    throw new PluginOptionsError(issue?.path.join('.') ?? '', issue?.message ?? 'invalid');
  }
  const { baseUrl, name, identifierSystemBase, streamPageSize } = parsed.data;
  const base = identifierSystemBase.replace(/\/+$/, '');
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    name,
    encounterIdSystem: `${base}/encounter-id`,
    recordIdSystem: `${base}/clinical-record-id`,
    streamPageSize,
  };
}

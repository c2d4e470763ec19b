/**
 * The claims plugin's options (from the gateway config), validated at start. A bad option
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
    /** Base URL of the legacy claims system, e.g. `http://127.0.0.1:8084`. */
    baseUrl: httpUrl,
    /** Plugin name in logs and health reports. */
    name: z.string().min(1).default('claims'),
    /** The payer's Organization id, as the membership plugin serves it (`insurer`). */
    payerId: z
      .string()
      .regex(/^[A-Za-z0-9\-.]{1,64}$/)
      .default('CMHP1'),
    /** Base of identifier systems: `<base>/claim-id`, `<base>/subscriber-id`. */
    identifierSystemBase: httpUrl.default('https://cascade-mutual.example.org/fhir/sid'),
    /** Rows per backend page when streaming (bulk export). */
    streamPageSize: z.number().int().min(1).max(MAX_PAGE).default(100),
  })
  .strict();

/** Options after validation and defaults. */
export interface ClaimsOptions {
  readonly baseUrl: string;
  readonly name: string;
  readonly payerId: string;
  readonly claimIdSystem: string;
  readonly subscriberIdSystem: string;
  readonly streamPageSize: number;
}

/** Validates raw options; throws PluginOptionsError naming the first bad option. */
export function parseOptions(raw: Record<string, unknown>): ClaimsOptions {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
      throw new PluginOptionsError(issue.keys[0] ?? '', 'unknown option');
    }
    throw new PluginOptionsError(issue?.path.join('.') ?? '', issue?.message ?? 'invalid');
  }
  const { baseUrl, name, payerId, identifierSystemBase, streamPageSize } = parsed.data;
  const base = identifierSystemBase.replace(/\/+$/, '');
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    name,
    payerId,
    claimIdSystem: `${base}/claim-id`,
    subscriberIdSystem: `${base}/subscriber-id`,
    streamPageSize,
  };
}

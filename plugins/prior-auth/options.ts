/**
 * The prior-authorization plugin's options (from the gateway config), validated at start. A bad
 * option fails the start with a PluginOptionsError naming it, e.g. `baseUrl: ...`.
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
    /** Base URL of the legacy utilization-management system, e.g. `http://127.0.0.1:8085`. */
    baseUrl: httpUrl,
    /** Plugin name in logs and health reports. */
    name: z.string().min(1).default('prior-auth'),
    /** Base of the identifier systems: `<base>/prior-auth-number`, `<base>/pa-document-id`. */
    identifierSystemBase: httpUrl.default('https://cascade-mutual.example.org/fhir/sid'),
    /** Organization id of the payer, as the membership plugin serves it. */
    payerId: z
      .string()
      .regex(/^[A-Za-z0-9\-.]{1,64}$/)
      .default('CMHP1'),
    /** Fixed "today" (YYYY-MM-DD) for the retention window; the clock when absent (tests). */
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    /** Rows per backend page when streaming (bulk export). */
    streamPageSize: z.number().int().min(1).max(MAX_PAGE).default(200),
  })
  .strict();

/** Options after validation and defaults. */
export interface PriorAuthOptions {
  readonly baseUrl: string;
  readonly name: string;
  readonly authNumberSystem: string;
  readonly documentIdSystem: string;
  readonly denialReasonSystem: string;
  readonly payerId: string;
  /** Today's date as `YYYYMMDD`, for the retention window. */
  readonly today: () => string;
  readonly streamPageSize: number;
}

/** Validates raw options; throws PluginOptionsError naming the first bad option. */
export function parseOptions(raw: Record<string, unknown>): PriorAuthOptions {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
      throw new PluginOptionsError(issue.keys[0] ?? '', 'unknown option');
    }
    throw new PluginOptionsError(issue?.path.join('.') ?? '', issue?.message ?? 'invalid');
  }
  const { baseUrl, name, identifierSystemBase, payerId, asOf, streamPageSize } = parsed.data;
  const base = identifierSystemBase.replace(/\/+$/, '');
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    name,
    authNumberSystem: `${base}/prior-auth-number`,
    documentIdSystem: `${base}/pa-document-id`,
    denialReasonSystem: `${base}/pa-denial-reason`,
    payerId,
    today: () => (asOf ?? new Date().toISOString().slice(0, 10)).replaceAll('-', ''),
    streamPageSize,
  };
}

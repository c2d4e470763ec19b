/**
 * The formulary plugin's options (from the gateway config), validated at start. A bad
 * option fails the start with a PluginOptionsError naming it, e.g. `baseUrl: ...`.
 */
import { z } from 'zod';
import { PluginOptionsError } from '../sdk/contract.js';

/** The largest page the formulary backend serves (oas/formulary-backend.yaml `limit`). */
export const MAX_PAGE = 500;

const httpUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'must be an absolute http(s) URL',
  });

const optionsSchema = z
  .object({
    /** Base URL of the legacy formulary system, e.g. `http://127.0.0.1:8084`. */
    baseUrl: httpUrl,
    /** Plugin name in logs and health reports. */
    name: z.string().min(1).default('formulary'),
    /** Rows per backend page when streaming (bulk export). */
    streamPageSize: z.number().int().min(1).max(MAX_PAGE).default(200),
  })
  .strict();

/** Options after validation and defaults. */
export interface FormularyOptions {
  readonly baseUrl: string;
  readonly name: string;
  readonly streamPageSize: number;
}

/** Validates raw options; throws PluginOptionsError naming the first bad option. */
export function parseOptions(raw: Record<string, unknown>): FormularyOptions {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
      throw new PluginOptionsError(issue.keys[0] ?? '', 'unknown option');
    }
    throw new PluginOptionsError(issue?.path.join('.') ?? '', issue?.message ?? 'invalid');
  }
  const { baseUrl, name, streamPageSize } = parsed.data;
  return { baseUrl: baseUrl.replace(/\/+$/, ''), name, streamPageSize };
}

/**
 * Typed calls to the legacy membership system through the gateway's HTTP client (timeouts,
 * retries, 502/503/504 mapping). Unexpected answers become 502s: a 4xx other than 404 means
 * the plugin and the backend disagree about the API, which is not the FHIR client's fault.
 * The plan catalog and the payer rarely change and are cached for a few minutes.
 */
import NodeCache from 'node-cache';
import type { z } from 'zod';
import { BadGatewayError } from '../sdk/errors.js';
import type { HttpClient } from '../sdk/http-client.js';
import { keysetQuery, type KeysetPage, type PageRows } from '../sdk/paging.js';
import {
  healthSchema,
  memberPageSchema,
  memberSchema,
  payerSchema,
  planListSchema,
  spanPageSchema,
  type EligibilitySearch,
  type LegacyMember,
  type LegacyPayer,
  type LegacyPlan,
  type LegacySpan,
  type MemberSearch,
} from './legacy-api.js';

type Query = Record<string, string | number | undefined>;

const REFERENCE_TTL_SECONDS = 300;

/** Client for one membership backend. */
export class MembershipClient {
  private readonly cache = new NodeCache({ stdTTL: REFERENCE_TTL_SECONDS, useClones: false });

  constructor(
    private readonly http: HttpClient,
    private readonly baseUrl: string,
  ) {}

  /** One member, or undefined when the backend does not know it. */
  async member(memberId: string, signal: AbortSignal): Promise<LegacyMember | undefined> {
    return this.get(`/members/${encodeURIComponent(memberId)}`, {}, memberSchema, signal);
  }

  /** A page of members matching `search`, in member id order (keyset paging by member id). */
  async members(
    search: MemberSearch,
    page: KeysetPage,
    signal: AbortSignal,
  ): Promise<PageRows<LegacyMember>> {
    const body = await this.get(
      '/members',
      { ...search, ...keysetQuery(page) },
      memberPageSchema,
      signal,
    );
    if (!body) throw unexpected('/members', 404);
    return { rows: body.MEMBERS, total: body.TOTAL_CNT };
  }

  /** All eligibility spans of a member, or undefined when the backend does not know it. */
  async spansOf(memberId: string, signal: AbortSignal): Promise<readonly LegacySpan[] | undefined> {
    const path = `/members/${encodeURIComponent(memberId)}/eligibility`;
    return (await this.get(path, {}, spanPageSchema, signal))?.ELIG_SPANS;
  }

  /** A page of eligibility spans matching `search`, by member id then span (see spanKey). */
  async spans(
    search: EligibilitySearch,
    page: KeysetPage,
    signal: AbortSignal,
  ): Promise<PageRows<LegacySpan>> {
    const body = await this.get(
      '/eligibility',
      { ...search, ...keysetQuery(page) },
      spanPageSchema,
      signal,
    );
    if (!body) throw unexpected('/eligibility', 404);
    return { rows: body.ELIG_SPANS, total: body.TOTAL_CNT };
  }

  /** The plan catalog by plan id (cached). */
  async plans(signal: AbortSignal): Promise<ReadonlyMap<string, LegacyPlan>> {
    return this.cached('plans', async () => {
      const body = await this.get('/plans', {}, planListSchema, signal);
      if (!body) throw unexpected('/plans', 404);
      return new Map(body.PLANS.map((plan) => [plan.PLAN_ID, plan]));
    });
  }

  /** The payer (cached). */
  async payer(signal: AbortSignal): Promise<LegacyPayer> {
    return this.cached('payer', async () => {
      const body = await this.get('/payer', {}, payerSchema, signal);
      if (!body) throw unexpected('/payer', 404);
      return body;
    });
  }

  /** The backend's own health answer. */
  async health(signal: AbortSignal): Promise<{ STATUS: string }> {
    const body = await this.get('/health', {}, healthSchema, signal);
    if (!body) throw unexpected('/health', 404);
    return body;
  }

  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get<T>(key);
    if (hit !== undefined) return hit;
    const value = await load();
    this.cache.set(key, value);
    return value;
  }

  private async get<S extends z.ZodType>(
    path: string,
    query: Query,
    schema: S,
    signal: AbortSignal,
  ): Promise<z.infer<S> | undefined> {
    const res = await this.http.json({ url: `${this.baseUrl}${path}`, query, signal });
    if (res.status === 404) return undefined;
    if (res.status >= 400) throw unexpected(path, res.status);
    const parsed = schema.safeParse(res.body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new BadGatewayError('The membership system sent an unexpected answer', {
      detail: `GET ${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    });
  }
}

/** The backend's paging key of a span: `<member id>:<span seq>`. */
export function spanKey(span: LegacySpan): string {
  return `${span.MBR_ID}:${span.SPAN_SEQ}`;
}

function unexpected(path: string, status: number): BadGatewayError {
  return new BadGatewayError('The membership system rejected the request', {
    detail: `GET ${path} -> ${status}`,
  });
}

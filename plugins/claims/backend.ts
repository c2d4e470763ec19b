/**
 * Typed calls to the legacy claims system through the gateway's HTTP client (timeouts,
 * retries, 502/503/504 mapping). Unexpected answers become 502s: a 4xx other than 404 means
 * the plugin and the backend disagree about the API, which is not the FHIR client's fault.
 */
import type { z } from 'zod';
import { BadGatewayError } from '../sdk/errors.js';
import type { HttpClient } from '../sdk/http-client.js';
import {
  claimPageSchema,
  claimSchema,
  healthSchema,
  type ClaimSearch,
  type LegacyClaim,
} from './legacy-api.js';

/** Offset paging as the backend does it. */
export interface BackendPage {
  readonly offset: number;
  readonly limit: number;
  readonly total: boolean;
}

/** Rows of one backend page, with the total when asked for. */
export interface BackendRows<T> {
  readonly rows: readonly T[];
  readonly total?: number;
}

type Query = Record<string, string | number | undefined>;

/** Client for one claims backend. */
export class ClaimsClient {
  constructor(
    private readonly http: HttpClient,
    private readonly baseUrl: string,
  ) {}

  /** One claim, or undefined when the backend does not know it. */
  async claim(claimId: string, signal: AbortSignal): Promise<LegacyClaim | undefined> {
    return this.get(`/claims/${encodeURIComponent(claimId)}`, {}, claimSchema, signal);
  }

  /** A page of claims matching `search`, in member then date-of-service order. */
  async claims(
    search: ClaimSearch,
    page: BackendPage,
    signal: AbortSignal,
  ): Promise<BackendRows<LegacyClaim>> {
    const query = {
      ...search,
      offset: page.offset,
      limit: page.limit,
      total: page.total ? 'Y' : 'N',
    };
    const body = await this.get('/claims', query, claimPageSchema, signal);
    if (!body) throw unexpected('/claims', 404);
    return { rows: body.CLAIMS, total: body.TOTAL_CNT };
  }

  /** The backend's own health answer. */
  async health(signal: AbortSignal): Promise<{ STATUS: string }> {
    const body = await this.get('/health', {}, healthSchema, signal);
    if (!body) throw unexpected('/health', 404);
    return body;
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
    throw new BadGatewayError('The claims system sent an unexpected answer', {
      detail: `GET ${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    });
  }
}

function unexpected(path: string, status: number): BadGatewayError {
  return new BadGatewayError('The claims system rejected the request', {
    detail: `GET ${path} -> ${status}`,
  });
}

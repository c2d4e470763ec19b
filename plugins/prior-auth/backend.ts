/**
 * Typed calls to the legacy utilization-management system through the gateway's HTTP client
 * (timeouts, retries, 502/503/504 mapping). A 4xx other than 404 means the plugin and the
 * backend disagree about the API, which is a 502, not the FHIR client's fault.
 */
import type { z } from 'zod';
import { BadGatewayError } from '../sdk/errors.js';
import type { HttpClient } from '../sdk/http-client.js';
import {
  authPageSchema,
  authSchema,
  healthSchema,
  type AuthSearch,
  type LegacyAuth,
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

/** Client for one utilization-management backend. */
export class UtilizationClient {
  constructor(
    private readonly http: HttpClient,
    private readonly baseUrl: string,
  ) {}

  /** One request, or undefined when the backend does not know it. */
  async auth(authNumber: string, signal: AbortSignal): Promise<LegacyAuth | undefined> {
    return this.get(`/auths/${encodeURIComponent(authNumber)}`, {}, authSchema, signal);
  }

  /** A page of requests matching `search`, in member then receipt order. */
  async auths(
    search: AuthSearch,
    page: BackendPage,
    signal: AbortSignal,
  ): Promise<BackendRows<LegacyAuth>> {
    const query = {
      ...search,
      offset: page.offset,
      limit: page.limit,
      total: page.total ? 'Y' : 'N',
    };
    const body = await this.get('/auths', query, authPageSchema, signal);
    if (!body) throw unexpected('/auths', 404);
    return { rows: body.AUTHS, total: body.TOTAL_CNT };
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
    throw new BadGatewayError('The utilization-management system sent an unexpected answer', {
      detail: `GET ${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    });
  }
}

function unexpected(path: string, status: number): BadGatewayError {
  return new BadGatewayError('The utilization-management system rejected the request', {
    detail: `GET ${path} -> ${status}`,
  });
}

/**
 * Typed calls to the legacy utilization-management system through the gateway's HTTP client
 * (timeouts, retries, 502/503/504 mapping). A 4xx other than 404 means the plugin and the
 * backend disagree about the API, which is a 502, not the FHIR client's fault.
 */
import type { HttpClient } from '../sdk/http-client.js';
import { LegacyJsonClient } from '../sdk/legacy-client.js';
import { keysetQuery, type KeysetPage, type PageRows } from '../sdk/paging.js';
import {
  authPageSchema,
  authSchema,
  healthSchema,
  type AuthSearch,
  type LegacyAuth,
} from './legacy-api.js';

/** Client for one utilization-management backend. */
export class UtilizationClient {
  private readonly client: LegacyJsonClient;

  constructor(http: HttpClient, baseUrl: string) {
    this.client = new LegacyJsonClient(http, baseUrl, 'utilization-management system');
  }

  /** One request, or undefined when the backend does not know it. */
  async auth(authNumber: string, signal: AbortSignal): Promise<LegacyAuth | undefined> {
    return this.client.get(`/auths/${encodeURIComponent(authNumber)}`, {}, authSchema, signal);
  }

  /** A page of requests matching `search`, in request number order (keyset paging). */
  async auths(
    search: AuthSearch,
    page: KeysetPage,
    signal: AbortSignal,
  ): Promise<PageRows<LegacyAuth>> {
    const query = { ...search, ...keysetQuery(page) };
    const body = await this.client.require('/auths', query, authPageSchema, signal);
    return { rows: body.AUTHS, total: body.TOTAL_CNT };
  }

  /** The backend's own health answer. */
  async health(signal: AbortSignal): Promise<{ STATUS: string }> {
    return this.client.require('/health', {}, healthSchema, signal);
  }
}

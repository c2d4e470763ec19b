/**
 * Typed calls to the legacy utilization-management system through the gateway's HTTP client
 * (timeouts, retries, 502/503/504 mapping). A 4xx other than 404 means the plugin and the
 * backend disagree about the API, which is a 502, not the FHIR client's fault.
 */
import type { HttpClient } from '../sdk/http-client.js';
import { LegacyJsonClient, type BackendPage, type BackendRows } from '../sdk/legacy-client.js';
import {
  authPageSchema,
  authSchema,
  healthSchema,
  type AuthSearch,
  type LegacyAuth,
} from './legacy-api.js';

export type { BackendPage, BackendRows };

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

  /** A page of requests matching `search`, in member then receipt order. */
  async auths(
    search: AuthSearch,
    page: BackendPage,
    signal: AbortSignal,
  ): Promise<BackendRows<LegacyAuth>> {
    const query = { ...search, ...LegacyJsonClient.pageQuery(page) };
    const body = await this.client.require('/auths', query, authPageSchema, signal);
    return { rows: body.AUTHS, total: body.TOTAL_CNT };
  }

  /** The backend's own health answer. */
  async health(signal: AbortSignal): Promise<{ STATUS: string }> {
    return this.client.require('/health', {}, healthSchema, signal);
  }
}

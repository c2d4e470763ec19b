/**
 * Typed calls to the legacy claims system through the gateway's HTTP client (timeouts,
 * retries, 502/503/504 mapping). Unexpected answers become 502s: a 4xx other than 404 means
 * the plugin and the backend disagree about the API, which is not the FHIR client's fault.
 */
import type { HttpClient } from '../sdk/http-client.js';
import { LegacyJsonClient } from '../sdk/legacy-client.js';
import { keysetQuery, type KeysetPage, type PageRows } from '../sdk/paging.js';
import {
  claimPageSchema,
  claimSchema,
  healthSchema,
  type ClaimSearch,
  type LegacyClaim,
} from './legacy-api.js';

/** Client for one claims backend. */
export class ClaimsClient {
  private readonly client: LegacyJsonClient;

  constructor(http: HttpClient, baseUrl: string) {
    this.client = new LegacyJsonClient(http, baseUrl, 'claims system');
  }

  /** One claim, or undefined when the backend does not know it. */
  async claim(claimId: string, signal: AbortSignal): Promise<LegacyClaim | undefined> {
    return this.client.get(`/claims/${encodeURIComponent(claimId)}`, {}, claimSchema, signal);
  }

  /** A page of claims matching `search`, in claim id order (keyset paging by claim id). */
  async claims(
    search: ClaimSearch,
    page: KeysetPage,
    signal: AbortSignal,
  ): Promise<PageRows<LegacyClaim>> {
    const query = { ...search, ...keysetQuery(page) };
    const body = await this.client.require('/claims', query, claimPageSchema, signal);
    return { rows: body.CLAIMS, total: body.TOTAL_CNT };
  }

  /** The backend's own health answer. */
  async health(signal: AbortSignal): Promise<{ STATUS: string }> {
    return this.client.require('/health', {}, healthSchema, signal);
  }
}

/**
 * Typed calls to the legacy clinical data repository through the gateway's HTTP client
 * (timeouts, retries, 502/503/504 mapping) and the SDK's legacy JSON client (a 404 reads as
 * "not there"; any other 4xx or a malformed answer is a 502).
 */
import type { HttpClient } from '../sdk/http-client.js';
import { LegacyJsonClient } from '../sdk/legacy-client.js';
import { keysetQuery, type KeysetPage, type PageRows } from '../sdk/paging.js';
import {
  healthSchema,
  pageSchema,
  rowSchema,
  type ClassQuery,
  type LegacyClass,
  type Row,
} from './legacy-api.js';

/** Client for one clinical backend. */
export class ClinicalClient {
  private readonly client: LegacyJsonClient;

  constructor(http: HttpClient, baseUrl: string) {
    this.client = new LegacyJsonClient(http, baseUrl, 'clinical system');
  }

  /** One record, or undefined when the backend does not know it. */
  async record(legacy: LegacyClass, id: string, signal: AbortSignal): Promise<Row | undefined> {
    return this.client.get(`/${legacy.path}/${encodeURIComponent(id)}`, {}, rowSchema, signal);
  }

  /** A keyset page of a class's rows matching `query`, in record id order. */
  async rows(
    legacy: LegacyClass,
    query: ClassQuery,
    page: KeysetPage,
    signal: AbortSignal,
  ): Promise<PageRows<Row>> {
    const params = { ...legacyQuery(query), ...keysetQuery(page) };
    const body = await this.client.require(`/${legacy.path}`, params, pageSchema(legacy), signal);
    const rows = body[legacy.listKey] as Row[];
    const total = body.TOTAL_CNT as number | undefined;
    return { rows, ...(total === undefined ? {} : { total }) };
  }

  /** The backend's own health answer. */
  async health(signal: AbortSignal): Promise<{ STATUS: string }> {
    return this.client.require('/health', {}, healthSchema, signal);
  }
}

function legacyQuery(query: ClassQuery): Record<string, string | undefined> {
  const list = (values?: readonly string[]) => (values ? values.join(',') : undefined);
  return {
    memberId: list(query.memberIds),
    dateFrom: query.dateFrom,
    dateTo: query.dateTo,
    dateOf: query.dateOf,
    code: list(query.codes),
    category: list(query.categories),
    status: list(query.statuses),
    encounterId: query.encounterId,
    groupId: list(query.groupIds),
    updatedSince: query.updatedSince,
  };
}

/**
 * Typed calls to the legacy provider directory (oas/directory-backend.yaml) through the
 * gateway's HTTP client. Unexpected answers become 502s: a 4xx other than 404 means the
 * plugin and the backend disagree about the API, which is not the FHIR client's fault.
 * The organization index (legacy id <-> FHIR id) changes rarely and is cached briefly.
 */
import NodeCache from 'node-cache';
import { z } from 'zod';
import { BadGatewayError } from '../sdk/errors.js';
import type { HttpClient } from '../sdk/http-client.js';
import type { KeysetPage, PageRows } from '../sdk/paging.js';
import { organizationFhirId } from './ids.js';
import { MAX_PAGE } from './options.js';

/** A legacy row: upper-case columns as the backend sends them. */
export type Row = Record<string, unknown>;

/** Backend query parameters (already in the backend's vocabulary). */
export type Query = Readonly<Record<string, string | undefined>>;

/** Legacy organization id <-> FHIR Organization id, both ways. */
export interface OrganizationIndex {
  readonly fhirIdOf: ReadonlyMap<string, string>;
  readonly legacyIdOf: ReadonlyMap<string, string>;
}

const pageSchema = z.object({ TOTAL_CNT: z.number().int().optional() }).catchall(z.unknown());
const rowSchema = z.record(z.string(), z.unknown());
const rowsSchema = z.array(rowSchema);
const TTL_SECONDS = 300;

/** Client for one directory backend. */
export class DirectoryClient {
  private readonly cache = new NodeCache({ stdTTL: TTL_SECONDS, useClones: false });

  constructor(
    private readonly http: HttpClient,
    private readonly baseUrl: string,
  ) {}

  /** One record, or undefined when the backend does not know it. */
  async find(path: string, id: string, signal: AbortSignal): Promise<Row | undefined> {
    const body = await this.get(`${path}/${encodeURIComponent(id)}`, {}, signal);
    if (body === undefined) return undefined;
    return parse(rowSchema, body, path);
  }

  /** A page of records under `listKey` matching `query`, in record id order (keyset paging). */
  async search(
    path: string,
    listKey: string,
    query: Query,
    page: KeysetPage,
    signal: AbortSignal,
  ): Promise<PageRows<Row>> {
    const paging = { after: page.after, limit: String(page.limit), total: page.total ? 'Y' : 'N' };
    const body = await this.get(path, { ...query, ...paging }, signal);
    if (body === undefined) throw unexpected(path, 404);
    const envelope = parse(pageSchema, body, path);
    const rows = parse(rowsSchema, envelope[listKey], path);
    return envelope.TOTAL_CNT === undefined ? { rows } : { rows, total: envelope.TOTAL_CNT };
  }

  /** Every organization's FHIR id by legacy id and back (cached). */
  async organizationIndex(signal: AbortSignal): Promise<OrganizationIndex> {
    const hit = this.cache.get<OrganizationIndex>('orgs');
    if (hit) return hit;
    const fhirIdOf = new Map<string, string>();
    for (let after: string | undefined; ;) {
      const page = { after, limit: MAX_PAGE, total: false };
      const { rows } = await this.search('/organizations', 'ORGANIZATIONS', {}, page, signal);
      for (const row of rows) fhirIdOf.set(String(row.ORG_ID), organizationFhirId(row));
      if (rows.length < MAX_PAGE) break;
      after = String(rows[rows.length - 1]?.ORG_ID);
    }
    const legacyIdOf = new Map([...fhirIdOf].map(([legacy, fhir]) => [fhir, legacy]));
    const index = { fhirIdOf, legacyIdOf };
    this.cache.set('orgs', index);
    return index;
  }

  /** The backend's own health answer. */
  async health(signal: AbortSignal): Promise<string> {
    const body = await this.get('/health', {}, signal);
    const status = parse(pageSchema, body ?? {}, '/health').STATUS;
    return typeof status === 'string' ? status : 'UNKNOWN';
  }

  private async get(path: string, query: Query, signal: AbortSignal): Promise<unknown> {
    const url = `${this.baseUrl}${path}`;
    const res = await this.http.json({ url, query: defined(query), signal });
    if (res.status === 404) return undefined;
    if (res.status >= 400) throw unexpected(path, res.status);
    return res.body;
  }
}

function defined(query: Query): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

function parse<S extends z.ZodType>(schema: S, value: unknown, path: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new BadGatewayError('The provider directory sent an unexpected answer', {
    detail: `GET ${path}: ${parsed.error.issues[0]?.message ?? ''}`,
  });
}

function unexpected(path: string, status: number): BadGatewayError {
  return new BadGatewayError('The provider directory rejected the request', {
    detail: `GET ${path} -> ${status}`,
  });
}

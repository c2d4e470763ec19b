/**
 * Typed GETs to a legacy JSON backend through the gateway's HTTP client (timeouts, retries,
 * 502/503/504 mapping). A 404 reads as "not there"; any other 4xx, or a body that does not
 * match the expected schema, is a 502: the plugin and the backend disagree about the API,
 * which is not the FHIR client's fault. Paging parameters come from `keysetQuery` in
 * ./paging.ts (keyset paging, consistent while data changes).
 */
import type { z } from 'zod';
import { BadGatewayError } from './errors.js';
import type { HttpClient } from './http-client.js';

export type LegacyQuery = Readonly<Record<string, string | number | undefined>>;

/** A backend reached at `baseUrl`; `system` names it in error messages ("the claims system"). */
export class LegacyJsonClient {
  constructor(
    private readonly http: HttpClient,
    private readonly baseUrl: string,
    private readonly system: string,
  ) {}

  /** GET `path`, validated by `schema`; undefined on 404. */
  async get<S extends z.ZodType>(
    path: string,
    query: LegacyQuery,
    schema: S,
    signal: AbortSignal,
  ): Promise<z.infer<S> | undefined> {
    const res = await this.http.json({ url: `${this.baseUrl}${path}`, query, signal });
    if (res.status === 404) return undefined;
    if (res.status >= 400) throw this.rejected(path, res.status);
    const parsed = schema.safeParse(res.body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new BadGatewayError(`The ${this.system} sent an unexpected answer`, {
      detail: `GET ${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    });
  }

  /** GET `path` that must exist (lists, health): a 404 is a 502 too. */
  async require<S extends z.ZodType>(
    path: string,
    query: LegacyQuery,
    schema: S,
    signal: AbortSignal,
  ): Promise<z.infer<S>> {
    const body = await this.get(path, query, schema, signal);
    if (body === undefined) throw this.rejected(path, 404);
    return body;
  }

  private rejected(path: string, status: number): BadGatewayError {
    return new BadGatewayError(`The ${this.system} rejected the request`, {
      detail: `GET ${path} -> ${status}`,
    });
  }
}

/**
 * The HTTP client plugins use to reach legacy backends: JSON in and out, a timeout per attempt,
 * bounded retries with backoff for idempotent requests, and failures mapped to the gateway's
 * 502/503/504 errors so that a broken backend never surfaces as a 500.
 */
import { BadGatewayError, GatewayTimeoutError, ServiceUnavailableError } from './errors.js';

export interface HttpClientOptions {
  /** Per-attempt timeout in milliseconds. */
  readonly timeoutMs: number;
  /** Extra attempts after the first, for idempotent methods only. */
  readonly retries: number;
  /** Delay before the first retry in milliseconds; doubles each time. */
  readonly retryDelayMs: number;
}

export interface HttpRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

export interface HttpResponse<T> {
  readonly status: number;
  readonly body: T;
}

export interface HttpClient {
  /** Sends a request and parses a JSON body. 404 resolves (status 404); other >=500 throw. */
  json<T = unknown>(req: HttpRequest): Promise<HttpResponse<T | undefined>>;
}

/** Errors worth another attempt: no answer, or a 5xx status (not an unreadable body). */
const retryable = new WeakSet<Error>();

/** Creates the client with the configured timeouts and retries. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  return {
    async json<T>(req: HttpRequest): Promise<HttpResponse<T | undefined>> {
      const method = req.method ?? 'GET';
      const attempts = method === 'GET' || method === 'PUT' ? options.retries + 1 : 1;
      let lastError: Error = new ServiceUnavailableError('Backend unavailable');
      for (let attempt = 0; attempt < attempts; attempt++) {
        if (attempt > 0) await delay(options.retryDelayMs * 2 ** (attempt - 1), req.signal);
        try {
          return await attemptOnce<T>(req, method, options.timeoutMs);
        } catch (err) {
          lastError = err as Error;
          if (!isRetryable(err) || req.signal?.aborted) break;
        }
      }
      throw lastError;
    },
  };
}

async function attemptOnce<T>(
  req: HttpRequest,
  method: string,
  timeoutMs: number,
): Promise<HttpResponse<T | undefined>> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const target = redact(req.url);
  let res: Response;
  try {
    res = await fetch(buildUrl(req), {
      method,
      signal,
      headers: { accept: 'application/json', ...jsonHeader(req.body), ...req.headers },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
    });
  } catch (err) {
    if (timeout.aborted) {
      throw new GatewayTimeoutError('The backend system did not answer in time', {
        detail: `${method} ${target} timed out after ${timeoutMs} ms`,
      });
    }
    throw new ServiceUnavailableError('The backend system is unavailable', {
      detail: `${method} ${target}: ${(err as Error).message}`,
      cause: err,
    });
  }
  return readBody<T>(res, method, target);
}

async function readBody<T>(res: Response, method: string, target: string) {
  if (res.status >= 500) {
    await res.body?.cancel();
    const Err = res.status === 503 ? ServiceUnavailableError : BadGatewayError;
    const err = new Err('The backend system failed', {
      detail: `${method} ${target} -> ${res.status}`,
    });
    retryable.add(err);
    throw err;
  }
  const text = await res.text();
  if (text === '') return { status: res.status, body: undefined };
  try {
    return { status: res.status, body: JSON.parse(text) as T };
  } catch {
    throw new BadGatewayError('The backend system sent an unreadable answer', {
      detail: `${method} ${target} -> ${res.status}, body is not JSON`,
    });
  }
}

function isRetryable(err: unknown): boolean {
  if (err instanceof GatewayTimeoutError || err instanceof ServiceUnavailableError) return true;
  return err instanceof Error && retryable.has(err);
}

function buildUrl(req: HttpRequest): string {
  const url = new URL(req.url);
  for (const [key, value] of Object.entries(req.query ?? {})) {
    if (value !== undefined) url.searchParams.append(key, String(value));
  }
  return url.toString();
}

function jsonHeader(body: unknown): Record<string, string> {
  return body === undefined ? {} : { 'content-type': 'application/json' };
}

/** Logs carry the path only: query strings may hold identifiers (PHI). */
function redact(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

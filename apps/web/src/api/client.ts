/**
 * The web app's one way to call the API: every request has a timeout, state-changing requests carry the
 * CSRF token (fetched on first use, renewed once when the server calls it stale, rotated when an answer
 * brings a new one), and every failure becomes an ApiError the UI can explain.
 */
import { CSRF_HEADER, UI_LANGUAGE_HEADER } from '@mep/vocabulary';

export type ApiErrorKind = 'network' | 'timeout' | 'http' | 'not-found' | 'invalid';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
    /** The API's stable error code (`rate_limited`, `invalid_credentials`, …), or the kind when there was no answer. */
    readonly code: string = kind,
    /** The API's `error.details` (e.g. the other change of a 409 `stale_version`). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Slow links still get an answer: past this the request is abandoned and a Retry is offered. */
export const DEFAULT_TIMEOUT_MS = 20_000;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** JSON body of a state-changing request. */
  body?: unknown;
  /**
   * Makes a state-changing request safe to send again: the server applies one key once. A request with a key
   * is retried when no answer came (network error, timeout, 502/503/504: an API node went away mid-request).
   */
  idempotencyKey?: string;
}

/** The header the API reads the key from (`IDEMPOTENCY_KEY_HEADER` in the forums schemas). */
const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Waits before each retry of a keyed request: long enough for a load balancer to route around a dead node. */
const RETRY_DELAYS_MS = [500, 2000];

function isRetryable(error: unknown): boolean {
  return error instanceof ApiError && (error.kind === 'network' || error.kind === 'timeout' || (error.status !== undefined && [502, 503, 504].includes(error.status)));
}

export type FetchJsonOptions = Omit<RequestOptions, 'body'>;

function readError(body: unknown): { code?: string; message?: string; details?: unknown } {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } }).error;
    return {
      ...(typeof error?.code === 'string' ? { code: error.code } : {}),
      ...(typeof error?.message === 'string' ? { message: error.message } : {}),
      ...(error?.details !== undefined ? { details: error.details } : {}),
    };
  }
  return {};
}

let csrfToken: string | null = null;

async function currentCsrfToken(): Promise<string> {
  csrfToken ??= (await request<{ csrfToken: string }>('GET', '/api/auth/csrf')).csrfToken;
  return csrfToken;
}

/** One HTTP exchange: JSON in and out, a timeout, the caller's abort signal, errors as ApiError. */
async function exchange<T>(method: Method, url: string, headers: Record<string, string>, options: RequestOptions): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const forwardAbort = () => controller.abort();
  options.signal?.addEventListener('abort', forwardAbort);
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        signal: controller.signal,
        // The interface language travels with every request (search analytics count searches per UI language).
        headers: { accept: 'application/json', ...(typeof document === 'undefined' ? {} : { [UI_LANGUAGE_HEADER]: document.documentElement.lang }), ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch (cause) {
      if (timedOut) throw new ApiError('timeout', `Request timed out: ${url}`);
      if (options.signal?.aborted) throw cause; // the caller moved on; not an error to show
      throw new ApiError('network', `Network error: ${url}`);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const { code, message, details } = readError(body);
      const kind = response.status === 404 ? 'not-found' : 'http';
      throw new ApiError(kind, message ?? `HTTP ${response.status}`, response.status, code ?? kind, details);
    }
    if (body === null) throw new ApiError('invalid', `Invalid JSON from ${url}`, response.status);
    return body as T;
  } catch (error) {
    if (timedOut && !(error instanceof ApiError)) throw new ApiError('timeout', `Request timed out: ${url}`);
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', forwardAbort);
  }
}

/**
 * Calls the API. State-changing methods carry the CSRF token; a stale token is renewed and the request sent
 * once more. A request with an idempotency key is also sent again when no answer came.
 */
export async function request<T>(method: Method, url: string, options: RequestOptions = {}): Promise<T> {
  if (method === 'GET') return exchange<T>(method, url, {}, options);
  if (!options.idempotencyKey) return sendWithCsrf<T>(method, url, {}, options);
  const keyHeader = { [IDEMPOTENCY_HEADER]: options.idempotencyKey };
  for (let retry = 0; ; retry++) {
    try {
      return await sendWithCsrf<T>(method, url, keyHeader, options);
    } catch (error) {
      const delay = RETRY_DELAYS_MS[retry];
      if (delay === undefined || !isRetryable(error) || options.signal?.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

async function sendWithCsrf<T>(method: Method, url: string, headers: Record<string, string>, options: RequestOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const token = await currentCsrfToken();
    try {
      const result = await exchange<T>(method, url, { ...headers, [CSRF_HEADER]: token }, options);
      // Sign-in, registration and sign-out rotate the token.
      const rotated = (result as { csrfToken?: unknown } | null)?.csrfToken;
      if (typeof rotated === 'string') csrfToken = rotated;
      return result;
    } catch (error) {
      if (attempt > 0 || !(error instanceof ApiError) || error.code !== 'csrf_failed') throw error;
      csrfToken = null;
    }
  }
}

/** GET `url` as JSON. */
export function fetchJson<T>(url: string, options: FetchJsonOptions = {}): Promise<T> {
  return request<T>('GET', url, options);
}

/** Sends a state-changing JSON request (with the CSRF token; with `idempotencyKey`, retried when no answer came). */
export function send<T>(method: Exclude<Method, 'GET'>, url: string, body?: unknown, options: Pick<RequestOptions, 'idempotencyKey'> = {}): Promise<T> {
  return request<T>(method, url, { ...(body === undefined ? {} : { body }), ...options });
}

/** A fresh idempotency key for one draft: kept across retries of its sending, replaced once it is sent. */
export function newIdempotencyKey(): string {
  // crypto.randomUUID exists only in secure contexts; getRandomValues everywhere (a plain-HTTP intranet too).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * The CSRF header for a request the client library does not send itself (an upload through
 * XMLHttpRequest, which reports upload progress where fetch does not).
 */
export async function csrfHeaders(): Promise<Record<string, string>> {
  return { [CSRF_HEADER]: await currentCsrfToken() };
}

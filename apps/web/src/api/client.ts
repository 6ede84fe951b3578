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

/** Calls the API. State-changing methods carry the CSRF token; a stale token is renewed and the request sent once more. */
export async function request<T>(method: Method, url: string, options: RequestOptions = {}): Promise<T> {
  if (method === 'GET') return exchange<T>(method, url, {}, options);
  for (let attempt = 0; ; attempt++) {
    const token = await currentCsrfToken();
    try {
      const result = await exchange<T>(method, url, { [CSRF_HEADER]: token }, options);
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

/** Sends a state-changing JSON request (with the CSRF token). */
export function send<T>(method: Exclude<Method, 'GET'>, url: string, body?: unknown): Promise<T> {
  return request<T>(method, url, body === undefined ? {} : { body });
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

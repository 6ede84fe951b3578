/** Fetches JSON from the API with a timeout, turning every failure into an ApiError the UI can explain. */

export type ApiErrorKind = 'network' | 'timeout' | 'http' | 'not-found' | 'invalid';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Slow links still get an answer: past this the request is abandoned and a Retry is offered. */
export const DEFAULT_TIMEOUT_MS = 20_000;

export interface FetchJsonOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

function readErrorMessage(body: unknown): string | null {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error?: { message?: unknown } }).error;
    if (typeof error?.message === 'string') return error.message;
  }
  return null;
}

export async function fetchJson<T>(url: string, options: FetchJsonOptions = {}): Promise<T> {
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
      response = await fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
    } catch (cause) {
      if (timedOut) throw new ApiError('timeout', `Request timed out: ${url}`);
      if (options.signal?.aborted) throw cause; // the caller moved on; not an error to show
      throw new ApiError('network', `Network error: ${url}`);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const kind = response.status === 404 ? 'not-found' : 'http';
      throw new ApiError(kind, readErrorMessage(body) ?? `HTTP ${response.status}`, response.status);
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

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

import { useCallback, useEffect, useState } from 'react';
import { ApiError, fetchJson, isAbortError } from './client';

export type ApiState<T> =
  | { status: 'loading'; data: T | null; error: null }
  | { status: 'success'; data: T; error: null }
  | { status: 'error'; data: T | null; error: ApiError };

export interface ApiResult<T> {
  state: ApiState<T>;
  retry: () => void;
}

/** Responses that rarely change (the taxonomy) are kept for the session to save bandwidth. */
const sessionCache = new Map<string, unknown>();

export function clearApiCache(): void {
  sessionCache.clear();
}

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('invalid', String(error));
}

/**
 * Loads `url` (null = nothing to load). Keeps the previous data while reloading so results do not
 * flash away, and aborts the request when the URL changes or the component goes away.
 */
export function useApi<T>(url: string | null, options: { cache?: boolean } = {}): ApiResult<T> {
  const cached = url && options.cache ? (sessionCache.get(url) as T | undefined) : undefined;
  const [state, setState] = useState<ApiState<T>>(
    cached !== undefined ? { status: 'success', data: cached, error: null } : { status: 'loading', data: null, error: null },
  );
  const [attempt, setAttempt] = useState(0);
  const useCache = options.cache === true;

  useEffect(() => {
    if (!url) return;
    const hit = useCache ? (sessionCache.get(url) as T | undefined) : undefined;
    if (hit !== undefined) {
      setState({ status: 'success', data: hit, error: null });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data, error: null }));
    fetchJson<T>(url, { signal: controller.signal }).then(
      (data) => {
        if (useCache) sessionCache.set(url, data);
        setState({ status: 'success', data, error: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        setState((previous) => ({ status: 'error', data: previous.data, error: toApiError(error) }));
      },
    );
    return () => controller.abort();
  }, [url, attempt, useCache]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}

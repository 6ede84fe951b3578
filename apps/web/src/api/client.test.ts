import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fetchJson } from './client';

afterEach(() => vi.unstubAllGlobals());

describe('fetchJson', () => {
  it('gives up on a slow server after the timeout with a "timeout" error', async () => {
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const error = await fetchJson('/api/search', { timeoutMs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('timeout');
  });

  it('reads the API error envelope and the status', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: { code: 'bad_request', message: 'pageSize too large' } }), { status: 400 }));
    const error = (await fetchJson('/api/search').catch((e: unknown) => e)) as ApiError;
    expect([error.kind, error.status, error.message]).toEqual(['http', 400, 'pageSize too large']);
  });

  it('calls an unreachable server a network error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(((await fetchJson('/api/health').catch((e: unknown) => e)) as ApiError).kind).toBe('network');
  });
});

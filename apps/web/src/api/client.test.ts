import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fetchJson, newIdempotencyKey, send } from './client';

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

describe('send', () => {
  it('carries the CSRF token, renews a stale one once, and keeps the token an answer rotates', async () => {
    const seen: { url: string; method: string; token: string | null }[] = [];
    let tokens = 0;
    let staleOnce = true;
    vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      seen.push({ url, method: init.method ?? 'GET', token: headers.get('X-CSRF-Token') });
      if (url === '/api/auth/csrf') return new Response(JSON.stringify({ csrfToken: `t${++tokens}` }));
      if (staleOnce) {
        staleOnce = false;
        return new Response(JSON.stringify({ error: { code: 'csrf_failed', message: 'stale' } }), { status: 403 });
      }
      return new Response(JSON.stringify({ ok: true, csrfToken: 'rotated' }));
    });
    expect(await send('POST', '/api/auth/sign-out')).toEqual({ ok: true, csrfToken: 'rotated' });
    await send('PUT', '/api/forums/asgm/follow');
    expect(seen.map((s) => `${s.method} ${s.url} ${s.token}`)).toEqual([
      'GET /api/auth/csrf null',
      'POST /api/auth/sign-out t1',
      'GET /api/auth/csrf null',
      'POST /api/auth/sign-out t2',
      'PUT /api/forums/asgm/follow rotated',
    ]);
  });

  it('keeps the API error code for the UI', async () => {
    vi.stubGlobal('fetch', async (url: string) =>
      url === '/api/auth/csrf'
        ? new Response(JSON.stringify({ csrfToken: 't' }))
        : new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), { status: 429 }),
    );
    const error = (await send('POST', '/api/threads/1/posts', { body: 'x' }).catch((e: unknown) => e)) as ApiError;
    expect([error.kind, error.status, error.code, error.message]).toEqual(['http', 429, 'rate_limited', 'slow down']);
  });
});

describe('send with an idempotency key', () => {
  // The fault (an API node dying mid-request) is caused for real in the API's two-node crash test; here the
  // client's side of it: what it sends again, and what it never does.
  function stubPosts(answers: Array<() => Response>) {
    const keys: (string | null)[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
      if (url === '/api/auth/csrf') return new Response(JSON.stringify({ csrfToken: 't' }));
      keys.push(new Headers(init.headers).get('Idempotency-Key'));
      const answer = answers.shift();
      if (!answer) throw new Error('unexpected request');
      return answer();
    });
    return keys;
  }
  const nodeGone = () => {
    throw new TypeError('Failed to fetch');
  };

  it('sends the same key again when no answer came, and returns the answer that finally came', async () => {
    const keys = stubPosts([nodeGone, () => new Response('', { status: 502 }), () => new Response(JSON.stringify({ post: { id: 7 } }))]);
    const key = newIdempotencyKey();
    expect(await send('POST', '/api/threads/1/posts', { body: 'hi' }, { idempotencyKey: key })).toEqual({ post: { id: 7 } });
    expect(keys).toEqual([key, key, key]);
  }, 10_000);

  it('never retries an answered failure, nor a request without a key', async () => {
    const keys = stubPosts([() => new Response(JSON.stringify({ error: { code: 'validation_failed', message: 'empty' } }), { status: 400 }), nodeGone]);
    expect(((await send('POST', '/api/threads/1/posts', { body: '' }, { idempotencyKey: 'k1' }).catch((e: unknown) => e)) as ApiError).status).toBe(400);
    expect(((await send('POST', '/api/threads/1/posts', { body: 'x' }).catch((e: unknown) => e)) as ApiError).kind).toBe('network');
    expect(keys).toEqual(['k1', null]);
  });

  it('gives up after its retries with the network error', async () => {
    const keys = stubPosts([nodeGone, nodeGone, nodeGone]);
    expect(((await send('POST', '/api/threads/1/posts', { body: 'x' }, { idempotencyKey: 'k2' }).catch((e: unknown) => e)) as ApiError).kind).toBe('network');
    expect(keys).toEqual(['k2', 'k2', 'k2']);
  }, 10_000);

  it('makes keys the API accepts: 32 hex characters, different each time', () => {
    const [a, b] = [newIdempotencyKey(), newIdempotencyKey()];
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });
});

import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { MeilisearchApiError } from 'meilisearch';

export interface MeilisearchHttpClient {
  /** The `httpClient` option of meilisearch-js: resolves the parsed JSON body, throws on an error status. */
  httpClient: (input: string | URL | Request, init?: RequestInit) => Promise<unknown>;
  /** Closes the kept-alive connections. */
  close(): void;
}

/**
 * An HTTP client for meilisearch-js on node:http with kept-alive connections.
 *
 * Why not the global fetch: it sends a larger request body in a separate segment from the headers, and
 * on a kept-alive loopback connection that segment waits for the server's delayed ACK: a constant ~40 ms
 * on every search with facets (measured: 48 ms through fetch, 1.8 ms through node:http, same query).
 * node:http writes the headers and a body passed to `end()` together.
 */
export function createMeilisearchHttpClient(): MeilisearchHttpClient {
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 32 });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 32 });

  const httpClient = (input: string | URL | Request, init: RequestInit = {}): Promise<unknown> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const secure = url.protocol === 'https:';
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const signal = init.signal ?? undefined;

    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const send = secure ? httpsRequest : httpRequest;
      const req = send(url, { method: init.method ?? 'GET', headers, agent: secure ? httpsAgent : httpAgent }, (res) => {
        readBody(res).then((text) => {
          const parsed = text === '' ? undefined : safeParse(text);
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(parsed);
          else reject(new MeilisearchApiError(new Response(text, { status, statusText: res.statusMessage, headers: toHeaders(res) }), parsed as never));
        }, reject);
      });
      const onAbort = () => {
        req.destroy();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', reject);
      req.on('close', () => signal?.removeEventListener('abort', onAbort));
      req.end(body);
    });
  };

  return {
    httpClient,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

function toHeaders(res: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(res.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

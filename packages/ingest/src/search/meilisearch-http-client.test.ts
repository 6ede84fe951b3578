import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Meilisearch, MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from './embedded-meilisearch';
import { createMeilisearchHttpClient } from './meilisearch-http-client';

let server: EmbeddedMeilisearch;
const dir = mkdtempSync(join(tmpdir(), 'mep-meili-http-'));
const http = createMeilisearchHttpClient();

beforeAll(async () => {
  server = await startEmbeddedMeilisearch({ dataDir: dir });
}, 60_000);
afterAll(async () => {
  http.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the node:http client for meilisearch-js', () => {
  it('indexes and searches like the default client', async () => {
    const client = new Meilisearch({ host: server.url, apiKey: server.masterKey, httpClient: http.httpClient });
    const index = client.index('t');
    await index.updateFilterableAttributes(['lang']).waitTask({ timeout: 60_000 });
    await index.addDocuments([{ id: 1, text: 'mercury emissions', lang: 'en' }, { id: 2, text: 'émissions de mercure', lang: 'fr' }]).waitTask({ timeout: 60_000 }); // generous: the machine may be loaded
    const { results } = await client.multiSearch({ queries: [{ indexUid: 't', q: 'emissions', filter: 'lang = en', facets: ['lang'] }] });
    expect(results[0]?.hits.map((h) => h.id)).toEqual([1]);
    expect(results[0]?.facetDistribution?.lang).toEqual({ en: 1 });
  });

  it('raises MeilisearchApiError with Meilisearch’s code on an error status (as the cause of the request error)', async () => {
    const client = new Meilisearch({ host: server.url, apiKey: 'wrong key', httpClient: http.httpClient });
    const error = await client.index('t').search('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeilisearchRequestError);
    const cause = (error as Error).cause;
    expect(cause).toBeInstanceOf(MeilisearchApiError);
    expect((cause as MeilisearchApiError).cause?.code).toBe('invalid_api_key');
  });

  it('honours the request timeout against a server that never answers', async () => {
    // a loopback listener that accepts and stays silent
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const { port } = silent.address() as AddressInfo;
    try {
      const client = new Meilisearch({ host: `http://127.0.0.1:${port}`, apiKey: 'k', timeout: 100, httpClient: http.httpClient });
      const error = await client.health().catch((e: unknown) => e);
      expect((error as Error).cause).toBeInstanceOf(MeilisearchRequestTimeOutError);
    } finally {
      silent.close();
    }
  });
});

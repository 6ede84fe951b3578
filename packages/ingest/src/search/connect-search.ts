import { Meilisearch, type Index } from 'meilisearch';
import type { Taxonomy } from '@mep/taxonomy';
import { buildSearchSynonyms } from '@mep/taxonomy';
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from './embedded-meilisearch';
import { createMeilisearchHttpClient } from './meilisearch-http-client';
import { documentsIndexSettings, passagesIndexSettings } from './index-settings';
import type { DocumentSearchRecord, PassageSearchRecord } from './search-records';

export interface SearchConnection {
  client: Meilisearch;
  url: string;
  /** True when this process started Meilisearch itself. */
  embedded: boolean;
  documents: Index<DocumentSearchRecord>;
  passages: Index<PassageSearchRecord>;
  /** Full index name for an index of this deployment (e.g. `posts` → `mep_posts`). */
  indexName(name: string): string;
  /** Creates the indexes and applies their settings; waits until Meilisearch has applied them. */
  ensureIndexes(): Promise<void>;
  /** True when Meilisearch answers its health check. */
  ping(): Promise<boolean>;
  /** Stops the embedded server, if this process started one. */
  close(): Promise<void>;
}

export interface ConnectSearchOptions {
  /** External server; when absent Meilisearch is started as a child process. */
  url?: string;
  masterKey?: string;
  /** Data folder for the embedded server. */
  embeddedDataDir: string;
  taxonomy: Taxonomy;
  /** Lets several test suites share one server without touching each other's indexes. */
  indexPrefix?: string;
  log?: (line: string) => void;
}

/** Connects to Meilisearch (starting the embedded one when no URL is given) and ensures the indexes exist. */
export async function connectSearch(options: ConnectSearchOptions): Promise<SearchConnection> {
  let server: EmbeddedMeilisearch | undefined;
  let url = options.url;
  let apiKey = options.masterKey;
  if (!url) {
    server = await startEmbeddedMeilisearch({ dataDir: options.embeddedDataDir, log: options.log });
    url = server.url;
    apiKey = server.masterKey;
  }
  const http = createMeilisearchHttpClient();
  const client = new Meilisearch({ host: url, apiKey, timeout: 30_000, httpClient: http.httpClient });
  const prefix = options.indexPrefix ?? 'mep_';
  const indexName = (name: string) => `${prefix}${name}`;
  const connection: SearchConnection = {
    client,
    url,
    embedded: Boolean(server),
    documents: client.index<DocumentSearchRecord>(indexName('documents')),
    passages: client.index<PassageSearchRecord>(indexName('passages')),
    indexName,
    async ensureIndexes() {
      const synonyms = buildSearchSynonyms({ acronymsOnly: true });
      await Promise.all([
        client.index(indexName('documents')).updateSettings(documentsIndexSettings(synonyms)).waitTask({ timeout: 120_000 }),
        client.index(indexName('passages')).updateSettings(passagesIndexSettings(synonyms)).waitTask({ timeout: 120_000 }),
      ]);
    },
    async ping() {
      try {
        await client.health();
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      http.close();
      await server?.stop();
    },
  };
  try {
    await connection.ensureIndexes();
  } catch (error) {
    http.close();
    await server?.stop();
    throw error;
  }
  return connection;
}

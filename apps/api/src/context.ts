import { join } from 'node:path';
import { closeDatabase, openDatabase, type Db } from '@mep/db';
import { closeSandboxPools, connectSearch, createBlobStore, type BlobStore, type SearchConnection } from '@mep/ingest';
import { loadTaxonomy, type Taxonomy } from '@mep/taxonomy';
import type { Config } from './config';
import { createEventBus, type EventBus } from './events';
import { closeMarkdownPool } from './services/markdown-pool';

/** Everything a request handler, a socket handler or a CLI command needs, created once per process. */
export interface AppContext {
  config: Config;
  db: Db;
  blobs: BlobStore;
  search: SearchConnection;
  taxonomy: Taxonomy;
  events: EventBus;
  log: Logger;
}

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  error: (message, error) => console.error(message, error ?? ''),
};

/**
 * Opens the database, the blob store and the search connection (starting the embedded Meilisearch
 * when no MEILI_URL is configured).
 */
export async function createContext(config: Config, log: Logger = consoleLogger): Promise<AppContext> {
  const db = openDatabase(join(config.dataDir, 'mep.sqlite'));
  try {
    const blobs = createBlobStore(config.blobStore);
    const taxonomy = loadTaxonomy();
    const search = await connectSearch({
      url: config.meiliUrl,
      masterKey: config.meiliMasterKey,
      embeddedDataDir: join(config.dataDir, 'meilisearch'),
      taxonomy,
    });
    const events = createEventBus((name, error) => log.error(`A listener of ${name} failed`, error));
    return { config, db, blobs, search, taxonomy, events, log };
  } catch (error) {
    closeDatabase(db);
    throw error;
  }
}

/** Stops the extraction sandboxes, the Markdown threads and the embedded Meilisearch (if any), and closes the database. */
export async function closeContext(context: AppContext): Promise<void> {
  await closeSandboxPools();
  await closeMarkdownPool();
  await context.search.close();
  closeDatabase(context.db);
}

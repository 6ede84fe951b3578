import { join } from 'node:path';
import { closeDatabase, openDatabase, type Db } from '@mep/db';
import { closeSandboxPools, connectSearch, createBlobStore, createDocumentIndexWorker, createOcrService, type BlobStore, type OcrService, type SearchConnection, type SearchOutboxWorker } from '@mep/ingest';
import { loadTaxonomy, type Taxonomy } from '@mep/taxonomy';
import type { Config } from './config';
import { createEventBus, type EventBus } from './events';
import { notifyConceptFollowersOnIngest } from './services/concept-follows';
import { closeMarkdownPool } from './services/markdown-pool';
import { syncTaxonomy } from './services/taxonomy/taxonomy-sync';
import { createLogger, type Logger } from './observability/logger';
import { createMetrics, type Metrics } from './observability/metrics';

export type { Logger } from './observability/logger';

/** Everything a request handler, a socket handler or a CLI command needs, created once per process. */
export interface AppContext {
  config: Config;
  db: Db;
  blobs: BlobStore;
  search: SearchConnection;
  taxonomy: Taxonomy;
  events: EventBus;
  /** Structured (pino) unless the caller passed its own; lines carry the current request / socket / ingest ids. */
  log: Logger;
  /** Prometheus registry of this process (served at /metrics). */
  metrics: Metrics;
  /** Set when the process is shutting down: readiness answers 503 so balancers stop sending work. */
  lifecycle: { draining: boolean };
  /** Background OCR of image-only pages (`available: false` with a reason when Tesseract is missing). */
  ocr: OcrService;
  /**
   * Applies the search outbox (documents here; the forum runtime adds posts) in the background, retrying
   * while Meilisearch is away. Services write outbox rows in their transactions and `notify()` it after commit.
   */
  searchOutbox: SearchOutboxWorker;
}

/**
 * Opens the database, the blob store and the search connection (starting the embedded Meilisearch
 * when no MEILI_URL is configured).
 */
export async function createContext(
  config: Config,
  log: Logger = createLogger({ level: config.logLevel ?? 'info' }),
  options: { migrate?: 'apply' | 'verify' } = {},
): Promise<AppContext> {
  // `mep serve` verifies (an unmigrated database is refused with the command to run); other commands migrate.
  const db = await openDatabase(config.database, { migrate: options.migrate ?? 'apply', poolSize: config.databasePoolSize });
  try {
    const blobs = createBlobStore(config.blobStore);
    const taxonomy = loadTaxonomy();
    // Curators' edits (the database's overlays) before anything tags or configures search synonyms.
    await syncTaxonomy(db, taxonomy);
    const search = await connectSearch({
      url: config.meiliUrl,
      masterKey: config.meiliMasterKey,
      embeddedDataDir: join(config.dataDir, 'meilisearch'),
      taxonomy,
    });
    const events = createEventBus((name, error) => log.error(`A listener of ${name} failed`, error));
    const searchOutbox = createDocumentIndexWorker(db, search, taxonomy, { maxBackoffMs: config.searchRetryMaxMs, onError: (message, error) => log.error(message, error) });
    const ocr = await createOcrService({ db, blobs, taxonomy, search, searchOutbox }, config.ocr);
    const metrics = createMetrics();
    metrics.setOutboxLagSource(() => searchOutbox.lagSeconds());
    searchOutbox.start();
    // Documents stored as published (mep ingest, curators' uploads) notify the followers of their concepts.
    notifyConceptFollowersOnIngest({ db, events, log });
    return { config, db, blobs, search, taxonomy, events, log, metrics, lifecycle: { draining: false }, ocr, searchOutbox };
  } catch (error) {
    await closeDatabase(db);
    throw error;
  }
}

/** Stops the extraction sandboxes, the Markdown threads and the embedded Meilisearch (if any), and closes the database. */
export async function closeContext(context: AppContext): Promise<void> {
  await context.ocr.close();
  await context.searchOutbox.stop();
  await closeSandboxPools();
  await closeMarkdownPool();
  await context.search.close();
  await closeDatabase(context.db);
}

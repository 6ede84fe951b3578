import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isPostgresUrl } from '@mep/db';
import { createTestDatabaseTarget } from '@mep/db/testing';
import type { IngestOutcome } from '@mep/ingest';
import { ingestFiles } from '@mep/ingest';
import { readConfig, type Config } from '../src/config';
import { closeContext, createContext, type AppContext, type Logger } from '../src/context';
import { startServer, type RunningServer } from '../src/server';

/** ../shared beside the repository: the real corpus, hostile PDFs and reference data. */
export const sharedDir = resolve(import.meta.dirname, '../../../../shared');
export const corpusDir = join(sharedDir, 'corpus');
export const fixturesDir = resolve(import.meta.dirname, '../../../fixtures');

export interface TestPlatform {
  url: string;
  context: AppContext;
  server: RunningServer;
  outcomes: IngestOutcome[];
  dataDir: string;
  /** GET a JSON API path; returns status and parsed body. */
  get<T = any>(path: string): Promise<{ status: number; body: T; headers: Headers }>;
  close(): Promise<void>;
}

const quietLogger: Logger = { info: () => {}, error: (message, error) => console.error(message, error) };

/**
 * Starts the whole platform as `mep serve` would — SQLite file, embedded Meilisearch, blob store and
 * HTTP server on a free port — in a temporary data folder, optionally ingesting paths first.
 */
export async function startTestPlatform(
  options: { ingest?: string[]; env?: Record<string, string>; configure?: (config: Config) => Config; log?: Logger } = {},
): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mep-api-'));
  // Tests recognise only the first pages of image-only documents (MEP_OCR_MAX_PAGES) to stay quick.
  // SQLite in the data folder, or (the PostgreSQL test run) a fresh database on the run's PostgreSQL server.
  const database = await createTestDatabaseTarget(dataDir);
  const databaseEnv: Record<string, string> = isPostgresUrl(database) ? { DATABASE_URL: database } : {};
  let config = readConfig({ MEP_DATA_DIR: dataDir, PORT: '0', MEP_OCR_MAX_PAGES: '3', ...databaseEnv, ...options.env });
  if (options.configure) config = options.configure(config);
  const context = await createContext(config, options.log ?? quietLogger);
  const outcomes = options.ingest ? await ingestFiles(options.ingest, context) : [];
  const server = await startServer(context, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    context,
    server,
    outcomes,
    dataDir,
    async get(path) {
      const response = await fetch(url + path);
      const text = await response.text();
      let body: any = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body, headers: response.headers };
    },
    async close() {
      await server.close();
      await closeContext(context);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * kill -9 mid-ingest: `mep ingest` on a folder is killed (SIGKILL to its process group, sandboxes
 * included) at several points of the batch, then run again to the end. Afterwards every file is a
 * document exactly once, every blob belongs to a document, no job is left `running`, the outbox is
 * empty and Meilisearch holds exactly the database's documents.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeDatabase, documents, ingestJobs, isPostgresUrl, openDatabase, searchOutbox } from '@mep/db';
import { createTestDatabaseTarget } from '@mep/db/testing';
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from '@mep/ingest';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir } from '../platform';

const repoRoot = resolve(import.meta.dirname, '../../../..');
const cli = resolve(repoRoot, 'apps/api/src/cli/main.ts');
const temp = mkdtempSync(join(tmpdir(), 'mep-kill-ingest-'));
const folder = join(temp, 'files');
const dataDir = join(temp, 'data');
let meili: EmbeddedMeilisearch;
let env: Record<string, string>;
let database: string;

beforeAll(async () => {
  mkdirSync(folder, { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  // Real fixtures of every kind (not the broken or image-only ones: each file here must become a document)…
  for (const name of readdirSync(fixturesDir)) {
    if (/\.(pdf|docx|html|md|txt)$/.test(name) && !/corrupt|empty|image-only|README/i.test(name)) copyFileSync(join(fixturesDir, name), join(folder, name));
  }
  for (const name of readdirSync(join(fixturesDir, 'reports'))) {
    if (/\.(pdf|docx)$/.test(name)) copyFileSync(join(fixturesDir, 'reports', name), join(folder, `report-${name}`));
  }
  // …and enough small notes that a batch has many points to be killed at.
  for (let i = 0; i < 16; i++) {
    writeFileSync(join(folder, `note-${i}.md`), `# Mercury note ${i}\n\nInterim storage of mercury, note ${i}: ${'mercury waste management '.repeat(20 + i)}\n`);
  }
  meili = await startEmbeddedMeilisearch({ dataDir: join(temp, 'meili') });
  database = await createTestDatabaseTarget(dataDir);
  env = {
    MEP_DATA_DIR: dataDir,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    MEP_OCR: 'off',
    ...(isPostgresUrl(database) ? { DATABASE_URL: database } : {}),
  };
}, 120_000);

afterAll(async () => {
  await meili?.stop();
  rmSync(temp, { recursive: true, force: true });
});

/**
 * Runs `mep ingest folder` in its own process group; with `killAfter`, SIGKILLs the whole group once
 * that many files were reported. Resolves with the output and how it ended.
 */
function ingest(killAfter?: number): Promise<{ output: string; code: number | null; signal: string | null; reported: number }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'ingest', folder], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    let reported = 0;
    let killed = false;
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 240_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      reported = (output.match(/^\[\d+\/\d+\]/gm) ?? []).length;
      if (killAfter !== undefined && !killed && reported >= killAfter) {
        killed = true;
        process.kill(-child.pid!, 'SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ output, code, signal, reported });
    });
  });
}

/** Every blob key in the local store (temp files of an interrupted write are not blobs). */
function blobKeys(): string[] {
  const root = join(dataDir, 'blobs');
  const keys: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (/^[0-9a-f]{64}$/.test(entry.name)) keys.push(entry.name);
    }
  };
  try {
    walk(root);
  } catch {
    // no blob yet
  }
  return keys.sort();
}

describe('mep ingest killed with SIGKILL', () => {
  it('ends, after a re-run, with each file a document exactly once, no orphan blob, no running job, and search agreeing', async () => {
    const files = readdirSync(folder).sort();
    const hashes = [...new Set(files.map((name) => createHash('sha256').update(readFileSync(join(folder, name))).digest('hex')))].sort();

    for (const killAfter of [1, 9, 18]) {
      const run = await ingest(killAfter);
      expect(run.signal, run.output).toBe('SIGKILL');
    }
    const last = await ingest();
    expect(last.code, last.output).toBe(0);
    expect(last.output).toMatch(/failed: 0/);

    const db = await openDatabase(database, { migrate: 'verify' });
    try {
      const rows = await db.select({ id: documents.id, sha256: documents.sha256 }).from(documents).all();
      expect(rows.map((r) => r.sha256).sort()).toEqual(hashes);
      expect(blobKeys()).toEqual(hashes);
      const running = await db.select().from(ingestJobs).all();
      expect(running.filter((job) => job.status === 'running')).toEqual([]);
      expect(await db.select().from(searchOutbox).all()).toEqual([]);

      const client = new Meilisearch({ host: meili.url, apiKey: meili.masterKey });
      const indexed = await client.index('mep_documents').getDocuments({ limit: 1000, fields: ['id'] });
      expect(indexed.results.map((d) => String(d.id)).sort()).toEqual(rows.map((r) => r.id).sort());
      const passages = await client.index('mep_passages').search('', { filter: 'documentId IS NOT NULL', limit: 0 });
      expect(passages.estimatedTotalHits).toBeGreaterThan(0);
    } finally {
      await closeDatabase(db);
    }
  }, 600_000);
});

/**
 * Every hostile PDF of ../shared/robustness through the whole ingest pipeline with OCR on: each file
 * must end ingested (its image pages recognised, or flagged as holding no text) or failed with a
 * stable code and a sentence, never a crash or a hang. OCR is capped at the first page of each
 * document (MEP_OCR_MAX_PAGES=1), at 100 dpi, to keep the run bounded.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { closeDatabase, documents, ocrJobs, openDatabase } from '@mep/db';
import { createTestDatabaseTarget } from '@mep/db/testing';
import { loadTaxonomy } from '@mep/taxonomy';
import { INGEST_ERROR_CODES, type IngestErrorCode } from '../errors';
import { ROBUSTNESS } from '../extract/paths.test-support';
import { closeSandboxPools } from '../extract/sandbox';
import { ingestFiles } from '../pipeline/ingest-files';
import { createLocalBlobStore } from '../storage/local';
import { createOcrService } from './ocr-service';

const files = ['pdfjs', 'pdfminer', 'qpdf'].flatMap((dir) => readdirSync(join(ROBUSTNESS, dir)).map((name) => join(ROBUSTNESS, dir, name)));
const dir = mkdtempSync(join(tmpdir(), 'mep-robust-ocr-'));
afterAll(async () => {
  await closeSandboxPools();
  rmSync(dir, { recursive: true, force: true });
});

it(`ingests all ${files.length} robustness PDFs with OCR on: every file ingested or failed with a reason`, { timeout: 1_200_000 }, async () => {
  const db = await openDatabase(await createTestDatabaseTarget(dir));
  const deps = { db, blobs: createLocalBlobStore(join(dir, 'blobs')), taxonomy: loadTaxonomy() };
  const ocr = await createOcrService(deps, { maxPages: 1, pageTimeoutMs: 20_000, maxMemoryMb: 768, dpi: 100 });
  expect(ocr.available).toBe(true);
  const started = performance.now();
  try {
    const outcomes = await ingestFiles(files, { ...deps, ocr }, { timeoutMs: 10_000 });
    const ingestSeconds = (performance.now() - started) / 1000;
    await ocr.idle();
    const totalSeconds = (performance.now() - started) / 1000;

    expect(outcomes).toHaveLength(files.length);
    const tally = new Map<string, number>();
    const count = (key: string): void => void tally.set(key, (tally.get(key) ?? 0) + 1);
    const unexpected: string[] = [];
    for (const outcome of outcomes) {
      if (outcome.status === 'failed') {
        if (!INGEST_ERROR_CODES.includes(outcome.errorCode as IngestErrorCode) || outcome.message.length < 10) unexpected.push(`${outcome.source}: ${outcome.errorCode} ${outcome.message}`);
        count(`failed: ${outcome.errorCode}`);
        continue;
      }
      if (outcome.status === 'duplicate') {
        count('duplicate');
        continue;
      }
      const doc = (await db.select().from(documents).where(eq(documents.id, outcome.documentId!)).get())!;
      const job = await db.select().from(ocrJobs).where(eq(ocrJobs.documentId, doc.id)).get();
      if (!job) count('ingested (text layer)');
      else if (job.status === 'queued' || job.status === 'running') unexpected.push(`${outcome.source}: OCR job left ${job.status}`);
      else if (doc.flags.some((f) => f.startsWith('ocr:'))) count('ingested (text recognised by OCR)');
      else if (doc.flags.some((f) => f.startsWith('no-text'))) count('ingested (no text in the page images)');
      else count(`ingested (OCR ${job.status}: ${job.message?.slice(0, 60)})`);
    }
    console.log(
      `robustness with OCR: ${files.length} files, ingest ${ingestSeconds.toFixed(0)} s, with OCR ${totalSeconds.toFixed(0)} s`,
      Object.fromEntries([...tally].sort((a, b) => b[1] - a[1])),
    );
    expect(unexpected).toEqual([]);
    // Image-only PDFs are stored and recognised now, not refused as "no extractable text".
    expect(tally.get('failed: no-text') ?? 0).toBe(0);
    expect(tally.get('ingested (text recognised by OCR)') ?? 0).toBeGreaterThan(0);
  } finally {
    await ocr.close();
    await closeDatabase(db);
  }
});

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { closeDatabase, documents, ingestJobs, openDatabase, pages, type Db } from '@mep/db';
import { createTestDatabaseTarget } from '@mep/db/testing';
import { loadTaxonomy } from '@mep/taxonomy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSandboxPools, createBlobStore, INGEST_ERROR_CODES, ingestFiles, type BlobStore } from '../src';

const shared = resolve(import.meta.dirname, '../../../../shared');
const robustnessDir = join(shared, 'robustness');
const conventionPdf = join(shared, 'corpus/minamata/minamata-convention.pdf');

let dir: string;
let db: Db;
let blobs: BlobStore;
const taxonomy = loadTaxonomy();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mep-pipeline-'));
  db = await openDatabase(await createTestDatabaseTarget(dir));
  blobs = createBlobStore({ kind: 'local', dir: join(dir, 'blobs') });
});
afterAll(async () => {
  await closeSandboxPools();
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const documentCount = async () => (await db.select({ n: count() }).from(documents).get())!.n;

describe('ingestFiles', () => {
  it('ingests a real PDF with pages, concepts and a job, and calls the same bytes a duplicate', async () => {
    const [first] = await ingestFiles([conventionPdf], { db, blobs, taxonomy });
    expect(first).toMatchObject({ status: 'ingested', language: 'en', pageCount: 31 });
    expect((await db.select({ n: count() }).from(pages).where(eq(pages.documentId, first!.documentId!)).get())!.n).toBe(31);
    const [again] = await ingestFiles([conventionPdf], { db, blobs, taxonomy });
    expect(again).toMatchObject({ status: 'duplicate', documentId: first!.documentId });
    expect(await documentCount()).toBe(1);
  });

  it('turns hostile files into failed jobs with clear reasons and loses nothing ingested before', async () => {
    const hostile = join(dir, 'hostile');
    rmSync(hostile, { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(hostile);
    writeFileSync(join(hostile, 'empty.pdf'), '');
    writeFileSync(join(hostile, 'truncated.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n');
    writeFileSync(join(hostile, 'binary.docx'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    writeFileSync(join(hostile, 'image.pdf.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const outcomes = await ingestFiles([hostile, join(dir, 'does-not-exist.pdf')], { db, blobs, taxonomy }, { maxBytes: 10 * 1024 * 1024 });
    expect(outcomes).toHaveLength(5);
    for (const outcome of outcomes) {
      expect(outcome.status, outcome.source).toBe('failed');
      expect(outcome.message.length, outcome.source).toBeGreaterThan(10);
    }
    expect(outcomes.find((o) => o.source.endsWith('empty.pdf'))?.errorCode).toBe('empty-file');
    expect(outcomes.find((o) => o.source.endsWith('does-not-exist.pdf'))?.errorCode).toBe('unreadable');
    expect(await documentCount()).toBe(1);
  });

  it('refuses an oversized file before reading it', async () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'mercury '.repeat(200_000));
    const [outcome] = await ingestFiles([big], { db, blobs, taxonomy }, { maxBytes: 1024 * 1024 });
    expect(outcome).toMatchObject({ status: 'failed', errorCode: 'too-large' });
  });

  it('survives every malformed and hostile PDF of ../shared/robustness: each ingested or failed with a reason', async () => {
    const total = readdirSync(robustnessDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.pdf')).length;
    const before = await documentCount();
    const outcomes = await ingestFiles([robustnessDir], { db, blobs, taxonomy }, { timeoutMs: 15_000, concurrency: 2 });
    expect(outcomes.length).toBeGreaterThanOrEqual(total);
    const tally: Record<string, number> = {};
    for (const outcome of outcomes) {
      const key = outcome.status === 'failed' ? `failed:${outcome.errorCode}` : outcome.status;
      tally[key] = (tally[key] ?? 0) + 1;
      expect(['ingested', 'duplicate', 'failed']).toContain(outcome.status);
      if (outcome.status === 'failed') {
        expect([...INGEST_ERROR_CODES, 'unreadable', 'internal-error'], `${outcome.source}: ${outcome.message}`).toContain(outcome.errorCode);
        expect(outcome.errorCode, `${outcome.source}: ${outcome.message}`).not.toBe('internal-error');
        expect(outcome.message.length).toBeGreaterThan(5);
      }
    }
    console.log(`robustness corpus through the pipeline (${outcomes.length} files):`, JSON.stringify(tally));
    const jobs = (await db.select({ n: count() }).from(ingestJobs).get())!.n;
    expect(jobs).toBeGreaterThanOrEqual(outcomes.length);
    expect(await documentCount()).toBe(before + (tally.ingested ?? 0));
    expect(await db.select().from(documents).where(eq(documents.fileName, 'minamata-convention.pdf')).get()).toBeDefined();
  }, 900_000);
});

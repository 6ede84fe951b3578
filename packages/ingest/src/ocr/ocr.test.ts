/**
 * The OCR stage with the real programs: pdftoppm and Tesseract (Debian packages), a real SQLite
 * database and blob folder. A "scan" is made here from a fixture: its page rendered to an image and
 * wrapped in a PDF with no text layer, as a scanner would produce it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, documents, ocrJobs, openDatabase, pages, type Db } from '@mep/db';
import { createTestDatabaseTarget } from '@mep/db/testing';
import { loadTaxonomy } from '@mep/taxonomy';
import { closeSandboxPools } from '../extract/sandbox';
import { FIXTURES } from '../extract/paths.test-support';
import { ingestFiles } from '../pipeline/ingest-files';
import { createLocalBlobStore } from '../storage/local';
import { OcrError, probeOcr, runBounded } from './engine';
import { createOcrService } from './ocr-service';
import { normaliseOcrText, parseTsvConfidence } from './ocr-text';
import { DEFAULT_OCR_SETTINGS } from './settings';

let dir: string;
let scanPath: string;

/** A one-page PDF holding only a 200 dpi image of the fixture's first page. */
async function makeScan(source: string, target: string): Promise<void> {
  execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', '-singlefile', '-f', '1', '-l', '1', source, join(dir, 'scan')]);
  const pdf = await PDFDocument.create();
  const png = await pdf.embedPng(readFileSync(join(dir, 'scan.png')));
  const page = pdf.addPage([595, 842]);
  page.drawImage(png, { x: 0, y: 0, width: 595, height: 842 });
  writeFileSync(target, await pdf.save());
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mep-ocr-test-'));
  scanPath = join(dir, 'scanned-products-guide.pdf');
  await makeScan(`${FIXTURES}en-products-guide.pdf`, scanPath);
});
afterAll(async () => {
  await closeSandboxPools();
  rmSync(dir, { recursive: true, force: true });
});

async function openStore(): Promise<{ db: Db; blobs: ReturnType<typeof createLocalBlobStore>; taxonomy: ReturnType<typeof loadTaxonomy> }> {
  const db = await openDatabase(await createTestDatabaseTarget(mkdtempSync(join(tmpdir(), 'mep-ocr-db-'))));
  return { db, blobs: createLocalBlobStore(mkdtempSync(join(dir, 'blobs-'))), taxonomy: loadTaxonomy() };
}

describe('OCR text helpers', () => {
  it('re-joins Chinese lines and drops spaces between Han characters, keeping paragraphs', () => {
    expect(normaliseOcrText('海洋生物\n多样性 的养护\n\n\n第二段\f')).toBe('海洋生物多样性的养护\n\n第二段');
    expect(normaliseOcrText('mercury\nemissions')).toBe('mercury\nemissions');
  });

  it('averages word confidences from the TSV, weighted by length, ignoring non-words', () => {
    const tsv = ['level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext', '4\t1\t1\t1\t1\t0\t0\t0\t1\t1\t-1\t', '5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tmercury', '5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t30\ta', '5\t1\t1\t1\t1\t3\t0\t0\t1\t1\t95\t '].join('\n');
    expect(parseTsvConfidence(tsv)).toBeCloseTo((90 * 7 + 30) / 8, 1);
    expect(parseTsvConfidence('level\n')).toBe(0);
  });
});

describe('bounded OCR programs', () => {
  it('kills a program that runs past its time limit', async () => {
    const error = await runBounded('sleep', ['20'], { timeoutMs: 300, maxMemoryMb: 256 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OcrError);
    expect((error as OcrError).code).toBe('timeout');
  });

  it('stops a program that exceeds its memory limit', async () => {
    const error = await runBounded('/bin/sh', ['-c', 'x=$(head -c 200000000 /dev/zero | tr "\\0" a); echo "$x" | wc -c'], { timeoutMs: 30_000, maxMemoryMb: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OcrError);
    expect(['out-of-memory', 'failed']).toContain((error as OcrError).code);
  });

  it('reports a missing Tesseract as unavailable, with the reason', async () => {
    const probe = await probeOcr({ ...DEFAULT_OCR_SETTINGS, tesseractPath: '/nonexistent/tesseract' });
    expect(probe.available).toBe(false);
    if (!probe.available) expect(probe.reason).toMatch(/OCR is unavailable: .*tesseract.*not found/);
  });

  it('finds the installed Tesseract languages', async () => {
    const probe = await probeOcr(DEFAULT_OCR_SETTINGS);
    expect(probe.available).toBe(true);
    if (probe.available) expect(probe.languages).toEqual(expect.arrayContaining(['ara', 'chi_sim', 'eng', 'fra', 'rus', 'spa']));
  });
});

describe('the OCR stage', () => {
  it('stores a scanned PDF at once, then recognises its page in the background: text, confidence, real title', { timeout: 180_000 }, async () => {
    const store = await openStore();
    const ocr = await createOcrService(store);
    try {
      const [outcome] = await ingestFiles([scanPath], { ...store, ocr });
      expect(outcome!.status).toBe('ingested');
      expect(outcome!.flags.join(' ')).toMatch(/ocr-pending/);
      expect(outcome!.title).toBe('Scanned products guide'); // from the file name until the text is read
      await ocr.idle();
      const id = outcome!.documentId!;
      const page = (await store.db.select().from(pages).where(eq(pages.documentId, id)).get())!;
      expect(page.text).toMatch(/mercury/i);
      expect(page.ocrConfidence).toBeGreaterThan(60);
      const doc = (await store.db.select().from(documents).where(eq(documents.id, id)).get())!;
      expect(doc.title).not.toBe('Scanned products guide');
      expect(doc.language).toBe('en');
      expect(doc.flags.join('\n')).toMatch(/^ocr: text recognised from the page images of 1 page/m);
      expect(doc.flags.join(' ')).not.toMatch(/ocr-pending|title-from-file-name|no-text-layer/);
      const job = (await store.db.select().from(ocrJobs).where(eq(ocrJobs.documentId, id)).get())!;
      expect(job).toMatchObject({ status: 'done', languages: 'eng+fra+spa', pagesDone: 1 });
    } finally {
      await ocr.close();
      await closeDatabase(store.db);
    }
  });

  it('keeps a page with no text image as a document flagged no-text', { timeout: 120_000 }, async () => {
    const store = await openStore();
    const ocr = await createOcrService(store);
    try {
      const [outcome] = await ingestFiles([`${FIXTURES}image-only.pdf`], { ...store, ocr });
      expect(outcome!.status).toBe('ingested');
      await ocr.idle();
      const doc = (await store.db.select().from(documents).where(eq(documents.id, outcome!.documentId!)).get())!;
      expect(doc.flags).toContain('no-text: no text was found on the page images');
    } finally {
      await ocr.close();
      await closeDatabase(store.db);
    }
  });

  it('files a scanned Portuguese page as `other` with its ISO code, read from the recognised text', { timeout: 180_000 }, async () => {
    // A text PDF in Portuguese (outside the six), then its page as an image only.
    const source = await PDFDocument.create();
    const font = await source.embedFont(StandardFonts.Helvetica);
    const page = source.addPage([595, 842]);
    const lines = [
      'Plano de acao nacional sobre o mercurio',
      'O governo apresenta o seu plano nacional para reduzir o uso de mercurio na mineracao',
      'de ouro artesanal e de pequena escala. As comunidades mineiras receberao formacao',
      'sobre tecnicas sem mercurio, e as autoridades vao acompanhar as emissoes e as',
      'liberacoes para o ambiente. Os resultados serao comunicados todos os anos a',
      'Conferencia das Partes, com os dados de cada regiao do pais e as licoes aprendidas.',
    ];
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 22, size: 13, font }));
    const textPdf = join(dir, 'pt-source.pdf');
    writeFileSync(textPdf, await source.save());
    const scanned = join(dir, 'plano-nacional.pdf');
    await makeScan(textPdf, scanned);
    const store = await openStore();
    const ocr = await createOcrService(store);
    try {
      const [outcome] = await ingestFiles([scanned], { ...store, ocr });
      expect(outcome!.status).toBe('ingested');
      await ocr.idle();
      const [doc] = await store.db.select().from(documents).where(eq(documents.id, outcome!.documentId!));
      expect(doc?.language).toBe('other');
      expect(doc?.flags).toContain('language-other: pt');
    } finally {
      await ocr.close();
      await closeDatabase(store.db);
    }
  });

  it('without Tesseract, ingests what it can and says OCR is unavailable', { timeout: 120_000 }, async () => {
    const store = await openStore();
    const ocr = await createOcrService(store, { tesseractPath: '/nonexistent/tesseract' });
    try {
      expect(ocr.available).toBe(false);
      const outcomes = await ingestFiles([scanPath, `${FIXTURES}en-products-guide.pdf`], { ...store, ocr });
      const scan = outcomes.find((o) => o.source === scanPath)!;
      expect(scan).toMatchObject({ status: 'failed', errorCode: 'no-text' });
      expect(scan.message).toMatch(/needs OCR \(OCR is unavailable: .*not found\)/);
      expect(outcomes.find((o) => o.source !== scanPath)!.status).toBe('ingested');
      expect(await store.db.select().from(ocrJobs).all()).toEqual([]);
    } finally {
      await ocr.close();
      await closeDatabase(store.db);
    }
  });
});

/**
 * The background OCR stage. Ingest stores a document first (searchable by its title and any clean
 * pages), records an `ocr_jobs` row for its image-only or rejected pages and hands it here; this queue
 * renders and recognises those pages one by one in bounded child processes (engine.ts), writes each
 * page's text and confidence, then re-reads the document (title, language, tags) and re-indexes it.
 * Unfinished jobs survive a restart: {@link OcrService.resumePending} picks them up again.
 */
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { documents, ocrJobs, pages, type Db } from '@mep/db';
import type { Taxonomy } from '@mep/taxonomy';
import { isCleanText } from '../extract/quality';
import type { BlobStore } from '../storage';
import type { SearchConnection } from '../search/connect-search';
import type { SearchOutboxWorker } from '../search/search-outbox';
import { applyRecognizedText, type PageOutcome } from './apply-ocr';
import { detectScript, isBlankImage, OcrError, probeOcr, recognizeImage, renderPage, type OcrAvailability } from './engine';
import { installedOnly, tesseractLanguageFor, tesseractLanguagesForScript } from './languages';
import { DEFAULT_OCR_SETTINGS, type OcrSettings } from './settings';

export interface OcrServiceDependencies {
  db: Db;
  blobs: BlobStore;
  taxonomy: Taxonomy;
  /** When given, a document is re-indexed once its pages are recognised. */
  search?: SearchConnection;
  /** The process's search outbox worker: re-indexing after OCR goes through it. */
  searchOutbox?: SearchOutboxWorker;
}

/** Progress of one document's recognition, for progress bars and logs. */
export interface OcrProgress {
  documentId: string;
  fileName: string;
  status: 'running' | 'done' | 'failed';
  pagesDone: number;
  pagesTotal: number;
  message?: string;
}

/** Flag set on a stored document while its pages wait for recognition. */
export const OCR_PENDING_FLAG = 'ocr-pending: text is being recognised from the page images';

/**
 * The queue of documents waiting for OCR, processed one at a time (pages in parallel up to
 * `settings.concurrency`). Create it with {@link createOcrService}.
 */
export class OcrService {
  private readonly queue: string[] = [];
  private readonly listeners = new Set<(progress: OcrProgress) => void>();
  private readonly idleWaiters: (() => void)[] = [];
  /** Documents being recognised now. */
  private readonly activeIds = new Set<string>();
  private get active(): number {
    return this.activeIds.size;
  }
  /** Page slots: at most `settings.concurrency` pages are rendered or recognised at once, across documents. */
  private freeSlots: number;
  private readonly slotWaiters: (() => void)[] = [];
  private closed = false;
  private holds = 0;
  private readonly abort = new AbortController();

  constructor(
    private readonly deps: OcrServiceDependencies,
    readonly settings: OcrSettings,
    readonly availability: OcrAvailability,
  ) {
    this.freeSlots = Math.max(1, settings.concurrency);
  }

  /** True when Tesseract and pdftoppm were found. */
  get available(): boolean {
    return this.availability.available;
  }

  /** Why OCR cannot run ('' when it can). */
  get unavailableReason(): string {
    return this.availability.available ? '' : this.availability.reason;
  }

  /** Documents waiting or being recognised. */
  get pending(): number {
    return this.queue.length + this.active;
  }

  /**
   * The pages of an extracted PDF that need recognition: no text, or text the quality check rejects;
   * only the first `settings.maxPages` pages when that cap is set. Empty when OCR is unavailable.
   */
  selectPages(extracted: readonly { page: number; text: string }[]): number[] {
    if (!this.available) return [];
    const cap = this.settings.maxPages ?? Number.POSITIVE_INFINITY;
    return extracted.filter((p) => p.page <= cap && (p.text.trim().length === 0 || !isCleanText(p.text))).map((p) => p.page);
  }

  /**
   * The `ocr_jobs` row for a document about to be stored (insert it in the same transaction as the
   * document); languages come from the document's language, or from the page script at run time.
   */
  jobValues(documentId: string, language: string, pageNumbers: number[]): typeof ocrJobs.$inferInsert {
    const now = new Date().toISOString();
    const wanted = tesseractLanguageFor(language);
    const languages = wanted && this.availability.available ? installedOnly(wanted, this.availability.languages) : '';
    return { documentId, status: 'queued', languages, pages: pageNumbers, pagesDone: 0, lowConfidencePages: [], createdAt: now, updatedAt: now };
  }

  /** Queues a document whose `ocr_jobs` row exists. */
  schedule(documentId: string): void {
    if (this.closed || !this.available || this.queue.includes(documentId) || this.activeIds.has(documentId)) return;
    this.queue.push(documentId);
    this.pump();
  }

  /** Queues every job left queued or running by an earlier process. Returns how many. */
  async resumePending(): Promise<number> {
    if (!this.available) return 0;
    // A job left `running` by a process that died is queued again; its recognised pages are kept.
    await this.deps.db.update(ocrJobs).set({ status: 'queued', updatedAt: new Date().toISOString() }).where(eq(ocrJobs.status, 'running')).run();
    const rows = await this.deps.db.select({ id: ocrJobs.documentId }).from(ocrJobs).where(inArray(ocrJobs.status, ['queued', 'running'])).all();
    for (const row of rows) this.schedule(row.id);
    return rows.length;
  }

  /** Calls `listener` after every recognised page and at the end of each document. Returns an unsubscribe function. */
  onProgress(listener: (progress: OcrProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Holds queued documents back until the returned function is called: an ingest batch holds OCR so
   * that extraction gets the cores first, and every document is stored and searchable by title sooner.
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.pump();
    };
  }

  /** Resolves when no document is queued or being recognised. */
  idle(): Promise<void> {
    if (this.active === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops: the page being recognised is killed, queued documents stay `queued` in the database for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    this.abort.abort();
    this.settleIdle();
    await this.idle();
  }

  /**
   * Starts documents while page slots could use them: several small documents run side by side, and
   * one long document gets every slot for its pages.
   */
  private pump(): void {
    while (!this.closed && this.holds === 0 && this.active < Math.max(1, this.settings.concurrency) && this.queue.length > 0) {
      const id = this.queue.shift()!;
      this.activeIds.add(id);
      void this.recognizeDocument(id)
        .catch(async (error: unknown) => this.finishJob(id, 'failed', `OCR failed: ${(error as Error)?.message ?? String(error)}`))
        .finally(() => {
          this.activeIds.delete(id);
          this.pump();
          this.settleIdle();
        });
    }
  }

  private async acquireSlot(): Promise<void> {
    if (this.freeSlots > 0) {
      this.freeSlots--;
      return;
    }
    await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.slotWaiters.shift();
    if (next) next();
    else this.freeSlots++;
  }

  private settleIdle(): void {
    if (this.active > 0 || this.queue.length > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private emit(progress: OcrProgress): void {
    for (const listener of this.listeners) listener(progress);
  }

  private async finishJob(documentId: string, status: 'done' | 'failed', message: string): Promise<void> {
    await this.deps.db.update(ocrJobs).set({ status, message, updatedAt: new Date().toISOString() }).where(eq(ocrJobs.documentId, documentId)).run();
  }

  private async recognizeDocument(documentId: string): Promise<void> {
    const { db } = this.deps;
    const job = await db.select().from(ocrJobs).where(eq(ocrJobs.documentId, documentId)).get();
    const doc = await db.select().from(documents).where(eq(documents.id, documentId)).get();
    if (!job || !doc || job.status === 'done' || job.status === 'failed') return;
    const progress = (status: OcrProgress['status'], pagesDone: number, message?: string): void =>
      this.emit({ documentId, fileName: doc.fileName, status, pagesDone, pagesTotal: job.pages.length, message });
    await db.update(ocrJobs).set({ status: 'running', updatedAt: new Date().toISOString() }).where(eq(ocrJobs.documentId, documentId)).run();

    const dir = await mkdtemp(join(tmpdir(), 'mep-ocr-'));
    try {
      const pdfPath = join(dir, 'document.pdf');
      await writeFile(pdfPath, await this.deps.blobs.get(doc.sha256));
      // Pages recognised before a restart keep their text; only the rest are done again.
      const done = new Set(
        (await db.select({ page: pages.page }).from(pages)
          .where(and(eq(pages.documentId, documentId), inArray(pages.page, job.pages), isNotNull(pages.ocrConfidence)))
          .all())
          .map((p) => p.page),
      );
      const todo = job.pages.filter((p) => !done.has(p));
      let languages = job.languages;
      if (!languages) {
        await this.acquireSlot();
        try {
          languages = await this.chooseLanguages(pdfPath, todo[0] ?? job.pages[0] ?? 1, dir);
        } finally {
          this.releaseSlot();
        }
      }
      if (!job.languages) await db.update(ocrJobs).set({ languages }).where(eq(ocrJobs.documentId, documentId)).run();

      const outcomes: PageOutcome[] = [];
      const lowConfidence = new Set(job.lowConfidencePages);
      let pagesDone = done.size;
      progress('running', pagesDone);
      const next = [...todo];
      const worker = async (): Promise<void> => {
        for (let page = next.shift(); page !== undefined && !this.closed; page = next.shift()) {
          await this.acquireSlot();
          let outcome: PageOutcome;
          try {
            outcome = await this.recognizePage(pdfPath, page, languages, dir);
          } finally {
            this.releaseSlot();
          }
          outcomes.push(outcome);
          if (outcome.text !== undefined) {
            await db.update(pages).set({ text: outcome.text, ocrConfidence: outcome.confidence }).where(and(eq(pages.documentId, documentId), eq(pages.page, page))).run();
            if (outcome.confidence! < this.settings.lowConfidence && outcome.text.length > 0) lowConfidence.add(page);
          }
          pagesDone++;
          await db.update(ocrJobs)
            .set({ pagesDone, lowConfidencePages: [...lowConfidence].sort((a, b) => a - b), updatedAt: new Date().toISOString() })
            .where(eq(ocrJobs.documentId, documentId))
            .run();
          progress('running', pagesDone);
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(this.settings.concurrency, todo.length)) }, worker));
      if (this.closed) return; // stays 'running': resumed on the next start

      const failed = outcomes.filter((o) => o.error);
      const message = await applyRecognizedText(this.deps, documentId, {
        cappedAt: this.settings.maxPages,
        lowConfidencePages: [...lowConfidence].sort((a, b) => a - b),
        failedPages: failed,
        lowConfidenceThreshold: this.settings.lowConfidence,
      });
      const status = failed.length > 0 && failed.length === job.pages.length ? 'failed' : 'done';
      await this.finishJob(documentId, status, message);
      progress(status, pagesDone, message);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Languages for a document in no known language: the script OSD sees on its first page to recognise. */
  private async chooseLanguages(pdfPath: string, page: number, dir: string): Promise<string> {
    const installed = this.availability.available ? this.availability.languages : [];
    let script: string | undefined;
    try {
      // The image stays for the page's recognition (renderPage reuses it).
      const image = await renderPage(pdfPath, page, dir, this.settings, this.abort.signal);
      if (installed.includes('osd') && !(await isBlankImage(image))) script = await detectScript(image, this.settings, this.abort.signal);
    } catch {
      // An unrenderable page fails again, with its reason, when it is recognised.
    }
    return installedOnly(tesseractLanguagesForScript(script) ?? 'eng', installed);
  }

  private async recognizePage(pdfPath: string, page: number, languages: string, dir: string): Promise<PageOutcome> {
    try {
      const image = await renderPage(pdfPath, page, dir, this.settings, this.abort.signal);
      const result = (await isBlankImage(image)) ? { text: '', confidence: 0 } : await recognizeImage(image, languages, this.settings, this.abort.signal);
      const base = image.replace(/\.pgm$/, '');
      await Promise.all([image, `${base}.txt`, `${base}.tsv`].map((f) => unlink(f).catch(() => undefined)));
      return { page, text: result.text, confidence: result.confidence };
    } catch (error) {
      const reason = error instanceof OcrError ? error.message : `unexpected error: ${(error as Error)?.message ?? String(error)}`;
      return { page, error: reason };
    }
  }
}

/**
 * Probes for Tesseract and pdftoppm and creates the OCR queue. Without them the service still
 * exists, reports `available: false` with the reason, and ingest goes on without OCR.
 */
export async function createOcrService(deps: OcrServiceDependencies, settings: Partial<OcrSettings> = {}): Promise<OcrService> {
  const full = { ...DEFAULT_OCR_SETTINGS, ...settings };
  return new OcrService(deps, full, await probeOcr(full));
}

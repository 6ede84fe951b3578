/**
 * After a document's pages are recognised: read the document again from its usable pages (title,
 * language, symbol, date, tags), set its flags, and re-index it.
 */
import { and, asc, eq } from 'drizzle-orm';
import { documentConcepts, documents, pages, type Db } from '@mep/db';
import { tagDocument, type Taxonomy } from '@mep/taxonomy';
import { analyzeDocument, OTHER_LANGUAGE_FLAG } from '../extract/analyze';
import { isCleanText } from '../extract/quality';
import type { ExtractedDocument } from '../extract/types';
import type { SearchConnection } from '../search/connect-search';
import { createDocumentIndexWorker } from '../search/index-documents';
import { enqueueSearchUpdates, type SearchOutboxWorker } from '../search/search-outbox';

/** What recognising one page gave: its text and confidence, or why it failed. */
export interface PageOutcome {
  page: number;
  text?: string;
  confidence?: number;
  error?: string;
}

/** Flags that only described the state before recognition. */
const REPLACED_BY_OCR = ['ocr-pending', 'title-from-file-name', 'language-from-file-name', 'language-from-metadata', 'low-quality-text', 'no-text-layer'];

/** Flags this stage sets (replaced when a document is recognised again). */
const SET_BY_OCR = ['ocr', 'ocr-low-confidence', 'ocr-partial', 'ocr-failed-pages', 'no-text'];

function code(flag: string): string {
  const colon = flag.indexOf(':');
  return (colon < 0 ? flag : flag.slice(0, colon)).trim();
}

/**
 * Re-analyses and re-indexes a document whose pages were recognised. Returns the job's closing message.
 */
export async function applyRecognizedText(
  deps: { db: Db; taxonomy: Taxonomy; search?: SearchConnection; searchOutbox?: SearchOutboxWorker },
  documentId: string,
  result: { cappedAt?: number; lowConfidencePages: number[]; failedPages: PageOutcome[]; lowConfidenceThreshold: number },
): Promise<string> {
  const { db } = deps;
  const row = await db.select().from(documents).where(eq(documents.id, documentId)).get();
  if (!row) return 'The document was deleted before its text was recognised.';
  const pageRows = await db.select().from(pages).where(eq(pages.documentId, documentId)).orderBy(asc(pages.page)).all();
  const recognised = pageRows.filter((p) => p.ocrConfidence !== null);
  // Pages still rejected (past the cap, or failed) must not feed the title, language or tags.
  const usable = pageRows.filter((p) => p.text.trim().length > 0 && (p.ocrConfidence !== null || isCleanText(p.text)));
  const stillRejected = pageRows.filter((p) => p.ocrConfidence === null && p.text.trim().length > 0 && !isCleanText(p.text));
  const blankPages = pageRows.filter((p) => p.text.trim().length === 0).length;

  const extracted: ExtractedDocument = {
    kind: row.kind as ExtractedDocument['kind'],
    mime: row.mime,
    pageCount: row.pageCount,
    pages: usable.map((p) => ({ page: p.page, text: p.text })),
    warnings: [],
  };
  const facts = analyzeDocument(extracted, row.fileName);
  const oldCodes = new Set(row.flags.map(code));
  const update: Partial<typeof documents.$inferInsert> = { updatedAt: new Date().toISOString() };
  if (oldCodes.has('title-from-file-name') && !facts.flags.includes('title-from-file-name')) update.title = facts.title;
  const languageWasGuessed = oldCodes.has('language-from-file-name') || oldCodes.has('language-from-metadata') || row.language === 'other';
  const withText = recognised.filter((p) => p.text.trim().length > 0);
  const mean = withText.length ? withText.reduce((n, p) => n + (p.ocrConfidence ?? 0), 0) / withText.length : 0;
  // A language outside the six is believed from recognised text only when it was read with confidence:
  // poorly recognised text looks like some other language to any detector.
  const believable = facts.language !== 'other' || (withText.length > 0 && mean >= result.lowConfidenceThreshold && facts.otherLanguage !== undefined);
  if (languageWasGuessed && believable && !facts.flags.some((f) => f.startsWith('language-from'))) update.language = facts.language;
  const finalLanguage = update.language ?? row.language;
  if (!row.symbol && facts.symbol) update.symbol = facts.symbol;
  if (!row.date && facts.date) {
    update.date = facts.date;
    update.year = facts.year ?? null;
  }
  if (row.doctype === 'doctype:information-document' && facts.doctypeHint) update.doctype = facts.doctypeHint;

  const flags = row.flags.filter((f) => {
    const c = code(f);
    if (c === 'title-from-file-name') return update.title === undefined;
    if (c === 'language-from-file-name' || c === 'language-from-metadata') return update.language === undefined;
    // The ISO code of an `other` document is the recognised text's when the language was re-read.
    if (c === OTHER_LANGUAGE_FLAG) return update.language === undefined && finalLanguage === 'other';
    if (c === 'low-quality-text') return stillRejected.length > 0;
    return !REPLACED_BY_OCR.includes(c) && !SET_BY_OCR.includes(c);
  });
  if (update.language === 'other' && facts.otherLanguage) flags.push(`${OTHER_LANGUAGE_FLAG}: ${facts.otherLanguage}`);
  if (withText.length > 0) flags.push(`ocr: text recognised from the page images of ${withText.length} page(s), mean confidence ${Math.round(mean)}%`);
  else if (usable.length === 0) flags.push('no-text: no text was found on the page images');
  if (result.lowConfidencePages.length > 0) {
    flags.push(`ocr-low-confidence: pages ${result.lowConfidencePages.join(', ')} were recognised with less than ${result.lowConfidenceThreshold}% confidence`);
  }
  const unreached = result.cappedAt !== undefined ? pageRows.filter((p) => p.page > result.cappedAt! && p.ocrConfidence === null && (p.text.trim().length === 0 || !isCleanText(p.text))).length : 0;
  if (unreached > 0) flags.push(`ocr-partial: only the first ${result.cappedAt} page(s) were recognised (MEP_OCR_MAX_PAGES)`);
  if (result.failedPages.length > 0) flags.push(`ocr-failed-pages: ${result.failedPages.map((f) => `page ${f.page}: ${f.error}`).join('; ').slice(0, 400)}`);
  update.flags = [...new Set(flags)];

  const matches = tagDocument({ pages: extracted.pages, title: update.title ?? row.title });
  await db.transaction(async (tx) => {
    await tx.update(documents).set(update).where(eq(documents.id, documentId)).run();
    await tx.delete(documentConcepts).where(and(eq(documentConcepts.documentId, documentId), eq(documentConcepts.source, 'tagger'))).run();
    for (const m of matches) {
      await tx.insert(documentConcepts)
        .values({ documentId, conceptId: m.conceptId, score: m.score, count: m.count, evidence: m.evidence })
        .onConflictDoNothing()
        .run();
    }
    await enqueueSearchUpdates(tx, 'document', [documentId]);
  });

  // The outbox row committed with the text re-indexes the document (and drops the passages of pages
  // found blank); without a worker of the process, a private one applies it now.
  // Drained here so that a finished job means a searchable text; a failure leaves the row for the retries.
  const outbox = deps.searchOutbox ?? (deps.search ? createDocumentIndexWorker(db, deps.search, deps.taxonomy) : undefined);
  await outbox?.drain().catch(() => false);

  const parts = [`Recognised ${recognised.length} page(s)`];
  if (withText.length > 0) parts.push(`${withText.length} with text, mean confidence ${Math.round(mean)}%`);
  if (result.lowConfidencePages.length > 0) parts.push(`${result.lowConfidencePages.length} below ${result.lowConfidenceThreshold}%`);
  if (result.failedPages.length > 0) parts.push(`${result.failedPages.length} failed (${result.failedPages[0]!.error})`);
  if (unreached > 0) parts.push(`${unreached} page(s) past the cap of ${result.cappedAt} left as they were`);
  if (blankPages > 0 && withText.length === 0) parts.push('no text found');
  return `${parts.join('; ')}.`;
}

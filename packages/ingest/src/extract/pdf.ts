/** PDF extraction with pdf-parse (pdf.js), page by page. */
import { PDFParse } from 'pdf-parse';
import { ExtractionError } from '../errors';
import { LOW_QUALITY_WARNING, NO_TEXT_LAYER_WARNING, REPAIRED_WARNING, assessTextQuality, CLEAN_SCORE, repairGlyphIdText } from './quality';
import type { ExtractedDocument } from './types';

/** Pages beyond this many are not extracted: a 10,000-page PDF is an attack or a mistake. */
const MAX_PAGES = 5000;

function toIsoDate(value: unknown): string | undefined {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return undefined;
  const year = value.getUTCFullYear();
  if (year < 1950 || year > new Date().getUTCFullYear() + 1) return undefined;
  return value.toISOString().slice(0, 10);
}

function cleanMetaString(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.replace(/[\u0000-\u001f\ufffd]/g, ' ').replace(/\s+/g, ' ').trim();
  return s.length > 0 && s.length <= 500 ? s : undefined;
}

/** Maps pdf.js failures onto stable codes. */
function toExtractionError(error: unknown): ExtractionError {
  if (error instanceof ExtractionError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException' || /password/i.test(message)) {
    return new ExtractionError('encrypted', 'the PDF is encrypted and needs a password to open', { cause: error });
  }
  if (error instanceof RangeError && /allocation|memory|Array buffer/i.test(message)) {
    return new ExtractionError('out-of-memory', 'the PDF needs more memory than allowed to be read', { cause: error });
  }
  const detail = message.replace(/\s+/g, ' ').slice(0, 200);
  return new ExtractionError('corrupt', `the PDF is corrupt and could not be read (${detail || name || 'unknown error'})`, { cause: error });
}

/** Normalises pdf.js page text: unify line ends, drop NULs, trim trailing blanks. */
function normalisePageText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\u0000/g, '').replace(/[ \t]+\n/g, '\n').trim();
}

/**
 * Extracts the pages of a PDF.
 *
 * @param options.allowImageOnly an image-only PDF becomes a document with empty pages and the
 *   {@link NO_TEXT_LAYER_WARNING} (the OCR stage fills them in) instead of failing with 'no-text'.
 * @throws ExtractionError 'encrypted' | 'corrupt' | 'no-text' (image-only PDF)
 */
export async function extractPdf(bytes: Uint8Array, options: { allowImageOnly?: boolean } = {}): Promise<ExtractedDocument> {
  // pdf.js detaches the buffer it is given: copy so the caller's bytes stay usable.
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0, stopAtErrors: false, isEvalSupported: false });
  const warnings: string[] = [];
  try {
    let info: Awaited<ReturnType<PDFParse['getInfo']>> | undefined;
    try {
      info = await parser.getInfo();
    } catch (error) {
      const e = toExtractionError(error);
      if (e.code === 'encrypted') throw e;
      // Broken metadata must not cost the text: getText may still succeed.
      warnings.push('metadata-unreadable: the PDF metadata could not be read');
    }
    const total = info?.total ?? 0;
    if (total > MAX_PAGES) warnings.push(`truncated: only the first ${MAX_PAGES} of ${total} pages were read`);
    const result = await parser.getText(total > MAX_PAGES ? { first: 1, last: MAX_PAGES } : {});
    let texts = result.pages.map((p) => normalisePageText(p.text));

    if (texts.every((t) => t.length === 0) && !options.allowImageOnly) throw new ExtractionError('no-text');

    const repair = repairGlyphIdText(texts);
    if (repair.repaired > 0) {
      texts = repair.pages;
      warnings.push(`${REPAIRED_WARNING} (${repair.repaired} of ${texts.length} pages)`);
    }

    // One quality pass per page; the document score is their character-weighted mean.
    const qualities = texts.filter((t) => t.length > 0).map(assessTextQuality);
    const cleanPages = qualities.filter((q) => q.score >= CLEAN_SCORE).length;
    const chars = qualities.reduce((n, q) => n + q.chars, 0);
    const letters = qualities.reduce((n, q) => n + q.letters, 0);
    const score = chars === 0 ? 0 : qualities.reduce((n, q) => n + q.score * q.chars, 0) / chars;
    if (letters === 0 && !options.allowImageOnly) throw new ExtractionError('no-text');
    if (letters === 0) warnings.push(NO_TEXT_LAYER_WARNING);
    else if (score < CLEAN_SCORE) {
      warnings.push(`${LOW_QUALITY_WARNING} (${cleanPages} of ${qualities.length} pages with text are clean)`);
    }

    const doc: ExtractedDocument = {
      kind: 'pdf',
      mime: 'application/pdf',
      pageCount: texts.length,
      pages: texts.map((text, i) => ({ page: result.pages[i]?.num ?? i + 1, text })),
      warnings,
    };
    const pdfInfo = (info?.info ?? {}) as Record<string, unknown>;
    const title = cleanMetaString(pdfInfo['Title']);
    if (title && assessTextQuality(title).score >= CLEAN_SCORE) doc.embeddedTitle = title;
    const language = cleanMetaString(pdfInfo['Language']);
    if (language && /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/i.test(language)) doc.embeddedLanguage = language;
    let dates: Record<string, unknown> = {};
    try {
      dates = (info?.getDateNode?.() ?? {}) as Record<string, unknown>;
    } catch {
      // A malformed date string is not worth failing the document over.
    }
    const date = toIsoDate(dates['CreationDate']) ?? toIsoDate(dates['XmpCreateDate']) ?? toIsoDate(dates['ModDate']);
    if (date) doc.embeddedDate = date;
    return doc;
  } catch (error) {
    throw toExtractionError(error);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

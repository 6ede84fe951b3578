import type { documents, ocrJobs } from '@mep/db';
import { OTHER_LANGUAGE_FLAG } from '@mep/ingest';
import type { DocumentConcept, DocumentDetail, OcrJobState } from '../contracts';

type DocumentRow = typeof documents.$inferSelect;
type OcrJobRow = typeof ocrJobs.$inferSelect;

/** The ISO code of a document's language; an `other` document's detected code is kept in its flags. */
function languageCodeOf(row: DocumentRow): string {
  if (row.language !== 'other') return row.language;
  const flag = row.flags.find((f) => f.startsWith(`${OTHER_LANGUAGE_FLAG}:`));
  return flag ? flag.slice(OTHER_LANGUAGE_FLAG.length + 1).trim() : '';
}

/** The public state of an OCR job. */
export function presentOcrJob(job: OcrJobRow): OcrJobState {
  return {
    status: job.status,
    languages: job.languages,
    pagesTotal: job.pages.length,
    pagesDone: job.pagesDone,
    lowConfidencePages: job.lowConfidencePages,
    message: job.message,
    updatedAt: job.updatedAt,
  };
}

/** The public shape of a document: never the storage key or internal columns. */
export function presentDocument(row: DocumentRow, concepts: DocumentConcept[], ocr?: OcrJobRow): DocumentDetail {
  return {
    id: row.id,
    title: row.title,
    symbol: row.symbol,
    date: row.date,
    year: row.year,
    language: row.language,
    languageCode: languageCodeOf(row),
    doctype: row.doctype,
    fileName: row.fileName,
    mime: row.mime,
    sizeBytes: row.sizeBytes,
    pageCount: row.pageCount,
    flags: row.flags,
    fileUrl: `/api/documents/${row.id}/file`,
    concepts,
    createdAt: row.createdAt,
    status: row.status,
    statusReason: row.statusReason,
    version: row.version,
    summary: row.summary,
    ocr: ocr ? presentOcrJob(ocr) : null,
  };
}

import type { documents } from '@mep/db';
import type { DocumentConcept, DocumentDetail } from '../contracts';

type DocumentRow = typeof documents.$inferSelect;

/** The public shape of a document: never the storage key or internal columns. */
export function presentDocument(row: DocumentRow, concepts: DocumentConcept[]): DocumentDetail {
  return {
    id: row.id,
    title: row.title,
    symbol: row.symbol,
    date: row.date,
    year: row.year,
    language: row.language,
    doctype: row.doctype,
    fileName: row.fileName,
    mime: row.mime,
    sizeBytes: row.sizeBytes,
    pageCount: row.pageCount,
    flags: row.flags,
    fileUrl: `/api/documents/${row.id}/file`,
    concepts,
    createdAt: row.createdAt,
  };
}

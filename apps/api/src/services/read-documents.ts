import { and, asc, count, desc, eq, inArray, ne } from 'drizzle-orm';
import { documentConcepts, documents, ocrJobs, pages, stringAgg } from '@mep/db';
import type { DocumentDetail, DocumentPages, PageText, RelatedResponse } from '../contracts';
import type { AppContext } from '../context';
import { NotFoundError } from '../errors';
import { presentDocument } from '../presenters/document';

/** Loads one document with its concepts (strongest first). */
export async function getDocument(context: AppContext, id: string): Promise<DocumentDetail> {
  const row = await context.db.select().from(documents).where(eq(documents.id, id)).get();
  if (!row) throw new NotFoundError(`Document ${id}`);
  const concepts = (await context.db
    .select()
    .from(documentConcepts)
    .where(eq(documentConcepts.documentId, id))
    .orderBy(desc(documentConcepts.score))
    .all())
    .map((c) => ({ id: c.conceptId, scheme: c.conceptId.split(':')[0] ?? '', score: c.score, count: c.count, evidence: c.evidence }));
  const ocr = await context.db.select().from(ocrJobs).where(eq(ocrJobs.documentId, id)).get();
  return presentDocument(row, concepts, ocr);
}

/** The stored row of a document, for serving its original. */
export async function getDocumentRow(context: AppContext, id: string) {
  const row = await context.db.select().from(documents).where(eq(documents.id, id)).get();
  if (!row) throw new NotFoundError(`Document ${id}`);
  return row;
}

/** Every page's text, in order. */
export async function listDocumentPages(context: AppContext, id: string): Promise<DocumentPages> {
  const row = await getDocumentRow(context, id);
  const rows = await context.db.select({ page: pages.page, text: pages.text, ocrConfidence: pages.ocrConfidence }).from(pages).where(eq(pages.documentId, id)).orderBy(asc(pages.page)).all();
  return { documentId: id, pageCount: row.pageCount, pages: rows };
}

/** One page's text; pages past the end are a 404, not an empty page. */
export async function getDocumentPage(context: AppContext, id: string, page: number): Promise<PageText> {
  const row = await getDocumentRow(context, id);
  const found = await context.db.select({ text: pages.text, ocrConfidence: pages.ocrConfidence }).from(pages).where(and(eq(pages.documentId, id), eq(pages.page, page))).get();
  if (!found) {
    if (page <= row.pageCount) return { documentId: id, page, text: '', ocrConfidence: null, pageCount: row.pageCount };
    throw new NotFoundError(`Page ${page} of document ${id} (it has ${row.pageCount})`);
  }
  return { documentId: id, page, text: found.text, ocrConfidence: found.ocrConfidence, pageCount: row.pageCount };
}

const RELATING_SCHEMES = ['theme', 'topic', 'article', 'annex'];

/** Documents sharing the most subject concepts (themes, topics, articles) with the given one. */
export async function listRelatedDocuments(context: AppContext, id: string, limit: number): Promise<RelatedResponse> {
  await getDocumentRow(context, id);
  const own = (await context.db
    .select({ conceptId: documentConcepts.conceptId })
    .from(documentConcepts)
    .where(eq(documentConcepts.documentId, id))
    .all())
    .map((r) => r.conceptId)
    .filter((conceptId) => RELATING_SCHEMES.includes(conceptId.split(':')[0] ?? ''));
  if (own.length === 0) return { documents: [] };
  const shared = await context.db
    .select({ documentId: documentConcepts.documentId, shared: count(), concepts: stringAgg(context.db, documentConcepts.conceptId, ' ') })
    .from(documentConcepts)
    .where(and(inArray(documentConcepts.conceptId, own), ne(documentConcepts.documentId, id)))
    .groupBy(documentConcepts.documentId)
    .orderBy(desc(count()))
    .limit(limit)
    .all();
  if (shared.length === 0) return { documents: [] };
  const rows = new Map((await context.db.select().from(documents).where(inArray(documents.id, shared.map((s) => s.documentId))).all()).map((r) => [r.id, r]));
  return {
    documents: shared.flatMap((s) => {
      const row = rows.get(s.documentId);
      return row ? [{ documentId: row.id, title: row.title, doctype: row.doctype, year: row.year, language: row.language, sharedConcepts: s.concepts.split(' ') }] : [];
    }),
  };
}

/**
 * Tagging that honours curators: a concept a curator rejected is never attached again, and one a curator
 * confirmed or added (`source: 'curator'`) is never dropped. Every retag (after OCR, on a curator's
 * request) goes through {@link replaceTaggerConcepts}.
 */
import { and, asc, eq } from 'drizzle-orm';
import { documentConcepts, documents, pages, tagDecisions, type Db } from '@mep/db';
import { tagDocument, type ConceptMatch } from '@mep/taxonomy';
import { enqueueSearchUpdates } from '../search/search-outbox';

type Tx = Pick<Db, 'select' | 'insert' | 'delete'>;

/** Inside the caller's transaction: replaces the tagger's suggestions with `matches`, minus rejected concepts. */
export async function replaceTaggerConcepts(tx: Tx, documentId: string, matches: readonly ConceptMatch[]): Promise<number> {
  const rejected = new Set(
    (await tx.select({ conceptId: tagDecisions.conceptId }).from(tagDecisions).where(and(eq(tagDecisions.documentId, documentId), eq(tagDecisions.decision, 'rejected'))).all()).map((r) => r.conceptId),
  );
  await tx.delete(documentConcepts).where(and(eq(documentConcepts.documentId, documentId), eq(documentConcepts.source, 'tagger'))).run();
  let added = 0;
  for (const m of matches) {
    if (rejected.has(m.conceptId)) continue;
    // A curator's row for the same concept wins (onConflictDoNothing keeps it).
    await tx.insert(documentConcepts).values({ documentId, conceptId: m.conceptId, score: m.score, count: m.count, evidence: m.evidence }).onConflictDoNothing().run();
    added += 1;
  }
  return added;
}

/** Runs the tagger again on a stored document's pages and title. Returns undefined for an unknown document. */
export async function retagDocument(db: Db, documentId: string): Promise<{ concepts: number } | undefined> {
  const row = await db.select({ title: documents.title }).from(documents).where(eq(documents.id, documentId)).get();
  if (!row) return undefined;
  const pageRows = await db.select({ page: pages.page, text: pages.text }).from(pages).where(eq(pages.documentId, documentId)).orderBy(asc(pages.page)).all();
  const matches = tagDocument({ pages: pageRows, title: row.title });
  // The index shows a document's concepts: its outbox row commits with them.
  const concepts = await db.transaction(async (tx) => {
    const count = await replaceTaggerConcepts(tx, documentId, matches);
    await enqueueSearchUpdates(tx, 'document', [documentId]);
    return count;
  });
  return { concepts };
}

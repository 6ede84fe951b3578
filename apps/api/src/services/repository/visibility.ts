/**
 * Who sees which documents. Published documents are public; drafts and withdrawn documents only reach
 * curators (and a draft its submitter). Every reader-facing query goes through these helpers, so a new
 * list of documents cannot forget the rule.
 */
import { eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { documents, type Db } from '@mep/db';
import { ApiError, NotFoundError } from '../../errors';
import { canSeeUnpublished, canViewDocument, type Viewer } from '../../policies';

export type DocumentRow = typeof documents.$inferSelect;

/** 410: the document was withdrawn; its id stays known and the answer says why. */
export class DocumentWithdrawnError extends ApiError {
  constructor(id: string, reason: string | null) {
    super('document_withdrawn', `Document ${id} was withdrawn from the repository${reason ? `: ${reason}` : '.'}`, 410, { reason });
  }
}

/** SQL condition: the document row is published. */
export const isPublished = (): SQL => eq(documents.status, 'published');

/** SQL condition on another table's document id column: that document is published. */
export function documentIsPublished(column: AnyColumn): SQL {
  return sql`${column} in (select ${documents.id} from ${documents} where ${documents.status} = 'published')`;
}

/** The condition lists use for this viewer: none for curators, published-only for everyone else. */
export function visibleTo(viewer: Viewer): SQL | undefined {
  return canSeeUnpublished(viewer) ? undefined : isPublished();
}

/**
 * Loads a document the viewer may see. A draft is a 404 for anyone else (it does not exist for them); a
 * withdrawn document is a 410 with the curator's reason.
 */
export async function loadVisibleDocument(db: Db, viewer: Viewer, id: string): Promise<DocumentRow> {
  const row = await db.select().from(documents).where(eq(documents.id, id)).get();
  if (!row) throw new NotFoundError(`Document ${id}`);
  if (canViewDocument(viewer, row)) return row;
  // A rejected draft was never public: it stays a 404 rather than announcing that it existed.
  if (row.status === 'withdrawn' && row.publishedAt) throw new DocumentWithdrawnError(id, row.statusReason);
  throw new NotFoundError(`Document ${id}`);
}

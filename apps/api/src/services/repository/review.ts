/**
 * The review workflow: draft → published → withdrawn. Curators publish or reject drafts and withdraw
 * published documents, always with the audit trail; the submitter is notified of the decision.
 */
import { and, asc, desc, eq, isNotNull, like, or, type SQL } from 'drizzle-orm';
import { documents, notifications } from '@mep/db';
import { enqueueSearchUpdates } from '@mep/ingest';
import type { AppContext } from '../../context';
import { ConflictError, NotFoundError } from '../../errors';
import { restoreToOai, withdrawFromOai } from '../../oai/records';
import { authorize, canCurate, type Viewer } from '../../policies';
import { notifyConceptFollowersOfDocument } from '../concept-follows';
import { audit } from '../forums';
import { nowIso } from '../store';
import type { DocumentRow } from './visibility';

export type ReviewDecision = 'publish' | 'reject' | 'withdraw';

const NEXT_STATUS = { publish: 'published', reject: 'withdrawn', withdraw: 'withdrawn' } as const;
/** Which statuses each decision may start from. */
const FROM_STATUS: Record<ReviewDecision, DocumentRow['status'][]> = { publish: ['draft', 'withdrawn'], reject: ['draft'], withdraw: ['published'] };
const NOTIFIED_AS = { publish: 'published', reject: 'rejected', withdraw: 'withdrawn' } as const;

/**
 * Applies a curator's decision. Publishing makes the document public at once (search, exports); withdrawing
 * tombstones its OAI-PMH record; rejecting a draft keeps it out of sight for ever (a 404, never a 410).
 */
export async function reviewDocument(context: AppContext, viewer: Viewer, documentId: string, decision: ReviewDecision, reason: string | undefined): Promise<DocumentRow> {
  authorize(canCurate(viewer), viewer);
  const { db, events } = context;
  const now = nowIso();
  const updated = await events.afterCommit(() =>
    db.transaction(async (tx) => {
      const row = await tx.select().from(documents).where(eq(documents.id, documentId)).get();
      if (!row) throw new NotFoundError(`Document ${documentId}`);
      if (!FROM_STATUS[decision].includes(row.status)) {
        throw new ConflictError('invalid_status_change', `A ${row.status} document cannot be ${NOTIFIED_AS[decision]}.`);
      }
      const status = NEXT_STATUS[decision];
      const set = { status, statusReason: decision === 'publish' ? null : (reason ?? null), updatedAt: now, ...(decision === 'publish' ? { publishedAt: row.publishedAt ?? now } : {}) };
      // Guarded by the status read above: two curators deciding at once cannot both apply.
      const result = await tx.update(documents).set(set).where(and(eq(documents.id, documentId), eq(documents.status, row.status))).run();
      if (result.changes === 0) throw new ConflictError('invalid_status_change', 'Another curator changed this document meanwhile; reload it.');
      await audit(tx, viewer, `document.${NOTIFIED_AS[decision]}`, 'document', documentId, { from: row.status, to: status, ...(reason ? { reason } : {}) });
      if (row.submittedBy && row.submittedBy !== viewer.userId) {
        const note = await tx
          .insert(notifications)
          .values({ userId: row.submittedBy, kind: 'document.reviewed', documentId, decision: NOTIFIED_AS[decision], reason: reason ?? null, actorId: viewer.userId, createdAt: now })
          .returning({ id: notifications.id })
          .get();
        events.emit('notifications.created', { notificationId: note.id, userId: row.submittedBy });
      }
      // A first publication tells the followers of its concepts (a republication after a withdrawal does not).
      if (decision === 'publish' && !row.publishedAt) await notifyConceptFollowersOfDocument(tx, events, documentId, viewer.userId);
      await enqueueSearchUpdates(tx, 'document', [documentId]);
      events.emit('documents.changed', { documentId });
      return { ...row, ...set };
    }),
  );
  if (decision === 'withdraw') await withdrawFromOai(context, documentId, now);
  if (decision === 'publish' && updated.publishedAt !== now) await restoreToOai(context, documentId, now);
  await applySearchUpdates(context, documentId);
  return updated;
}

/**
 * Applies the search outbox row a change to this document committed with it, so the change is searchable when
 * its request returns (only this document's: a backlog stays with the worker). When Meilisearch is away the
 * row stays and the outbox worker retries it with backoff: a withdrawal can never be lost and leave the
 * document findable.
 */
export async function applySearchUpdates(context: AppContext, documentId: string): Promise<void> {
  const applied = await context.searchOutbox.apply('document', [documentId]).catch(() => false);
  if (!applied) context.log.info('The search index is behind: the outbox worker will retry');
}

export interface QueueFilters {
  status?: 'draft' | 'flagged' | 'withdrawn';
  party?: string;
  sort: 'newest' | 'oldest' | 'title';
  limit: number;
  offset: number;
}

/**
 * The curators' queue: drafts, and published documents with extraction flags (low text quality, OCR
 * trouble, a guessed title or language). Sortable and filterable.
 */
export async function listReviewQueue(context: AppContext, viewer: Viewer, filters: QueueFilters) {
  authorize(canCurate(viewer), viewer);
  const flagged = and(eq(documents.status, 'published'), or(like(documents.flags, '%low-quality-text%'), like(documents.flags, '%ocr-%'), like(documents.flags, '%no-text%'), like(documents.flags, '%-from-file-name%')));
  const where: SQL[] = [];
  if (filters.status === 'draft') where.push(eq(documents.status, 'draft'));
  else if (filters.status === 'withdrawn') where.push(eq(documents.status, 'withdrawn'));
  else if (filters.status === 'flagged') where.push(flagged!);
  else where.push(or(eq(documents.status, 'draft'), flagged)!);
  if (filters.party) where.push(and(isNotNull(documents.submittedForParty), eq(documents.submittedForParty, filters.party))!);
  const order = filters.sort === 'title' ? [asc(documents.title), asc(documents.id)] : filters.sort === 'oldest' ? [asc(documents.createdAt), asc(documents.id)] : [desc(documents.createdAt), desc(documents.id)];
  const rows = await context.db.select().from(documents).where(and(...where)).orderBy(...order).limit(filters.limit).offset(filters.offset).all();
  return { items: rows.map(presentQueueItem) };
}

function presentQueueItem(row: DocumentRow) {
  return {
    id: row.id,
    title: row.title,
    fileName: row.fileName,
    doctype: row.doctype,
    language: row.language,
    status: row.status,
    statusReason: row.statusReason,
    flags: row.flags,
    submittedForParty: row.submittedForParty,
    createdAt: row.createdAt,
    version: row.version,
  };
}

/**
 * Following a concept of the taxonomy (issue 11 §5): a signed-in user follows `theme:dental-amalgam` or
 * `article:17`, and a newly published document or a new thread tagged with it becomes a notification (in the
 * app and in the daily digest). Drafts never notify, and neither does a document the follower may not see.
 */
import { and, asc, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { documentConcepts, documents, follows, notifications, users, type Db } from '@mep/db';
import type { Taxonomy } from '@mep/taxonomy';
import { ApiError, NotFoundError } from '../errors';
import type { EventBus } from '../events';
import type { Logger } from '../observability/logger';
import { ANONYMOUS, authorize, canFollow, canViewDocument, type Viewer } from '../policies';
import { forumReaders, type NotifyInput } from './notifications';
import { nowIso, type Store } from './store';

/** Concepts one account may follow: plenty for a person, a bound for a script. */
export const MAX_FOLLOWED_CONCEPTS = 500;

/** What the follows need of the taxonomy; the concepts may move to the database, the lookup stays. */
type ConceptLookup = Pick<Taxonomy, 'getConcept'>;

/** The concepts the viewer follows, newest first. */
export async function listFollowedConcepts(db: Store, viewer: Viewer): Promise<Array<{ conceptId: string; followedAt: string }>> {
  authorize(canFollow(viewer), viewer);
  const rows = await db
    .select({ conceptId: follows.targetId, followedAt: follows.createdAt })
    .from(follows)
    .where(and(eq(follows.userId, viewer.userId), eq(follows.targetType, 'concept')))
    .orderBy(desc(follows.createdAt), asc(follows.targetId))
    .all();
  return rows;
}

/**
 * Follows (idempotent: following twice is one follow) or unfollows a concept. Following an unknown concept
 * is a 404; unfollowing one is allowed (a concept retired from the taxonomy can still be let go).
 */
export async function setConceptFollow(context: { db: Db; taxonomy: ConceptLookup }, viewer: Viewer, conceptId: string, follow: boolean): Promise<void> {
  authorize(canFollow(viewer), viewer);
  const { db } = context;
  const userId = viewer.userId;
  if (!follow) {
    await db.delete(follows).where(and(eq(follows.userId, userId), eq(follows.targetType, 'concept'), eq(follows.targetId, conceptId))).run();
    return;
  }
  if (!context.taxonomy.getConcept(conceptId)) throw new NotFoundError(`Concept ${conceptId}`);
  const held = (await db.select({ n: count() }).from(follows).where(and(eq(follows.userId, userId), eq(follows.targetType, 'concept'))).get())?.n ?? 0;
  if (Number(held) >= MAX_FOLLOWED_CONCEPTS) {
    const already = await db.select({ id: follows.targetId }).from(follows).where(and(eq(follows.userId, userId), eq(follows.targetType, 'concept'), eq(follows.targetId, conceptId))).get();
    if (!already) throw new ApiError('too_many_follows', `You already follow ${MAX_FOLLOWED_CONCEPTS} concepts; unfollow some first.`, 409);
  }
  await db.insert(follows).values({ userId, targetType: 'concept', targetId: conceptId, createdAt: nowIso() }).onConflictDoNothing().run();
}

/** Followers of any of `conceptIds` (live accounts), each with the first of those concepts they follow. */
async function conceptFollowers(tx: Store, conceptIds: readonly string[]): Promise<Array<{ userId: string; role: Viewer['role']; conceptId: string }>> {
  if (!conceptIds.length) return [];
  const rows = await tx
    .select({ userId: follows.userId, role: users.role, conceptId: follows.targetId })
    .from(follows)
    .innerJoin(users, eq(users.id, follows.userId))
    .where(and(eq(follows.targetType, 'concept'), inArray(follows.targetId, [...conceptIds]), isNull(users.deletedAt)))
    .all();
  const rank = new Map(conceptIds.map((id, i) => [id, i]));
  const best = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const current = best.get(row.userId);
    if (!current || rank.get(row.conceptId)! < rank.get(current.conceptId)!) best.set(row.userId, row);
  }
  return [...best.values()];
}

/**
 * Inside the caller's transaction, tells the followers of a document's concepts that it is now published
 * (once per follower and document: a republication after a withdrawal says nothing new). A draft, a
 * withdrawn or an unknown document notifies nobody; neither does one a follower may not see.
 */
export async function notifyConceptFollowersOfDocument(tx: Store, events: EventBus, documentId: string, actorId: string | null): Promise<number> {
  const document = await tx.select({ id: documents.id, status: documents.status, submittedBy: documents.submittedBy }).from(documents).where(eq(documents.id, documentId)).get();
  if (!document || document.status !== 'published') return 0;
  const concepts = (await tx.select({ conceptId: documentConcepts.conceptId }).from(documentConcepts).where(eq(documentConcepts.documentId, documentId)).orderBy(desc(documentConcepts.score), asc(documentConcepts.conceptId)).all()).map((c) => c.conceptId);
  const told = new Set(
    (await tx.select({ userId: notifications.userId }).from(notifications).where(and(eq(notifications.kind, 'concept.document'), eq(notifications.documentId, documentId))).all()).map((n) => n.userId),
  );
  // The submitter hears of it through `document.reviewed`; the curator who published it knows.
  const recipients = (await conceptFollowers(tx, concepts)).filter(
    (f) => f.userId !== actorId && f.userId !== document.submittedBy && !told.has(f.userId) && canViewDocument({ ...ANONYMOUS, userId: f.userId, role: f.role }, document),
  );
  const createdAt = nowIso();
  for (const { userId, conceptId } of recipients) {
    const row = await tx
      .insert(notifications)
      .values({ userId, kind: 'concept.document', documentId, conceptId, actorId, createdAt })
      .returning({ id: notifications.id })
      .get();
    events.emit('notifications.created', { notificationId: row.id, userId });
  }
  return recipients.length;
}

/**
 * Inside the caller's transaction, tells the followers of a new thread's concepts about it: never its
 * author, never those already notified of it (forum followers), never someone who may not read a private forum.
 */
export async function notifyConceptFollowersOfThread(
  tx: Store,
  events: EventBus,
  input: { forum: NotifyInput['forum']; threadId: number; postId: number; actorId: string; concepts: readonly string[]; alreadyNotified: ReadonlySet<string> },
): Promise<number> {
  const followers = (await conceptFollowers(tx, input.concepts)).filter((f) => f.userId !== input.actorId && !input.alreadyNotified.has(f.userId));
  const recipients = await forumReaders(tx, input.forum, followers);
  const createdAt = nowIso();
  for (const { userId, conceptId } of recipients) {
    const row = await tx
      .insert(notifications)
      .values({ userId, kind: 'concept.thread', forumId: input.forum.id, threadId: input.threadId, postId: input.postId, conceptId, actorId: input.actorId, createdAt })
      .returning({ id: notifications.id })
      .get();
    events.emit('notifications.created', { notificationId: row.id, userId });
  }
  return recipients.length;
}

/**
 * A document stored as published by `mep ingest` or a curator's web upload (`documents.ingested`) notifies
 * its concepts' followers; drafts wait for a curator's publish (review.ts). Returns the unsubscribe function.
 */
export function notifyConceptFollowersOnIngest(context: { db: Db; events: EventBus; log: Pick<Logger, 'error'> }): () => void {
  return context.events.on('documents.ingested', async ({ documentId }) => {
    try {
      await context.events.afterCommit(() => context.db.transaction((tx) => notifyConceptFollowersOfDocument(tx, context.events, documentId, null)));
    } catch (error) {
      context.log.error(`Notifying the followers of document ${documentId}'s concepts failed`, error);
    }
  });
}

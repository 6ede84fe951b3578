import { documents, feedback, follows, forumMembers, forums, notifications, threads, users, type Db, type NotificationKind } from '@mep/db';
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { EventBus } from '../events';
import { authorize, canUseNotifications, canViewDocument, canViewForum, isModerator, type Viewer } from '../policies';
import { presentPublicUser } from '../presenters/users';
import type { NotificationDto } from '../realtime/events';
import { viewerOfUserId } from './sessions';
import { nowIso, type Store } from './store';

export interface NotifyInput {
  kind: NotificationKind;
  forum: { id: string; visibility: 'public' | 'private' };
  threadId: number;
  postId: number;
  actorId: string;
  /** Whose followers to notify: the thread's, the forum's, or both (concepts: concept-follows.ts). */
  followersOf: Array<{ type: 'forum' | 'thread'; id: string }>;
}

/**
 * Inside the caller's transaction, creates one notification per follower (never the actor, never
 * someone who can no longer see a private forum) and queues `notifications.created` for after commit.
 * Returns who was notified (concept followers already told about the thread are not told twice).
 */
export async function notifyFollowers(tx: Store, events: EventBus, input: NotifyInput): Promise<Set<string>> {
  const conditions = input.followersOf.map((target) => and(eq(follows.targetType, target.type), eq(follows.targetId, target.id)));
  const followers = (await tx
    .selectDistinct({ userId: follows.userId, role: users.role })
    .from(follows)
    .innerJoin(users, eq(users.id, follows.userId))
    .where(and(or(...conditions), isNull(users.deletedAt)))
    .all())
    .filter((f) => f.userId !== input.actorId);
  const recipients = await forumReaders(tx, input.forum, followers);
  const createdAt = nowIso();
  for (const { userId } of recipients) {
    const row = await tx
      .insert(notifications)
      .values({ userId, kind: input.kind, forumId: input.forum.id, threadId: input.threadId, postId: input.postId, actorId: input.actorId, createdAt })
      .returning({ id: notifications.id })
      .get();
    events.emit('notifications.created', { notificationId: row.id, userId });
  }
  return new Set(recipients.map((r) => r.userId));
}

/** Those of `people` who may read the forum: everyone for a public one; members, moderators and admins for a private one. */
export async function forumReaders<T extends { userId: string; role: string }>(tx: Store, forum: NotifyInput['forum'], people: T[]): Promise<T[]> {
  if (forum.visibility !== 'private' || !people.length) return people;
  const members = new Set((await tx.select({ userId: forumMembers.userId }).from(forumMembers).where(eq(forumMembers.forumId, forum.id)).all()).map((m) => m.userId));
  return people.filter((f) => members.has(f.userId) || f.role === 'moderator' || f.role === 'admin');
}

/**
 * Titles of the given threads that `viewer` may still see: a notification about a thread whose
 * private forum the user left, or that was deleted, keeps its place but no longer shows the title.
 */
export async function visibleThreadTitles(db: Store, viewer: Viewer, threadIds: readonly number[]): Promise<Map<number, string>> {
  if (!threadIds.length) return new Map();
  const rows = await db
    .select({ id: threads.id, title: threads.title, deletedAt: threads.deletedAt, forumId: forums.id, visibility: forums.visibility })
    .from(threads)
    .innerJoin(forums, eq(forums.id, threads.forumId))
    .where(inArray(threads.id, [...new Set(threadIds)]))
    .all();
  return new Map(rows.filter((t) => canViewForum(viewer, { id: t.forumId, visibility: t.visibility }) && (!t.deletedAt || isModerator(viewer))).map((t) => [t.id, t.title]));
}

/** Notifications as their owner (`viewer`) sees them. */
export async function presentNotifications(db: Db, viewer: Viewer, rows: Array<typeof notifications.$inferSelect>): Promise<NotificationDto[]> {
  const threadIds = [...new Set(rows.flatMap((r) => (r.threadId ? [r.threadId] : [])))];
  const actorIds = [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
  const titles = await visibleThreadTitles(db, viewer, threadIds);
  // A curator's answer to the reader's feedback (issue 14) travels as the notification's title.
  const feedbackIds = rows.flatMap((r) => (r.kind === 'feedback.answered' && r.postId ? [r.postId] : []));
  const answers = new Map(feedbackIds.length ? (await db.select({ id: feedback.id, answer: feedback.answer }).from(feedback).where(inArray(feedback.id, feedbackIds)).all()).map((f) => [f.id, f.answer]) : []);
  const actors = new Map(actorIds.length ? (await db.select().from(users).where(inArray(users.id, actorIds)).all()).map((u) => [u.id, u]) : []);
  const documentIds = [...new Set(rows.flatMap((r) => (r.documentId ? [r.documentId] : [])))];
  // A document the viewer may no longer see (withdrawn since a concept follower was told of it) keeps its place without its title.
  const documentRows = documentIds.length ? await db.select({ id: documents.id, title: documents.title, status: documents.status, submittedBy: documents.submittedBy }).from(documents).where(inArray(documents.id, documentIds)).all() : [];
  const documentTitles = new Map(documentRows.filter((d) => canViewDocument(viewer, d)).map((d) => [d.id, d.title]));
  return rows.map((row) => {
    const actor = row.actorId ? actors.get(row.actorId) : undefined;
    return {
      id: row.id,
      kind: row.kind,
      forumId: row.forumId,
      threadId: row.threadId,
      threadTitle: row.kind === 'feedback.answered' ? (answers.get(row.postId ?? 0) ?? null) : row.threadId ? (titles.get(row.threadId) ?? null) : null,
      postId: row.postId,
      actor: actor ? presentPublicUser(actor) : null,
      createdAt: row.createdAt,
      read: row.readAt !== null,
      document:
        row.documentId && documentTitles.has(row.documentId)
          ? { id: row.documentId, title: documentTitles.get(row.documentId)!, decision: (row.decision ?? 'published') as 'published' | 'rejected' | 'withdrawn', reason: row.reason }
          : null,
      conceptId: row.conceptId,
    };
  });
}

/** How many unread notifications a user has. */
export async function unreadCount(db: Db, userId: string): Promise<number> {
  return (await db.select({ n: sql<number>`count(*)` }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))).get())?.n ?? 0;
}

/** The viewer's notifications, newest first, paged by id. */
export async function listNotifications(db: Db, viewer: Viewer, options: { before?: number; limit: number; unreadOnly?: boolean }): Promise<{ items: NotificationDto[]; unreadCount: number }> {
  authorize(canUseNotifications(viewer), viewer);
  const userId = viewer.userId;
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), options.before ? lt(notifications.id, options.before) : undefined, options.unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.id))
    .limit(options.limit)
    .all();
  return { items: await presentNotifications(db, viewer, rows), unreadCount: await unreadCount(db, userId) };
}

/** Loads one notification for the live event to its owner. */
export async function getNotificationDto(db: Db, notificationId: number): Promise<NotificationDto | undefined> {
  const row = await db.select().from(notifications).where(eq(notifications.id, notificationId)).get();
  return row ? (await presentNotifications(db, await viewerOfUserId(db, row.userId), [row]))[0] : undefined;
}

/** Marks some (or all) of the viewer's notifications read; announces the new count to their other tabs. */
export async function markNotificationsRead(db: Db, events: EventBus, viewer: Viewer, ids: number[] | 'all'): Promise<number> {
  authorize(canUseNotifications(viewer), viewer);
  const userId = viewer.userId;
  await events.afterCommit(async () => {
    await db.update(notifications)
      .set({ readAt: nowIso() })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids === 'all' ? undefined : inArray(notifications.id, ids.length ? ids : [-1])))
      .run();
    events.emit('notifications.read', { userId });
  });
  return unreadCount(db, userId);
}

import { auditLog, follows, forumMembers, forums, threads, users, type Db, type FollowTarget } from '@mep/db';
import type { Taxonomy } from '@mep/taxonomy';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '../errors';
import type { EventBus } from '../events';
import { authorize, canFollow, canManageForums, canViewForum, type Viewer } from '../policies';
import type { ForumDto } from '../realtime/events';
import { nowIso, type Store } from './store';

type ForumRow = typeof forums.$inferSelect;

/**
 * Creates (or refreshes the titles of) one forum per thematic area of the taxonomy. Idempotent:
 * safe at every start-up, and never touches forums the secretariat added.
 */
export async function seedThemeForums(db: Db, taxonomy: Taxonomy, now = new Date()): Promise<number> {
  const themes = taxonomy.listConcepts('theme');
  await db.transaction(async (tx) => {
    for (const [position, theme] of themes.entries()) {
      const id = theme.id.replace(/^theme:/, '');
      await tx.insert(forums)
        .values({ id, conceptId: theme.id, title: { ...theme.prefLabel }, description: {}, visibility: 'public', position, createdAt: nowIso(now) })
        .onConflictDoUpdate({ target: forums.id, set: { title: { ...theme.prefLabel }, conceptId: theme.id, position } })
        .run();
    }
  });
  return themes.length;
}

/** Loads a forum the viewer may see; a private forum they may not see answers 404, as if absent. */
export async function getVisibleForum(db: Store, viewer: Viewer, forumId: string): Promise<ForumRow> {
  const forum = await db.select().from(forums).where(eq(forums.id, forumId)).get();
  if (!forum || !canViewForum(viewer, forum)) throw new NotFoundError('The forum');
  return forum;
}

/** Forums the viewer may see, with activity figures, in display order. */
export async function listForums(db: Db, viewer: Viewer): Promise<ForumDto[]> {
  const rows = await db
    .select({
      forum: forums,
      threadCount: sql<number>`count(${threads.id})`,
      postCount: sql<number>`coalesce(sum(${threads.postCount}), 0)`,
      lastPostAt: sql<string | null>`max(${threads.lastPostAt})`,
    })
    .from(forums)
    .leftJoin(threads, and(eq(threads.forumId, forums.id), isNull(threads.deletedAt)))
    .groupBy(forums.id)
    .orderBy(forums.position, forums.id)
    .all();
  const followed = await followedIds(db, viewer, 'forum');
  return rows
    .filter((row) => canViewForum(viewer, row.forum))
    .map((row) => presentForum(row.forum, { threadCount: row.threadCount, postCount: row.postCount, lastPostAt: row.lastPostAt }, followed.has(row.forum.id)));
}

/** One forum with its activity figures. */
export async function getForum(db: Db, viewer: Viewer, forumId: string): Promise<ForumDto> {
  const forum = await getVisibleForum(db, viewer, forumId);
  const stats = await db
    .select({
      threadCount: sql<number>`count(*)`,
      postCount: sql<number>`coalesce(sum(${threads.postCount}), 0)`,
      lastPostAt: sql<string | null>`max(${threads.lastPostAt})`,
    })
    .from(threads)
    .where(and(eq(threads.forumId, forumId), isNull(threads.deletedAt)))
    .get() ?? { threadCount: 0, postCount: 0, lastPostAt: null };
  return presentForum(forum, stats, (await followedIds(db, viewer, 'forum')).has(forumId));
}

function presentForum(forum: ForumRow, stats: { threadCount: number; postCount: number; lastPostAt: string | null }, following: boolean): ForumDto {
  return {
    id: forum.id,
    conceptId: forum.conceptId,
    title: forum.title,
    description: forum.description,
    visibility: forum.visibility,
    threadCount: Number(stats.threadCount),
    postCount: Number(stats.postCount),
    lastPostAt: stats.lastPostAt,
    following,
  };
}

/** Records a moderator or administrator action. */
export async function audit(db: Store, actor: Viewer, action: string, targetType: string, targetId: string | number, details: Record<string, unknown> = {}): Promise<void> {
  await db.insert(auditLog)
    .values({ actorId: actor.userId ?? 'system', action, targetType, targetId: String(targetId), details, createdAt: nowIso() })
    .run();
}

export interface NewForum {
  id: string;
  title: Record<string, string>;
  description?: Record<string, string>;
  visibility: 'public' | 'private';
}

/** Adds a forum (secretariat only), e.g. a private working group. */
export async function createForum(db: Db, viewer: Viewer, input: NewForum): Promise<ForumDto> {
  authorize(canManageForums(viewer), viewer);
  if ((await db.select({ id: forums.id }).from(forums).where(eq(forums.id, input.id)).get())) throw new ConflictError('forum_exists', 'A forum with this id already exists.');
  await db.transaction(async (tx) => {
    const position = ((await tx.select({ max: sql<number>`coalesce(max(${forums.position}), 0)` }).from(forums).get())?.max ?? 0) + 1;
    await tx.insert(forums)
      .values({ id: input.id, conceptId: null, title: input.title, description: input.description ?? {}, visibility: input.visibility, position, createdAt: nowIso() })
      .run();
    await audit(tx, viewer, 'forum.create', 'forum', input.id, { visibility: input.visibility });
  });
  return getForum(db, viewer, input.id);
}

/** Adds a user to (or removes them from) a private forum. */
export async function setForumMember(db: Db, events: EventBus, viewer: Viewer, forumId: string, userId: string, member: boolean): Promise<void> {
  authorize(canManageForums(viewer), viewer);
  await getVisibleForum(db, viewer, forumId);
  const user = await db.select({ id: users.id }).from(users).where(and(eq(users.id, userId), isNull(users.deletedAt))).get();
  if (!user) throw new NotFoundError('The user');
  await events.afterCommit(async () => {
    await db.transaction(async (tx) => {
      if (member) await tx.insert(forumMembers).values({ forumId, userId, addedAt: nowIso() }).onConflictDoNothing().run();
      else await tx.delete(forumMembers).where(and(eq(forumMembers.forumId, forumId), eq(forumMembers.userId, userId))).run();
      await audit(tx, viewer, member ? 'forum.member.add' : 'forum.member.remove', 'forum', forumId, { userId });
    });
    // Live connections of a removed member must stop receiving the forum's events at once.
    if (!member) events.emit('forums.member.removed', { forumId, userId });
  });
}

/** Ids of the forums or threads the viewer follows. */
export async function followedIds(db: Store, viewer: Viewer, targetType: FollowTarget): Promise<Set<string>> {
  if (!viewer.userId) return new Set();
  return new Set(
    (await db
      .select({ id: follows.targetId })
      .from(follows)
      .where(and(eq(follows.userId, viewer.userId), eq(follows.targetType, targetType)))
      .all())
      .map((row) => row.id),
  );
}

/** Follows or unfollows a forum or a thread (the caller has checked that the viewer may see it). */
export async function setFollow(db: Store, viewer: Viewer, targetType: FollowTarget, targetId: string, follow: boolean): Promise<void> {
  authorize(canFollow(viewer), viewer);
  const userId = viewer.userId;
  if (follow) await db.insert(follows).values({ userId, targetType, targetId, createdAt: nowIso() }).onConflictDoNothing().run();
  else await db.delete(follows).where(and(eq(follows.userId, userId), eq(follows.targetType, targetType), eq(follows.targetId, targetId))).run();
}

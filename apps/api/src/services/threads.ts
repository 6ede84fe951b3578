import { auditLog, follows, forums, isUniqueViolation, postRevisions, posts, threadDocuments, threads, users, type Db, lockRowsForUpdate } from '@mep/db';
import { and, asc, desc, eq, gt, gte, inArray, isNull, sql } from 'drizzle-orm';
import { enqueueSearchUpdates } from '@mep/ingest';
import type { AppContext } from '../context';
import { ApiError, NotFoundError, RateLimitedError } from '../errors';
import { documentIsPublished } from './repository/visibility';
import {
  assertEmailVerified,
  authorize,
  canCreateThread,
  canDeletePost,
  canEditPost,
  canModerate,
  canReply,
  canViewForum,
  canViewPostSource,
  isModerator,
  type Viewer,
  type SignedInViewer,
} from '../policies';
import { documentIdsInHtml, presentPost, presentThread } from '../presenters/forums';
import { presentPublicUser } from '../presenters/users';
import type { PostDto, PublicUserDto, ThreadDto } from '../realtime/events';
import { audit, followedIds, getVisibleForum } from './forums';
import { loadDocumentCards, renderMarkdown } from './markdown';
import { notifyConceptFollowersOfThread } from './concept-follows';
import { notifyFollowers } from './notifications';
import { nowIso, type Store } from './store';

type ThreadRow = typeof threads.$inferSelect;
type PostRow = typeof posts.$inferSelect;
type ForumRow = typeof forums.$inferSelect;
/** What posting needs: the database, the event bus and (optionally) the Markdown time budget. */
type Ctx = Pick<AppContext, 'db' | 'events'> & { config?: Pick<AppContext['config'], 'markdownBudgetMs'> };

/** Posting limit per user (moderators are exempt): enough for a conversation, too few for a flood. */
export const POST_RATE_LIMIT = { posts: 5, windowMs: 60_000 };

/** Loads a thread the viewer may see (deleted threads only for moderators), with its forum. */
export async function getVisibleThread(db: Store, viewer: Viewer, threadId: number): Promise<{ thread: ThreadRow; forum: ForumRow }> {
  const row = await db.select({ thread: threads, forum: forums }).from(threads).innerJoin(forums, eq(forums.id, threads.forumId)).where(eq(threads.id, threadId)).get();
  if (!row || !canViewForum(viewer, row.forum) || (row.thread.deletedAt && !isModerator(viewer))) throw new NotFoundError('The thread');
  return row;
}

async function documentIdsOf(db: Store, threadIds: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (!threadIds.length) return map;
  // A thread's document cards show published documents only.
  for (const row of (await db.select().from(threadDocuments).where(and(inArray(threadDocuments.threadId, threadIds), documentIsPublished(threadDocuments.documentId))).all())) {
    const list = map.get(row.threadId) ?? [];
    list.push(row.documentId);
    map.set(row.threadId, list);
  }
  return map;
}

async function presentThreads(db: Store, viewer: Viewer, rows: Array<{ thread: ThreadRow; author: typeof users.$inferSelect }>): Promise<ThreadDto[]> {
  const docs = await documentIdsOf(db, rows.map((r) => r.thread.id));
  const followed = await followedIds(db, viewer, 'thread');
  return rows.map((r) => presentThread(r.thread, r.author, docs.get(r.thread.id) ?? [], followed.has(String(r.thread.id))));
}

/** A thread summary as the viewer sees it. */
export async function getThreadDto(db: Store, viewer: Viewer, threadId: number): Promise<ThreadDto> {
  const { thread } = await getVisibleThread(db, viewer, threadId);
  const author = await db.select().from(users).where(eq(users.id, thread.authorId)).get();
  if (!author) throw new NotFoundError('The thread');
  return (await presentThreads(db, viewer, [{ thread, author }]))[0] as ThreadDto;
}

/** Threads of a forum: pinned first, then by latest activity. */
export async function listThreads(db: Db, viewer: Viewer, forumId: string, page: number, pageSize: number): Promise<{ total: number; page: number; threads: ThreadDto[] }> {
  await getVisibleForum(db, viewer, forumId);
  const where = and(eq(threads.forumId, forumId), isModerator(viewer) ? undefined : isNull(threads.deletedAt));
  const total = (await db.select({ n: sql<number>`count(*)` }).from(threads).where(where).get())?.n ?? 0;
  const rows = await db
    .select({ thread: threads, author: users })
    .from(threads)
    .innerJoin(users, eq(users.id, threads.authorId))
    .where(where)
    .orderBy(desc(threads.pinned), desc(threads.lastPostAt), desc(threads.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  return { total, page, threads: await presentThreads(db, viewer, rows) };
}

/** Threads that discuss a repository document, among those the viewer may see. */
export async function threadsForDocument(db: Db, viewer: Viewer, documentId: string): Promise<ThreadDto[]> {
  const rows = (await db
    .select({ thread: threads, author: users, forum: forums })
    .from(threadDocuments)
    .innerJoin(threads, eq(threads.id, threadDocuments.threadId))
    .innerJoin(forums, eq(forums.id, threads.forumId))
    .innerJoin(users, eq(users.id, threads.authorId))
    .where(and(eq(threadDocuments.documentId, documentId), isNull(threads.deletedAt)))
    .orderBy(desc(threads.lastPostAt))
    .limit(100)
    .all())
    .filter((row) => canViewForum(viewer, row.forum));
  return presentThreads(db, viewer, rows);
}

/** Presents posts (of any threads) for a viewer, or for a room broadcast when `viewer` is null. */
export async function presentPosts(db: Store, viewer: Viewer | null, rows: PostRow[]): Promise<PostDto[]> {
  if (!rows.length) return [];
  const authorIds = [...new Set(rows.map((p) => p.authorId))];
  const threadIds = [...new Set(rows.map((p) => p.threadId))];
  const authors = new Map((await db.select().from(users).where(inArray(users.id, authorIds)).all()).map((u) => [u.id, u]));
  const forumOf = new Map((await db.select({ id: threads.id, forumId: threads.forumId }).from(threads).where(inArray(threads.id, threadIds)).all()).map((t) => [t.id, t.forumId]));
  const cards = await loadDocumentCards(db as Db, rows.flatMap((p) => documentIdsInHtml(p.html)));
  return rows.map((p) => presentPost(p, forumOf.get(p.threadId) ?? '', authors.get(p.authorId) as typeof users.$inferSelect, cards, viewer));
}

/** Loads posts by id, presented for a room broadcast (hidden text removed, no sources). */
export async function getPostsForBroadcast(db: Db, postIds: number[]): Promise<PostDto[]> {
  if (!postIds.length) return [];
  return presentPosts(db, null, await db.select().from(posts).where(inArray(posts.id, postIds)).orderBy(asc(posts.id)).all());
}

/**
 * Posts of a thread in id order, optionally only those after a given id: the fallback re-fetch of a
 * client that reconnected without recovering its session.
 */
export async function listPosts(db: Db, viewer: Viewer, threadId: number, options: { after?: number; limit: number }): Promise<{ posts: PostDto[]; lastPostId: number; hasMore: boolean }> {
  await getVisibleThread(db, viewer, threadId);
  const rows = await db
    .select()
    .from(posts)
    .where(and(eq(posts.threadId, threadId), options.after !== undefined ? gt(posts.id, options.after) : undefined))
    .orderBy(asc(posts.id))
    .limit(options.limit + 1)
    .all();
  const hasMore = rows.length > options.limit;
  const page = rows.slice(0, options.limit);
  return { posts: await presentPosts(db, viewer, page), lastPostId: await lastPostId(db, threadId), hasMore };
}

/** Id of the newest post of a thread (0 when none). */
export async function lastPostId(db: Store, threadId: number): Promise<number> {
  return (await db.select({ id: sql<number | null>`max(${posts.id})` }).from(posts).where(eq(posts.threadId, threadId)).get())?.id ?? 0;
}

/** Throws 429 when the viewer posted too much in the last window. */
async function checkRateLimit(db: Store, viewer: SignedInViewer, now: Date): Promise<void> {
  if (isModerator(viewer)) return;
  const since = new Date(now.getTime() - POST_RATE_LIMIT.windowMs).toISOString();
  const recent = await db
    .select({ n: sql<number>`count(*)`, oldest: sql<string | null>`min(${posts.createdAt})` })
    .from(posts)
    .where(and(eq(posts.authorId, viewer.userId), gte(posts.createdAt, since)))
    .get();
  if (recent && recent.n >= POST_RATE_LIMIT.posts) {
    const retry = recent.oldest ? Math.max(1, Math.ceil((new Date(recent.oldest).getTime() + POST_RATE_LIMIT.windowMs - now.getTime()) / 1000)) : 60;
    throw new RateLimitedError(`You can post ${POST_RATE_LIMIT.posts} times a minute; try again in ${retry} s.`, retry);
  }
}

async function linkDocuments(tx: Store, threadId: number, documentIds: Iterable<string>): Promise<void> {
  for (const documentId of documentIds) await tx.insert(threadDocuments).values({ threadId, documentId }).onConflictDoNothing().run();
}

/**
 * Locks the thread's row for the rest of the transaction (PostgreSQL; SQLite's write transactions are already
 * exclusive). Taken first, so concurrent replies recount one after the other and each sees the other's post.
 */
async function lockThread(tx: Store, threadId: number): Promise<void> {
  await tx.all(sql`select ${threads.id} from ${threads} where ${threads.id} = ${threadId}${lockRowsForUpdate(tx)}`);
}

async function refreshThreadStats(tx: Store, threadId: number): Promise<void> {
  await tx.update(threads)
    .set({
      postCount: sql`(select count(*) from ${posts} where ${posts.threadId} = ${threadId} and ${posts.status} = 'visible')`,
      lastPostAt: sql`coalesce((select max(${posts.createdAt}) from ${posts} where ${posts.threadId} = ${threadId} and ${posts.status} = 'visible'), ${threads.createdAt})`,
    })
    .where(eq(threads.id, threadId))
    .run();
}

/** How a post is created: the client's Idempotency-Key (retries with it answer the first post) and the clock. */
export interface PostingOptions {
  idempotencyKey?: string;
  now?: Date;
}

/** What a request with a key asked for, to tell a retry (same request) from a key used again for another. */
interface KeyedRequest {
  body: string;
  threadId?: number;
  forumId?: string;
}

/**
 * The post an earlier request with this author's `key` created, if any: a retry is answered with it. A key
 * sent again with another target or text (unless the post was edited since) is a client error, 422.
 */
async function postOfKey(db: Store, authorId: string, key: string | null, request: KeyedRequest): Promise<PostRow | undefined> {
  if (key === null) return undefined;
  const row = await db
    .select({ post: posts, forumId: threads.forumId })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(and(eq(posts.authorId, authorId), eq(posts.idempotencyKey, key)))
    .get();
  if (!row) return undefined;
  const sameTarget = request.threadId !== undefined ? row.post.threadId === request.threadId : row.forumId === request.forumId;
  if (!sameTarget || (!row.post.editedAt && row.post.body !== request.body)) {
    throw new ApiError('idempotency_key_reused', 'This Idempotency-Key was already used for another request; send a new key for a new post.', 422);
  }
  return row.post;
}

/**
 * After a failed posting transaction: when it failed because a concurrent request with the same key
 * committed first (a retry racing its original on another node), that request's post; otherwise rethrows.
 */
async function raceWinner(db: Store, error: unknown, authorId: string, key: string | null, request: KeyedRequest): Promise<PostRow> {
  const winner = key !== null && isUniqueViolation(error) ? await postOfKey(db, authorId, key, request) : undefined;
  if (!winner) throw error;
  return winner;
}

export interface NewThread {
  title: string;
  body: string;
  concepts: string[];
  documentIds: string[];
}

/** Starts a thread with its first post; the author follows it; followers of the forum are notified. */
export async function createThread(ctx: Ctx, viewer: Viewer, forumId: string, input: NewThread, options: PostingOptions = {}): Promise<{ thread: ThreadDto; post: PostDto }> {
  const { db, events } = ctx;
  const now = options.now ?? new Date();
  const forum = await getVisibleForum(db, viewer, forumId);
  authorize(canCreateThread(viewer, forum), viewer);
  assertEmailVerified(viewer);
  const key = options.idempotencyKey ?? null;
  const answerWith = async (post: PostRow) => ({ thread: await getThreadDto(db, viewer, post.threadId), post: await getPostDto(db, viewer, post.id) });
  const replayed = await postOfKey(db, viewer.userId, key, { forumId, body: input.body });
  if (replayed) return answerWith(replayed);
  await checkRateLimit(db, viewer, now);
  const rendered = await renderMarkdown(db, input.body, ctx.config?.markdownBudgetMs);
  const existing = await loadDocumentCards(db, input.documentIds);
  const authorId = viewer.userId;
  const created = await events.afterCommit(async () => {
    const ids = await db.transaction(async (tx) => {
      const createdAt = nowIso(now);
      const thread = await tx
        .insert(threads)
        .values({ forumId, authorId, title: input.title.trim(), concepts: [...new Set(input.concepts)], postCount: 1, lastPostAt: createdAt, createdAt })
        .returning({ id: threads.id })
        .get();
      const post = await tx.insert(posts).values({ threadId: thread.id, authorId, body: input.body, html: rendered.html, createdAt, idempotencyKey: key }).returning({ id: posts.id }).get();
      await linkDocuments(tx, thread.id, [...input.documentIds.filter((id) => existing.has(id)), ...rendered.documentIds]);
      await tx.insert(follows).values({ userId: authorId, targetType: 'thread', targetId: String(thread.id), createdAt }).onConflictDoNothing().run();
      const notified = await notifyFollowers(tx, events, { kind: 'thread.created', forum, threadId: thread.id, postId: post.id, actorId: authorId, followersOf: [{ type: 'forum', id: forumId }] });
      await notifyConceptFollowersOfThread(tx, events, { forum, threadId: thread.id, postId: post.id, actorId: authorId, concepts: [...new Set(input.concepts)], alreadyNotified: notified });
      await enqueueSearchUpdates(tx, 'post', [post.id]);
      return { threadId: thread.id, postId: post.id };
    });
    events.emit('threads.created', { threadId: ids.threadId, forumId });
    events.emit('posts.created', { postId: ids.postId, threadId: ids.threadId, forumId });
    return ids;
  }).catch(async (error: unknown) => {
    const winner = await raceWinner(db, error, viewer.userId, key, { forumId, body: input.body });
    return { threadId: winner.threadId, postId: winner.id };
  });
  return { thread: await getThreadDto(db, viewer, created.threadId), post: await getPostDto(db, viewer, created.postId) };
}

/** A single post as the viewer sees it. */
export async function getPostDto(db: Db, viewer: Viewer, postId: number): Promise<PostDto> {
  const row = await db.select().from(posts).where(eq(posts.id, postId)).get();
  if (!row) throw new NotFoundError('The post');
  await getVisibleThread(db, viewer, row.threadId);
  return (await presentPosts(db, viewer, [row]))[0] as PostDto;
}

/** Adds a reply; the author follows the thread; the thread's followers are notified. */
export async function createReply(ctx: Ctx, viewer: Viewer, threadId: number, body: string, options: PostingOptions = {}): Promise<PostDto> {
  const { db, events } = ctx;
  const now = options.now ?? new Date();
  const { thread, forum } = await getVisibleThread(db, viewer, threadId);
  authorize(canReply(viewer, forum, thread), viewer);
  assertEmailVerified(viewer);
  const key = options.idempotencyKey ?? null;
  const replayed = await postOfKey(db, viewer.userId, key, { threadId, body });
  if (replayed) return getPostDto(db, viewer, replayed.id);
  await checkRateLimit(db, viewer, now);
  const rendered = await renderMarkdown(db, body, ctx.config?.markdownBudgetMs);
  const authorId = viewer.userId;
  const postId = await events.afterCommit(async () => {
    const id = await db.transaction(async (tx) => {
      await lockThread(tx, threadId);
      const createdAt = nowIso(now);
      const post = await tx.insert(posts).values({ threadId, authorId, body, html: rendered.html, createdAt, idempotencyKey: key }).returning({ id: posts.id }).get();
      await refreshThreadStats(tx, threadId);
      await linkDocuments(tx, threadId, rendered.documentIds);
      await tx.insert(follows).values({ userId: authorId, targetType: 'thread', targetId: String(threadId), createdAt }).onConflictDoNothing().run();
      await notifyFollowers(tx, events, { kind: 'post.created', forum, threadId, postId: post.id, actorId: authorId, followersOf: [{ type: 'thread', id: String(threadId) }] });
      await enqueueSearchUpdates(tx, 'post', [post.id]);
      return post.id;
    });
    events.emit('posts.created', { postId: id, threadId, forumId: forum.id });
    // A reply only changes counts: viewers of the thread learn it from posts.created itself.
    events.emit('threads.updated', { threadId, forumId: forum.id, reason: 'reply' });
    return id;
  }).catch(async (error: unknown) => (await raceWinner(db, error, viewer.userId, key, { threadId, body })).id);
  return getPostDto(db, viewer, postId);
}

async function loadPostForChange(db: Db, viewer: Viewer, postId: number): Promise<{ post: PostRow; thread: ThreadRow; forum: ForumRow }> {
  const post = await db.select().from(posts).where(eq(posts.id, postId)).get();
  if (!post) throw new NotFoundError('The post');
  const { thread, forum } = await getVisibleThread(db, viewer, post.threadId);
  return { post, thread, forum };
}

/** Edits a post, keeping the previous text as a revision. */
export async function editPost(ctx: Ctx, viewer: Viewer, postId: number, body: string, now = new Date()): Promise<PostDto> {
  const { db, events } = ctx;
  const { post, forum } = await loadPostForChange(db, viewer, postId);
  authorize(canEditPost(viewer, post), viewer);
  const rendered = await renderMarkdown(db, body, ctx.config?.markdownBudgetMs);
  await events.afterCommit(async () => {
    await db.transaction(async (tx) => {
      await tx.insert(postRevisions).values({ postId, body: post.body, editorId: viewer.userId, createdAt: nowIso(now) }).run();
      await tx.update(posts).set({ body, html: rendered.html, editedAt: nowIso(now) }).where(eq(posts.id, postId)).run();
      await linkDocuments(tx, post.threadId, rendered.documentIds);
      if (post.authorId !== viewer.userId) await audit(tx, viewer, 'post.edit', 'post', postId);
      await enqueueSearchUpdates(tx, 'post', [postId]);
    });
    events.emit('posts.updated', { postId, threadId: post.threadId, forumId: forum.id });
  });
  return getPostDto(db, viewer, postId);
}

/**
 * Changes a post's status: soft deletion by its author or a moderator, hide / restore by a
 * moderator. The row stays (edit history and audit keep their meaning).
 */
export async function setPostStatus(ctx: Ctx, viewer: Viewer, postId: number, status: PostRow['status'], reason?: string): Promise<PostDto> {
  const { db, events } = ctx;
  const { post, forum } = await loadPostForChange(db, viewer, postId);
  if (status === 'deleted') authorize(canDeletePost(viewer, post), viewer);
  else authorize(canModerate(viewer), viewer);
  await events.afterCommit(async () => {
    await db.transaction(async (tx) => {
      await lockThread(tx, post.threadId);
      await tx.update(posts).set({ status }).where(eq(posts.id, postId)).run();
      await refreshThreadStats(tx, post.threadId);
      // Every status change is audited, the author's own deletion too: moderators read it in the post's history.
      const action = status === 'deleted' ? 'post.delete' : status === 'hidden' ? 'post.hide' : 'post.restore';
      await audit(tx, viewer, action, 'post', postId, reason ? { reason } : {});
      await enqueueSearchUpdates(tx, 'post', [postId]);
    });
    events.emit('posts.updated', { postId, threadId: post.threadId, forumId: forum.id });
    events.emit('threads.updated', { threadId: post.threadId, forumId: forum.id });
  });
  return getPostDto(db, viewer, postId);
}

/** Locks or pins a thread (moderators). */
export async function setThreadFlags(ctx: Ctx, viewer: Viewer, threadId: number, change: { locked?: boolean; pinned?: boolean }): Promise<ThreadDto> {
  const { db, events } = ctx;
  const { forum } = await getVisibleThread(db, viewer, threadId);
  authorize(canModerate(viewer), viewer);
  await events.afterCommit(async () => {
    await db.transaction(async (tx) => {
      await tx.update(threads).set(change).where(eq(threads.id, threadId)).run();
      if (change.locked !== undefined) await audit(tx, viewer, change.locked ? 'thread.lock' : 'thread.unlock', 'thread', threadId);
      if (change.pinned !== undefined) await audit(tx, viewer, change.pinned ? 'thread.pin' : 'thread.unpin', 'thread', threadId);
    });
    events.emit('threads.updated', { threadId, forumId: forum.id });
  });
  return getThreadDto(db, viewer, threadId);
}

export interface RevisionDto {
  id: number;
  body: string;
  editor: PublicUserDto | null;
  createdAt: string;
}

/** A change of a post's status or a moderator's edit, from the audit log. */
export interface PostEventDto {
  action: string;
  actor: PublicUserDto | null;
  createdAt: string;
  reason: string | null;
}

/**
 * Earlier versions of a post, newest first (author and moderators). Moderators also get the post's
 * audit events (deletions, including the author's own, hides, restores, edits by moderators), newest first.
 */
export async function postHistory(db: Db, viewer: Viewer, postId: number): Promise<{ current: PostDto; revisions: RevisionDto[]; events: PostEventDto[] }> {
  const { post } = await loadPostForChange(db, viewer, postId);
  authorize(canViewPostSource(viewer, post), viewer);
  const rows = await db.select({ revision: postRevisions, editor: users }).from(postRevisions).leftJoin(users, eq(users.id, postRevisions.editorId)).where(eq(postRevisions.postId, postId)).orderBy(desc(postRevisions.id));
  const events = isModerator(viewer)
    ? await db
        .select({ entry: auditLog, actor: users })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(and(eq(auditLog.targetType, 'post'), eq(auditLog.targetId, String(postId))))
        .orderBy(desc(auditLog.id))
    : [];
  return {
    current: await getPostDto(db, viewer, postId),
    revisions: rows.map(({ revision, editor }) => ({ id: revision.id, body: revision.body, editor: editor ? presentPublicUser(editor) : null, createdAt: revision.createdAt })),
    events: events.map(({ entry, actor }) => ({
      action: entry.action,
      actor: actor ? presentPublicUser(actor) : null,
      createdAt: entry.createdAt,
      reason: typeof entry.details.reason === 'string' ? entry.details.reason : null,
    })),
  };
}

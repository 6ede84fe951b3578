import { forums, posts, threads, users } from '@mep/db';
import { eq, inArray } from 'drizzle-orm';
import type { DiscussionSearchResponse } from '../contracts';
import type { AppContext } from '../context';
import { canViewForum, type Viewer } from '../policies';
import { DELETED_USER_NAME } from '../presenters/users';
import { htmlToText } from './markdown';
import { HIGHLIGHT_TAGS, renderSnippet } from './snippets';

/** One forum post in Meilisearch. Only visible posts of live threads are in the index. */
export interface PostSearchRecord {
  id: number;
  threadId: number;
  forumId: string;
  title: string;
  text: string;
  authorName: string;
  concepts: string[];
  createdAt: string;
  /** Seconds since the epoch, for sorting. */
  createdAtTs: number;
}

type SearchCtx = Pick<AppContext, 'db' | 'search'>;

const postsIndex = (search: AppContext['search']) => search.client.index<PostSearchRecord>(search.indexName('posts'));

/** Creates the posts index with its settings (idempotent); waits until Meilisearch applied them. */
export async function ensurePostsIndex(search: AppContext['search']): Promise<void> {
  await search.client.createIndex(search.indexName('posts'), { primaryKey: 'id' }).waitTask({ timeout: 60_000 }).catch(() => undefined);
  await postsIndex(search)
    .updateSettings({
      searchableAttributes: ['title', 'text', 'authorName'],
      filterableAttributes: ['forumId', 'threadId', 'concepts'],
      sortableAttributes: ['createdAtTs', 'id'],
    })
    .waitTask({ timeout: 60_000 });
}

/** Brings the index up to date for the given posts: visible ones are (re)indexed, the others removed. Resolves once applied. */
export async function indexPosts(context: SearchCtx, postIds: readonly number[]): Promise<void> {
  if (!postIds.length) return;
  const rows = await context.db
    .select({ post: posts, thread: threads, author: users })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(inArray(posts.id, postIds))
    .all();
  const keep: PostSearchRecord[] = [];
  const drop = new Set(postIds);
  for (const { post, thread, author } of rows) {
    if (post.status !== 'visible' || thread.deletedAt) continue;
    drop.delete(post.id);
    keep.push({
      id: post.id,
      threadId: thread.id,
      forumId: thread.forumId,
      title: thread.title,
      text: htmlToText(post.html),
      authorName: author.deletedAt ? DELETED_USER_NAME : author.displayName,
      concepts: thread.concepts,
      createdAt: post.createdAt,
      createdAtTs: Math.floor(new Date(post.createdAt).getTime() / 1000),
    });
  }
  const index = postsIndex(context.search);
  if (keep.length) await index.addDocuments(keep).waitTask({ timeout: 60_000 });
  if (drop.size) await index.deleteDocuments([...drop]).waitTask({ timeout: 60_000 });
}

/** Re-indexes every post from SQLite (for `mep reindex`-style rebuilds). */
export async function rebuildPostsIndex(context: SearchCtx): Promise<number> {
  await ensurePostsIndex(context.search);
  await postsIndex(context.search).deleteAllDocuments().waitTask({ timeout: 60_000 });
  const ids = (await context.db.select({ id: posts.id }).from(posts).all()).map((p) => p.id);
  for (let i = 0; i < ids.length; i += 1000) await indexPosts(context, ids.slice(i, i + 1000));
  return ids.length;
}

/**
 * Keeps the posts index in step with committed changes through the search outbox: the services write a
 * `post` row in each change's transaction; this registers the handler that applies them and wakes the
 * worker when a change commits (other nodes' rows are found by its poll). Returns the unsubscribe
 * function and `idle()` (resolves once the outbox holds no post or document row; handy for tests).
 */
export function subscribePostIndexer(context: Pick<AppContext, 'db' | 'search' | 'events' | 'searchOutbox'>): { stop(): void; idle(): Promise<void> } {
  context.searchOutbox.handle('post', (ids) => indexPosts(context, ids.map(Number)));
  const wake = () => context.searchOutbox.notify();
  const offs = [context.events.on('posts.created', wake), context.events.on('posts.updated', wake), context.events.on('users.deleted', wake)];
  return {
    stop: () => offs.forEach((off) => off()),
    idle: () => context.searchOutbox.idle(),
  };
}

/** Searches the forum posts the viewer may see (the "Discussions" tab). */
export async function searchDiscussions(
  context: SearchCtx,
  viewer: Viewer,
  query: { q: string; page: number; pageSize: number; forumId?: string; concept?: string[] },
): Promise<DiscussionSearchResponse> {
  const visible = (await context.db
    .select({ id: forums.id, visibility: forums.visibility })
    .from(forums)
    .all())
    .filter((f) => canViewForum(viewer, f))
    .map((f) => f.id)
    .filter((id) => !query.forumId || id === query.forumId);
  if (!visible.length) return { total: 0, page: query.page, hits: [] };
  const filter = [`forumId IN [${visible.map((id) => JSON.stringify(id)).join(', ')}]`];
  if (query.concept?.length) filter.push(`concepts IN [${query.concept.map((c) => JSON.stringify(c)).join(', ')}]`);
  const result = await postsIndex(context.search).search(query.q, {
    filter,
    page: query.page,
    hitsPerPage: query.pageSize,
    attributesToCrop: ['text:30'],
    attributesToHighlight: ['text', 'title'],
    ...HIGHLIGHT_TAGS,
    ...(query.q ? {} : { sort: ['createdAtTs:desc'] }),
  });
  return {
    total: result.totalHits ?? result.hits.length,
    page: query.page,
    hits: result.hits.map((hit) => ({
      postId: hit.id,
      threadId: hit.threadId,
      forumId: hit.forumId,
      threadTitle: hit.title,
      authorName: hit.authorName,
      concepts: hit.concepts,
      createdAt: hit.createdAt,
      snippet: renderSnippet(hit._formatted?.text ?? hit.text.slice(0, 200)),
    })),
  };
}

import type { posts, threads, users } from '@mep/db';
import type { Viewer } from '../policies';
import { canViewHiddenPost, canViewPostSource } from '../policies';
import type { DocumentCardDto, PostDto, ThreadDto } from '../realtime/events';
import { presentPublicUser } from './users';

type PostRow = typeof posts.$inferSelect;
type ThreadRow = typeof threads.$inferSelect;
type UserRow = typeof users.$inferSelect;

const DOCUMENT_CARD = /data-document-id="([^"]+)"/g;

/** Ids of the document cards in a post's rendered HTML. */
export function documentIdsInHtml(html: string): string[] {
  return [...new Set([...html.matchAll(DOCUMENT_CARD)].map((m) => m[1] as string))];
}

/**
 * A post as the viewer may see it. Hidden and deleted posts keep their place in the thread but lose
 * their text, except for moderators; the Markdown source goes only to the author and moderators.
 * Pass `viewer: null` for broadcasts, which must suit everyone in the room.
 */
export function presentPost(post: PostRow, forumId: string, author: UserRow, cards: ReadonlyMap<string, DocumentCardDto>, viewer: Viewer | null): PostDto {
  const showText = post.status === 'visible' || (viewer !== null && canViewHiddenPost(viewer));
  const html = showText ? post.html : '';
  return {
    id: post.id,
    threadId: post.threadId,
    forumId,
    author: presentPublicUser(author),
    html,
    ...(viewer && showText && canViewPostSource(viewer, post) ? { body: post.body } : {}),
    status: post.status,
    createdAt: post.createdAt,
    editedAt: post.editedAt,
    documents: documentIdsInHtml(html).flatMap((id) => {
      const card = cards.get(id);
      return card ? [card] : [];
    }),
  };
}

/** A thread summary. */
export function presentThread(thread: ThreadRow, author: UserRow, documentIds: string[], following: boolean): ThreadDto {
  return {
    id: thread.id,
    forumId: thread.forumId,
    title: thread.title,
    author: presentPublicUser(author),
    concepts: thread.concepts,
    documentIds,
    locked: thread.locked,
    pinned: thread.pinned,
    postCount: thread.postCount,
    lastPostAt: thread.lastPostAt,
    createdAt: thread.createdAt,
    following,
  };
}

import type { Request } from 'express';
import type { AppContext } from '../../context';
import { ValidationError } from '../../errors';
import { defineRoute } from '../../http/define-route';
import { authorize, canPreviewMarkdown } from '../../policies';
import { createForum, getForum, getVisibleForum, listForums, setFollow, setForumMember } from '../../services/forums';
import { loadDocumentCards, renderMarkdown } from '../../services/markdown';
import { searchDiscussions } from '../../services/post-search';
import {
  createReply,
  createThread,
  editPost,
  getPostDto,
  getThreadDto,
  getVisibleThread,
  listPosts,
  listThreads,
  postHistory,
  setPostStatus,
  threadsForDocument,
} from '../../services/threads';
import { viewerOf } from '../auth/auth.middleware';
import {
  createForumBody,
  createThreadBody,
  createThreadResponse,
  discussionsQuery,
  discussionsResponse,
  documentIdParams,
  followResponse,
  forumIdParams,
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKeySchema,
  forumListResponse,
  forumMemberParams,
  forumResponse,
  historyResponse,
  listPostsQuery,
  okResponse,
  pageQuery,
  postIdParams,
  postListResponse,
  postResponse,
  previewBody,
  previewResponse,
  replyBody,
  threadIdParams,
  threadListResponse,
  threadResponse,
} from './forums.schemas';

/** The request's Idempotency-Key, if any; a malformed one is a 400 (never silently ignored: the retry would post twice). */
function idempotencyKeyOf(req: Request): string | undefined {
  const parsed = idempotencyKeySchema.safeParse(req.header(IDEMPOTENCY_KEY_HEADER));
  if (!parsed.success) throw new ValidationError(`header "${IDEMPOTENCY_KEY_HEADER}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export function forumRoutes(context: AppContext) {
  const { db } = context;
  return [
    defineRoute({
      method: 'get',
      path: '/api/forums',
      tag: 'forums',
      summary: 'Forums the viewer may see, with their activity (threads, posts, last post).',
      response: forumListResponse,
      handler: async ({ req }) => ({ forums: await listForums(db, viewerOf(req)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/forums',
      tag: 'forums',
      summary: 'Adds a forum, e.g. a private working group (administrators).',
      body: createForumBody,
      response: forumResponse,
      errors: [401, 403, 409],
      handler: async ({ req, body }) => ({ forum: await createForum(db, viewerOf(req), body) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/forums/:forumId',
      tag: 'forums',
      summary: 'One forum with its activity.',
      params: forumIdParams,
      response: forumResponse,
      errors: [404],
      handler: async ({ req, params }) => ({ forum: await getForum(db, viewerOf(req), params.forumId) }),
    }),
    ...[true, false].map((member) =>
      defineRoute({
        method: member ? 'put' : 'delete',
        path: '/api/forums/:forumId/members/:userId',
        tag: 'forums',
        summary: member ? 'Adds a user to a private forum (administrators).' : 'Removes a user from a private forum (administrators).',
        params: forumMemberParams,
        response: okResponse,
        errors: [401, 403, 404],
        handler: async ({ req, params }) => {
          await setForumMember(db, context.events, viewerOf(req), params.forumId, params.userId, member);
          return { ok: true as const };
        },
      }),
    ),
    ...[true, false].map((follow) =>
      defineRoute({
        method: follow ? 'put' : 'delete',
        path: '/api/forums/:forumId/follow',
        tag: 'forums',
        summary: follow ? 'Follows a forum: new threads in it become notifications.' : 'Stops following a forum.',
        params: forumIdParams,
        response: followResponse,
        errors: [401, 403, 404],
        handler: async ({ req, params }) => {
          const viewer = viewerOf(req);
          await getVisibleForum(db, viewer, params.forumId);
          await setFollow(db, viewer, 'forum', params.forumId, follow);
          return { following: follow };
        },
      }),
    ),
    defineRoute({
      method: 'get',
      path: '/api/forums/:forumId/threads',
      tag: 'forums',
      summary: 'Threads of a forum: pinned first, then by latest activity.',
      params: forumIdParams,
      query: pageQuery,
      response: threadListResponse,
      errors: [404],
      handler: async ({ req, params, query }) => listThreads(db, viewerOf(req), params.forumId, query.page, query.pageSize),
    }),
    defineRoute({
      method: 'post',
      path: '/api/forums/:forumId/threads',
      tag: 'forums',
      summary: `Starts a thread (Markdown body, concept tags, linked repository documents). With an ${IDEMPOTENCY_KEY_HEADER} header, a retry answers the thread it started.`,
      params: forumIdParams,
      body: createThreadBody,
      response: createThreadResponse,
      rateLimit: 'posting',
      errors: [401, 403, 404, 422, 429],
      handler: ({ req, params, body }) => createThread(context, viewerOf(req), params.forumId, body, { idempotencyKey: idempotencyKeyOf(req) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/threads/:threadId',
      tag: 'forums',
      summary: 'A thread summary.',
      params: threadIdParams,
      response: threadResponse,
      errors: [404],
      handler: async ({ req, params }) => ({ thread: await getThreadDto(db, viewerOf(req), params.threadId) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/threads/:threadId/posts',
      tag: 'forums',
      summary: 'Posts of a thread in order; `after=<postId>` returns only newer ones (re-fetch after a reconnect).',
      params: threadIdParams,
      query: listPostsQuery,
      response: postListResponse,
      errors: [404],
      handler: async ({ req, params, query }) => listPosts(db, viewerOf(req), params.threadId, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/threads/:threadId/posts',
      tag: 'forums',
      summary: `Replies to a thread (Markdown). Limited to a few posts a minute per user. With an ${IDEMPOTENCY_KEY_HEADER} header (unique per author), a retry answers the post it created instead of posting twice.`,
      params: threadIdParams,
      body: replyBody,
      response: postResponse,
      rateLimit: 'posting',
      errors: [401, 403, 404, 422, 429],
      handler: async ({ req, params, body }) => ({ post: await createReply(context, viewerOf(req), params.threadId, body.body, { idempotencyKey: idempotencyKeyOf(req) }) }),
    }),
    ...[true, false].map((follow) =>
      defineRoute({
        method: follow ? 'put' : 'delete',
        path: '/api/threads/:threadId/follow',
        tag: 'forums',
        summary: follow ? 'Follows a thread: new replies become notifications.' : 'Stops following a thread.',
        params: threadIdParams,
        response: followResponse,
        errors: [401, 403, 404],
        handler: async ({ req, params }) => {
          const viewer = viewerOf(req);
          await getVisibleThread(db, viewer, params.threadId);
          await setFollow(db, viewer, 'thread', String(params.threadId), follow);
          return { following: follow };
        },
      }),
    ),
    defineRoute({
      method: 'get',
      path: '/api/posts/:postId',
      tag: 'forums',
      summary: 'One post (the Markdown source is included for its author and moderators).',
      params: postIdParams,
      response: postResponse,
      errors: [404],
      handler: async ({ req, params }) => ({ post: await getPostDto(db, viewerOf(req), params.postId) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/posts/:postId',
      tag: 'forums',
      summary: 'Edits a post (its author or a moderator); the previous text is kept in its history.',
      params: postIdParams,
      body: replyBody,
      response: postResponse,
      rateLimit: 'posting',
      errors: [401, 403, 404],
      handler: async ({ req, params, body }) => ({ post: await editPost(context, viewerOf(req), params.postId, body.body) }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/posts/:postId',
      tag: 'forums',
      summary: 'Soft-deletes a post (its author or a moderator): it keeps its place, without its text.',
      params: postIdParams,
      response: postResponse,
      errors: [401, 403, 404],
      handler: async ({ req, params }) => ({ post: await setPostStatus(context, viewerOf(req), params.postId, 'deleted') }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/posts/:postId/history',
      tag: 'forums',
      summary: 'Earlier versions of a post (its author and moderators).',
      params: postIdParams,
      response: historyResponse,
      errors: [401, 403, 404],
      handler: async ({ req, params }) => postHistory(db, viewerOf(req), params.postId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/markdown/preview',
      tag: 'forums',
      summary: 'Renders Markdown exactly as a post would be rendered (the composer preview).',
      body: previewBody,
      response: previewResponse,
      rateLimit: 'preview',
      errors: [401, 403],
      handler: async ({ req, body }) => {
        const viewer = viewerOf(req);
        authorize(canPreviewMarkdown(viewer), viewer);
        const rendered = await renderMarkdown(db, body.body, context.config.markdownBudgetMs);
        const cards = await loadDocumentCards(db, rendered.documentIds);
        return { html: rendered.html, documents: rendered.documentIds.flatMap((id) => (cards.get(id) ? [cards.get(id)!] : [])) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/documents/:id/threads',
      tag: 'forums',
      summary: 'Threads that discuss a repository document.',
      params: documentIdParams,
      response: threadListResponse.pick({ threads: true }),
      handler: async ({ req, params }) => ({ threads: await threadsForDocument(db, viewerOf(req), params.id) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/discussions/search',
      tag: 'forums',
      summary: 'Full-text search of forum posts the viewer may see (the "Discussions" tab).',
      query: discussionsQuery,
      response: discussionsResponse,
      rateLimit: 'search',
      errors: [503],
      handler: ({ req, query }) =>
        context.metrics.timeSearch('discussions', () =>
          searchDiscussions(context, viewerOf(req), {
            q: query.q,
            page: query.page,
            pageSize: query.pageSize,
            forumId: query.forumId,
            concept: query.concept === undefined ? undefined : ([] as string[]).concat(query.concept),
          }),
        ),
    }),
  ];
}

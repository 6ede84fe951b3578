import type { AppContext } from '../../context';
import { defineRoute } from '../../http/define-route';
import { flagPost, listAuditLog, listFlags, resolveFlag } from '../../services/moderation';
import { setPostStatus, setThreadFlags } from '../../services/threads';
import { viewerOf } from '../auth/auth.middleware';
import { okResponse, postIdParams, postResponse, threadIdParams, threadResponse } from '../forums/forums.schemas';
import { auditQuery, auditResponse, flagBody, flagIdParams, flagListResponse, flagResponse, flagsQuery, lockBody, moderationReasonBody, pinBody, resolveFlagBody } from './moderation.schemas';

export function moderationRoutes(context: AppContext) {
  const { db } = context;
  return [
    defineRoute({
      method: 'post',
      path: '/api/posts/:postId/flags',
      tag: 'moderation',
      summary: 'Flags a post for the moderators, with a reason.',
      params: postIdParams,
      body: flagBody,
      response: flagResponse,
      errors: [401, 403, 404, 409],
      handler: async ({ req, params, body }) => flagPost(db, viewerOf(req), params.postId, body.reason),
    }),
    defineRoute({
      method: 'get',
      path: '/api/moderation/flags',
      tag: 'moderation',
      summary: 'The moderator queue: flags by status (open ones oldest first).',
      query: flagsQuery,
      response: flagListResponse,
      errors: [401, 403],
      handler: async ({ req, query }) => ({ flags: await listFlags(db, viewerOf(req), query.status) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/moderation/flags/:flagId/resolve',
      tag: 'moderation',
      summary: 'Closes a flag: hide the post (and close its other flags) or dismiss the flag.',
      params: flagIdParams,
      body: resolveFlagBody,
      response: okResponse,
      errors: [401, 403, 404],
      handler: async ({ req, params, body }) => {
        await resolveFlag(context, viewerOf(req), params.flagId, body.action);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/posts/:postId/hide',
      tag: 'moderation',
      summary: 'Hides a post (moderators); it keeps its place in the thread without its text.',
      params: postIdParams,
      body: moderationReasonBody,
      response: postResponse,
      errors: [401, 403, 404],
      handler: async ({ req, params, body }) => ({ post: await setPostStatus(context, viewerOf(req), params.postId, 'hidden', body.reason) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/posts/:postId/restore',
      tag: 'moderation',
      summary: 'Restores a hidden or deleted post (moderators).',
      params: postIdParams,
      body: moderationReasonBody,
      response: postResponse,
      errors: [401, 403, 404],
      handler: async ({ req, params, body }) => ({ post: await setPostStatus(context, viewerOf(req), params.postId, 'visible', body.reason) }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/threads/:threadId/lock',
      tag: 'moderation',
      summary: 'Locks or unlocks a thread (moderators): a locked thread takes no replies.',
      params: threadIdParams,
      body: lockBody,
      response: threadResponse,
      errors: [401, 403, 404],
      handler: async ({ req, params, body }) => ({ thread: await setThreadFlags(context, viewerOf(req), params.threadId, { locked: body.locked }) }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/threads/:threadId/pin',
      tag: 'moderation',
      summary: 'Pins or unpins a thread at the top of its forum (moderators).',
      params: threadIdParams,
      body: pinBody,
      response: threadResponse,
      errors: [401, 403, 404],
      handler: async ({ req, params, body }) => ({ thread: await setThreadFlags(context, viewerOf(req), params.threadId, { pinned: body.pinned }) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/moderation/audit',
      tag: 'moderation',
      summary: 'The audit log of moderator and administrator actions, newest first.',
      query: auditQuery,
      response: auditResponse,
      errors: [401, 403],
      handler: async ({ req, query }) => listAuditLog(db, viewerOf(req), query),
    }),
  ];
}

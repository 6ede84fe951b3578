import type { AppContext } from '../../context';
import { defineRoute } from '../../http/define-route';
import { listFollowedConcepts, setConceptFollow } from '../../services/concept-follows';
import { viewerOf } from '../auth/auth.middleware';
import { conceptFollowResponse, followConceptParams, followedConceptsResponse } from './follows.schemas';

/** Following concepts of the taxonomy (issue 11 §5): new published documents and threads tagged with them notify. */
export function followRoutes(context: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/follows/concepts',
      tag: 'follows',
      summary: 'The concepts the signed-in user follows (their profile\'s "Following" list).',
      response: followedConceptsResponse,
      errors: [401],
      handler: async ({ req }) => ({ concepts: await listFollowedConcepts(context.db, viewerOf(req)) }),
    }),
    ...[true, false].map((follow) =>
      defineRoute({
        method: follow ? 'put' : 'delete',
        path: '/api/follows/concepts/:conceptId',
        tag: 'follows',
        summary: follow
          ? 'Follows a concept (idempotent): newly published documents and new threads tagged with it become notifications. An unknown concept is a 404.'
          : 'Stops following a concept (idempotent).',
        params: followConceptParams,
        response: conceptFollowResponse,
        rateLimit: 'follow',
        errors: [401, 404, 409, 429],
        handler: async ({ req, params }) => {
          await setConceptFollow(context, viewerOf(req), params.conceptId, follow);
          return { conceptId: params.conceptId, following: follow };
        },
      }),
    ),
  ];
}

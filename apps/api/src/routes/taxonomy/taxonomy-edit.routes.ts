import type { AppContext } from '../../context';
import { defineRoute } from '../../http/define-route';
import { authorize, canCurate } from '../../policies';
import { addConcept, deprecateConcept, editConcept } from '../../services/taxonomy/edit-concepts';
import { listRetagJobs } from '../../services/taxonomy/retag-jobs';
import { viewerOf } from '../auth/auth.middleware';
import { conceptEditBody, conceptEditResponse, conceptIdParams, deprecateBody, newConceptBody, retagJobsResponse } from './taxonomy.schemas';

/** Curators edit the taxonomy (issue 11 §4); each edit is retagged in the background with live progress. */
export function taxonomyEditRoutes(context: AppContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/taxonomy/concepts',
      tag: 'taxonomy',
      summary: 'Add a concept (topics): six preferred labels, alternative labels, broader / related, articles, exactMatch. The documents that name it are retagged in the background (`taxonomy.retag.progress`).',
      body: newConceptBody,
      response: conceptEditResponse,
      errors: [400, 401, 403, 409, 422],
      handler: async ({ req, body }) => {
        const { scheme, slug, ...content } = body;
        return addConcept(context, viewerOf(req), scheme, slug, content);
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/taxonomy/concepts/:id',
      tag: 'taxonomy',
      summary: 'Edit a concept as of the given version (0: as committed); a stale version is a 409 with the other change. Affected documents are retagged in the background.',
      params: conceptIdParams,
      body: conceptEditBody,
      response: conceptEditResponse,
      errors: [400, 401, 403, 404, 409, 422],
      handler: async ({ req, params, body }) => {
        const { version, ...content } = body;
        return editConcept(context, viewerOf(req), params.id, version, content);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/taxonomy/concepts/:id/deprecate',
      tag: 'taxonomy',
      summary: 'Deprecate a concept in favour of a replacement: its id keeps resolving (with `deprecated` and `replacedBy`), documents are no longer tagged with it.',
      params: conceptIdParams,
      body: deprecateBody,
      response: conceptEditResponse,
      errors: [400, 401, 403, 404, 409],
      handler: async ({ req, params, body }) => deprecateConcept(context, viewerOf(req), params.id, body.version, body.replacedBy),
    }),
    defineRoute({
      method: 'get',
      path: '/api/taxonomy/retag-jobs',
      tag: 'taxonomy',
      summary: "The viewer's taxonomy retag jobs of the last day with their progress (what a reloaded page shows).",
      response: retagJobsResponse,
      errors: [401, 403],
      handler: async ({ req }) => {
        const viewer = viewerOf(req);
        authorize(canCurate(viewer), viewer);
        return listRetagJobs(context, viewer.userId);
      },
    }),
  ];
}

import type { AppContext } from '../../context';
import { defineRoute } from '../../http/define-route';
import { getConventionSection } from '../../services/read-convention';
import { conventionParams, conventionQuery, conventionSectionResponse } from './convention.schemas';

export function conventionRoutes(context: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/convention/:id',
      tag: 'convention',
      summary: "An article or annex of the Minamata Convention: its own text (in the reader's language where held) and the documents that refer to it, best first.",
      params: conventionParams,
      query: conventionQuery,
      response: conventionSectionResponse,
      errors: [400],
      handler: ({ params, query }) => getConventionSection(context, params.id, query.lang, query.limit),
    }),
  ];
}

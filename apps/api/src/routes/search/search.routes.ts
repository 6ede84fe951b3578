import type { AppContext } from '../../context';
import { defineRoute } from '../../http/define-route';
import { recordSearch } from '../../services/insight/search-events';
import { searchDocuments } from '../../services/search-documents';
import { uiLanguageOf } from '../insight/insight.routes';
import { listHighlightTerms } from '../../services/highlight-terms';
import { highlightTermsQuerySchema, highlightTermsResponseSchema, searchQuerySchema, searchResponseSchema } from './search.schemas';

export function searchRoutes(context: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/search',
      tag: 'search',
      summary: 'Search documents: full text in six languages, cross-lingual concepts, facets (OR within a facet, AND across facets), best passages per hit.',
      query: searchQuerySchema,
      response: searchResponseSchema,
      errors: [503],
      rateLimit: 'search',
      handler: async ({ query, req, res }) => {
        const { q, sort, page, pageSize, ...filters } = query;
        // A client that gave up (timeout, navigation) no longer waits: its Meilisearch calls are cancelled, so
        // under overload abandoned searches stop taking Meilisearch's time from the ones still waited for.
        const abandoned = new AbortController();
        res.once('close', () => {
          if (!res.writableFinished) abandoned.abort();
        });
        const result = await context.metrics.timeSearch('documents', () => searchDocuments(context, { q, sort, page, pageSize, filters, signal: abandoned.signal }));
        // Analytics (issue 14): one anonymous event per first page, queued and written in batches off this path.
        const searchId = page === 1 && pageSize > 0 ? recordSearch(context, { query: q, uiLang: uiLanguageOf(req), filters, resultCount: result.total }) : null;
        return { ...result, searchId };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/search/highlight-terms',
      tag: 'search',
      summary: "Words a document page highlights for a query: the query's meaningful words and the labels, in the document's language, of the concepts it names.",
      query: highlightTermsQuerySchema,
      response: highlightTermsResponseSchema,
      errors: [404],
      rateLimit: 'search',
      handler: ({ query }) => listHighlightTerms(context, query.q, query.document),
    }),
  ];
}

/**
 * Response shapes of the MEP HTTP API (apps/api): defined once, in `@mep/api/contracts`, which the
 * API's services are checked against. This module only adds what the web app itself needs.
 */
import type { SearchFacet } from '@mep/api/contracts';

export type {
  ConceptDetail,
  DocumentConcept,
  DocumentDetail,
  FacetCounts,
  PageText,
  RelatedResponse,
  SearchHit,
  SearchDocumentsResult as SearchResponse,
  TaxonomyConcept,
  TaxonomyResponse,
} from '@mep/api/contracts';

/** The search facets, in the order the search page shows them. */
export const FACET_KEYS = ['theme', 'article', 'doctype', 'party', 'region', 'lang', 'year'] as const satisfies readonly SearchFacet[];
export type FacetKey = (typeof FACET_KEYS)[number];

/**
 * Response shapes of the MEP HTTP API (apps/api): defined once, in `@mep/api/contracts`, which the
 * API's services are checked against. This module only adds what the web app itself needs.
 */
import { SEARCH_FACETS } from '@mep/vocabulary';

export type {
  ConceptDetail,
  ConventionSectionDto as ConventionSection,
  DocumentConcept,
  DocumentDetail,
  FacetCounts,
  HighlightTerms,
  PageText,
  RelatedResponse,
  SearchHit,
  SearchDocumentsResult as SearchResponse,
  TaxonomyConcept,
  TaxonomyResponse,
} from '@mep/api/contracts';

/** The search facets, in the order the search page shows them. */
export const FACET_KEYS = SEARCH_FACETS;
export type FacetKey = (typeof FACET_KEYS)[number];

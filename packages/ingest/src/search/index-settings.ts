import type { Settings } from 'meilisearch';
import { DOCUMENT_LANGUAGES, LANGUAGE_INFO, SEARCH_FACETS, UN_LANGUAGES } from '@mep/vocabulary';
import { ALL_STOP_WORDS } from './stop-words';

const textAttributes = DOCUMENT_LANGUAGES.map((language) => `text_${language}`);

/** Each UN language's text attribute is tokenized with its ISO 639-3 locale; `text_other` is left to detection. */
const localizedAttributes = UN_LANGUAGES.map((language) => ({ attributePatterns: [`text_${language}`], locales: [LANGUAGE_INFO[language].iso639_3] }));

/** Filterable in both indexes: the search facets (@mep/vocabulary's SEARCH_FACETS). */
export const FACET_ATTRIBUTES = SEARCH_FACETS;
export type FacetName = (typeof FACET_ATTRIBUTES)[number];

/**
 * Attributes filtered by equality only (`IN [...]`). Meilisearch otherwise also builds facet-search and
 * range structures for every filterable attribute, which tripled indexing time for no query we make.
 */
function equalityFilters(attributes: string[]): Settings['filterableAttributes'] {
  return [{ attributePatterns: attributes, features: { facetSearch: false, filter: { equality: true, comparison: false } } }];
}

/**
 * What both indexes share: function words of the six languages never match, and only whole words do
 * (no prefix search: a Spanish "de" lit up "devices"; readers type whole words, and the index is smaller).
 */
const wordMatching = { stopWords: [...ALL_STOP_WORDS], prefixSearch: 'disabled' } satisfies Settings;

/** Settings of the documents index: one record per document. */
export function documentsIndexSettings(synonyms: Record<string, string[]>): Settings {
  return {
    searchableAttributes: ['title', 'symbol', 'conceptLabels', ...textAttributes],
    filterableAttributes: equalityFilters([...FACET_ATTRIBUTES, 'topic']),
    // doctypeRank orders browsing without a query (Convention text and decisions first; see search-records).
    sortableAttributes: ['dateTs', 'title', 'doctypeRank'],
    displayedAttributes: ['id', 'title', 'symbol', 'date', 'year', 'lang', 'doctype', 'concepts', 'summary', 'pageCount', 'flags'],
    localizedAttributes,
    ...wordMatching,
    synonyms,
    faceting: { maxValuesPerFacet: 300 },
    pagination: { maxTotalHits: 10_000 },
  };
}

/** Settings of the passages index: one record per page with text. */
export function passagesIndexSettings(synonyms: Record<string, string[]>): Settings {
  return {
    searchableAttributes: textAttributes,
    // A passage is one page: "same page" is proximity enough to pick the best pages, and word-level
    // proximity made this index 5–8× slower to build (it holds most of the text).
    proximityPrecision: 'byAttribute',
    filterableAttributes: equalityFilters([...FACET_ATTRIBUTES, 'documentId']),
    sortableAttributes: ['dateTs'],
    displayedAttributes: ['id', 'documentId', 'page', 'lang', ...textAttributes],
    localizedAttributes,
    ...wordMatching,
    synonyms,
    faceting: { maxValuesPerFacet: 300 },
    pagination: { maxTotalHits: 10_000 },
  };
}

import { FACET_OF_SCHEME, type ConceptScheme } from '@mep/vocabulary';
import { FACET_KEYS, type FacetKey } from '../../api/types';

/** Everything a search is, so that the URL alone reproduces it (sharing, back button). */
export interface SearchState {
  q: string;
  filters: Record<FacetKey, string[]>;
  sort: 'relevance' | 'date';
  page: number;
  /** Which results the page shows: repository documents (default) or forum posts. */
  tab: SearchTab;
}

export const SEARCH_TABS = ['documents', 'discussions'] as const;
export type SearchTab = (typeof SEARCH_TABS)[number];

export const PAGE_SIZE = 10;

export function emptyFilters(): Record<FacetKey, string[]> {
  return Object.fromEntries(FACET_KEYS.map((key) => [key, [] as string[]])) as Record<FacetKey, string[]>;
}

export function parseSearchState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const filters = emptyFilters();
  for (const key of FACET_KEYS) {
    filters[key] = [...new Set(params.getAll(key).filter(Boolean))];
  }
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: params.get('q')?.trim() ?? '',
    filters,
    sort: params.get('sort') === 'date' ? 'date' : 'relevance',
    page: Number.isFinite(page) && page > 0 ? page : 1,
    tab: params.get('tab') === 'discussions' ? 'discussions' : 'documents',
  };
}

/** Query string with defaults left out, so equal searches have equal, short URLs. */
export function toQueryString(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of FACET_KEYS) {
    for (const value of state.filters[key]) params.append(key, value);
  }
  if (state.sort === 'date') params.set('sort', 'date');
  if (state.page > 1) params.set('page', String(state.page));
  if (state.tab === 'discussions') params.set('tab', 'discussions');
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function toSearchHref(state: SearchState): string {
  return `/search${toQueryString(state)}`;
}

export function toApiUrl(state: SearchState): string {
  const params = new URLSearchParams(toQueryString({ ...state, tab: 'documents' }));
  params.set('page', String(state.page));
  params.set('pageSize', String(PAGE_SIZE));
  if (state.sort === 'relevance') params.set('sort', 'relevance');
  return `/api/search?${params.toString()}`;
}

export function hasFilters(state: SearchState): boolean {
  return FACET_KEYS.some((key) => state.filters[key].length > 0);
}

export function countFilters(state: SearchState): number {
  return FACET_KEYS.reduce((sum, key) => sum + state.filters[key].length, 0);
}

/** Any change of what is searched goes back to page 1; only paging keeps the page. */
export function toggleFilter(state: SearchState, facet: FacetKey, value: string): SearchState {
  const current = state.filters[facet];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...state, filters: { ...state.filters, [facet]: next }, page: 1 };
}

export function removeFilter(state: SearchState, facet: FacetKey, value: string): SearchState {
  return { ...state, filters: { ...state.filters, [facet]: state.filters[facet].filter((v) => v !== value) }, page: 1 };
}

export function clearFilters(state: SearchState): SearchState {
  return { ...state, filters: emptyFilters(), page: 1 };
}

export function newSearch(partial: Partial<Omit<SearchState, 'filters'>> & { filters?: Partial<Record<FacetKey, string[]>> }): SearchState {
  return {
    q: partial.q ?? '',
    filters: { ...emptyFilters(), ...partial.filters },
    sort: partial.sort ?? 'relevance',
    page: partial.page ?? 1,
    tab: partial.tab ?? 'documents',
  };
}

/** The concept id of a document type; the API gives it bare (`report`) or as an id (`doctype:report`). */
export function doctypeConceptId(doctype: string): string {
  return doctype.includes(':') ? doctype : `doctype:${doctype}`;
}

/**
 * Where a concept chip leads: a filter when the API has a facet for the concept's scheme, otherwise
 * a query by its label (cross-lingual search matches concept labels in all six languages).
 */
export function conceptSearchHref(conceptId: string, label: string): string {
  const scheme = conceptId.slice(0, conceptId.indexOf(':'));
  const facet = FACET_OF_SCHEME[scheme as ConceptScheme];
  if (facet) return toSearchHref(newSearch({ filters: { [facet]: [conceptId] } }));
  return toSearchHref(newSearch({ q: label }));
}

export function documentHref(documentId: string, q: string, page?: number): string {
  const query = q ? `?${new URLSearchParams({ q }).toString()}` : '';
  return `/documents/${encodeURIComponent(documentId)}${query}${page ? `#page-${page}` : ''}`;
}

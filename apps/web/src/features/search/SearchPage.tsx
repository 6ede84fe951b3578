import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { FacetKey, SearchResponse } from '../../api/types';
import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useT } from '../../i18n/LanguageProvider';
import { navigate } from '../../router/history';
import { useLocation } from '../../router/Router';
import { ActiveFilters } from './ActiveFilters';
import { EmptyState } from './EmptyState';
import { Facets } from './Facets';
import { searchMessages } from './messages';
import { Pagination } from './Pagination';
import { ResultList } from './ResultList';
import { searchIdFor } from './analytics';
import { UsefulFeedback } from '../feedback/Feedback';
import { SearchForm } from './SearchForm';
import { countFilters, hasFilters, parseSearchState, PAGE_SIZE, toApiUrl, toggleFilter, toSearchHref, type SearchState } from './searchState';
import { panelId, SearchTabs, tabId } from './SearchTabs';

// Forum posts are a second kind of result: their code loads only when the Discussions tab is opened.
const DiscussionResults = lazy(() => import('../forums/DiscussionResults').then((m) => ({ default: m.DiscussionResults })));

function isWideScreen(): boolean {
  return typeof window.matchMedia === 'function' ? window.matchMedia('(min-width: 48em)').matches : true;
}

function useStatusText(state: SearchState, data: SearchResponse | null, loading: boolean): string {
  const t = useT(searchMessages);
  if (loading) return t('searching');
  if (!data) return '';
  return state.q ? t('resultsForQuery', { count: data.total, query: state.q }) : t('resultsAll', { count: data.total });
}

export function SearchPage() {
  const t = useT(searchMessages);
  const { search } = useLocation();
  const state = parseSearchState(search);
  const onDocuments = state.tab === 'documents';
  const { state: api, retry } = useApi<SearchResponse>(onDocuments ? toApiUrl(state) : null);
  const [filtersOpen, setFiltersOpen] = useState(isWideScreen);
  const [discussionStatus, setDiscussionStatus] = useState('');
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const previousPage = useRef(state.page);
  useDocumentTitle(state.q ? t('titleWithQuery', { query: state.q }) : t('title'));

  // A new results page: bring the reader to the top of the list, as a full page load would.
  useEffect(() => {
    if (previousPage.current !== state.page) resultsHeading.current?.focus();
    previousPage.current = state.page;
  }, [state.page]);

  const go = (next: SearchState) => navigate(toSearchHref(next));
  const onDiscussionStatus = useCallback((text: string) => setDiscussionStatus(text), []);
  const data = api.data;
  const loading = api.status === 'loading';
  const documentStatus = useStatusText(state, api.status === 'error' ? null : data, loading);
  const filterCount = countFilters(state);

  return (
    <div className="page search-page">
      <PageHeading>{t('title')}</PageHeading>
      <SearchForm initialQuery={state.q} onSearch={(q) => go({ ...state, q, page: 1 })} />
      <a
        className="skip-inline"
        href={onDocuments ? '#results-heading' : '#discussions-heading'}
        onClick={(event) => {
          event.preventDefault();
          resultsHeading.current?.focus();
        }}
      >
        {t('skipToResults')}
      </a>
      <p className="results-status" role="status" aria-live="polite">
        {onDocuments ? documentStatus : discussionStatus}
      </p>
      <SearchTabs selected={state.tab} onSelect={(tab) => go({ ...state, tab, page: 1 })} />
      <div className="search-layout" role="tabpanel" id={panelId('documents')} aria-labelledby={tabId('documents')} hidden={!onDocuments}>
        {onDocuments ? (
          <>
            <details className="filters" open={filtersOpen} onToggle={(event) => setFiltersOpen(event.currentTarget.open)}>
              <summary className="filters-heading">{filterCount > 0 ? t('filtersWithCount', { count: filterCount }) : t('filters')}</summary>
              {data ? <Facets facets={data.facets} state={state} onToggle={(facet: FacetKey, value: string) => go(toggleFilter(state, facet, value))} /> : null}
            </details>
            <section className="results-area" aria-labelledby="results-heading" aria-busy={loading}>
              <div className="results-toolbar">
                <h2 id="results-heading" ref={resultsHeading} tabIndex={-1}>
                  {t('results')}
                </h2>
                <div className="sort">
                  <label htmlFor="sort-select">{t('sortLabel')}</label>
                  <select id="sort-select" value={state.sort} onChange={(event) => go({ ...state, sort: event.target.value === 'date' ? 'date' : 'relevance', page: 1 })}>
                    <option value="relevance">{t('sortRelevance')}</option>
                    <option value="date">{t('sortDate')}</option>
                  </select>
                </div>
              </div>
              <ActiveFilters state={state} />
              {api.status === 'error' ? <ErrorPanel error={api.error} onRetry={retry} /> : null}
              {data && api.status !== 'error' ? (
                data.total === 0 ? (
                  <EmptyState state={state} relatedConcepts={data.relatedConcepts ?? []} />
                ) : (
                  <div className={loading ? 'results-stale' : undefined}>
                    <ResultList hits={data.hits} q={state.q} startIndex={(state.page - 1) * PAGE_SIZE + 1} searchId={searchIdFor(toSearchHref({ ...state, page: 1 }), data.searchId)} />
                    <Pagination state={state} totalPages={data.totalPages} />
                    <UsefulFeedback key={toSearchHref({ ...state, page: 1 })} query={state.q} />
                  </div>
                )
              ) : null}
            </section>
          </>
        ) : null}
      </div>
      <div className="discussions-panel" role="tabpanel" id={panelId('discussions')} aria-labelledby={tabId('discussions')} hidden={onDocuments}>
        {onDocuments ? null : (
          <section className="results-area" aria-labelledby="discussions-heading">
            <div className="results-toolbar">
              <h2 id="discussions-heading" ref={resultsHeading} tabIndex={-1}>
                {t('results')}
              </h2>
            </div>
            {hasFilters(state) ? <p className="hint">{t('discussionsIgnoreFilters')}</p> : null}
            <Suspense fallback={<Loading />}>
              <DiscussionResults
                q={state.q}
                page={state.page}
                onStatus={onDiscussionStatus}
                renderPagination={(totalPages) => <Pagination state={state} totalPages={totalPages} />}
              />
            </Suspense>
          </section>
        )}
      </div>
    </div>
  );
}

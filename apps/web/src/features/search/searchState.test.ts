import { describe, expect, it } from 'vitest';
import { conceptSearchHref, documentHref, parseSearchState, toApiUrl, toggleFilter, toQueryString } from './searchState';
import { toSafeSnippetHtml } from './snippet';

describe('search state in the URL', () => {
  it('round-trips query, repeated facet values, sort and page', () => {
    const search = '?q=dental+amalgam&theme=theme%3Aasgm&theme=theme%3Aproducts&lang=fr&sort=date&page=3';
    const state = parseSearchState(search);
    expect(state.q).toBe('dental amalgam');
    expect(state.filters.theme).toEqual(['theme:asgm', 'theme:products']);
    expect(state.filters.lang).toEqual(['fr']);
    expect(state.sort).toBe('date');
    expect(state.page).toBe(3);
    expect(toQueryString(state)).toBe(search);
  });

  it('falls back to defaults on nonsense and keeps default values out of the URL', () => {
    const state = parseSearchState('?page=-4&sort=whatever');
    expect(state.page).toBe(1);
    expect(state.sort).toBe('relevance');
    expect(toQueryString(state)).toBe('');
  });

  it('goes back to page 1 when a filter changes', () => {
    const state = toggleFilter(parseSearchState('?q=x&page=4'), 'year', '2023');
    expect(state.page).toBe(1);
    expect(state.filters.year).toEqual(['2023']);
    expect(toggleFilter(state, 'year', '2023').filters.year).toEqual([]);
  });

  it('keeps the Discussions tab in the URL but not in the document search', () => {
    const state = parseSearchState('?q=mercury&tab=discussions&page=2');
    expect(state.tab).toBe('discussions');
    expect(toQueryString(state)).toBe('?q=mercury&page=2&tab=discussions');
    expect(toApiUrl(state)).toBe('/api/search?q=mercury&page=2&pageSize=10&sort=relevance');
    expect(parseSearchState('?tab=nonsense').tab).toBe('documents');
  });

  it('asks the API for the page, size and sort', () => {
    expect(toApiUrl(parseSearchState('?q=mercury&article=annex%3AA'))).toBe('/api/search?q=mercury&article=annex%3AA&page=1&pageSize=10&sort=relevance');
  });

  it('links concepts to a facet filter or, without a facet, to a query by label', () => {
    expect(conceptSearchHref('annex:C', 'Annex C')).toBe('/search?article=annex%3AC');
    expect(conceptSearchHref('topic:dental-amalgam', 'Dental amalgam')).toBe('/search?q=Dental+amalgam');
    expect(documentHref('abc', 'amalgam', 12)).toBe('/documents/abc?q=amalgam#page-12');
  });
});

describe('snippets', () => {
  it('keeps <mark> and neutralises any other tag', () => {
    expect(toSafeSnippetHtml('a <mark>b</mark> <img src=x onerror=alert(1)>')).toBe('a <mark>b</mark> &lt;img src=x onerror=alert(1)&gt;');
  });
});

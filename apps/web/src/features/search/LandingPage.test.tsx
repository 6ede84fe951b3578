import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { searchFixture, taxonomyFixture } from '../../../test/fixtures';
import { renderApp, stubApi } from '../../../test/renderApp';

const decision = {
  ...searchFixture.hits[0]!,
  documentId: 'doc-cop6',
  title: 'Knowledge management and digitalization',
  doctype: 'doctype:meeting-document',
  symbol: 'UNEP/MC/COP.6/19',
  date: '2025-09-01',
};

function stubLanding() {
  return stubApi({
    '/api/taxonomy': () => taxonomyFixture,
    '/api/search': (url) => {
      if (url.searchParams.get('pageSize') === '0') return { ...searchFixture, hits: [] };
      if (url.searchParams.get('sort') === 'date') return { ...searchFixture, hits: [decision] };
      return searchFixture;
    },
  });
}

describe('landing page', () => {
  it('opens with the Convention, the latest decisions and guidance, and the themes — not the first row of the index', async () => {
    const { calls } = stubLanding();
    renderApp('/');
    const headings = (await screen.findAllByRole('heading', { level: 2 })).map((h) => h.textContent);
    expect(headings).toEqual(['The Convention', 'Latest decisions and guidance', 'Thematic areas']);
    const convention = screen.getByRole('region', { name: 'The Convention' });
    expect((await within(convention).findByRole('link', { name: 'Minamata Convention on Mercury' })).getAttribute('href')).toBe('/documents/doc-convention');
    const latest = screen.getByRole('region', { name: 'Latest decisions and guidance' });
    expect((await within(latest).findByRole('link', { name: 'Knowledge management and digitalization' })).getAttribute('href')).toBe('/documents/doc-cop6');
    expect(calls.some((url) => url.includes('doctype=doctype%3Acop-decision') && url.includes('sort=date'))).toBe(true);
    const themes = screen.getByRole('region', { name: 'Thematic areas' });
    expect(await within(themes).findByText('3 documents')).toBeTruthy();
    expect(within(themes).getAllByRole('link').length).toBeGreaterThanOrEqual(12);
  });

  it('searches from its box on the search page', async () => {
    stubLanding();
    renderApp('/');
    fireEvent.change(await screen.findByLabelText('Search documents'), { target: { value: 'mercurio' } });
    fireEvent.submit(screen.getByRole('search'));
    expect(window.location.pathname + window.location.search).toBe('/search?q=mercurio');
  });

  it('speaks Arabic', async () => {
    stubLanding();
    renderApp('/', 'ar');
    expect(await screen.findByRole('heading', { level: 2, name: 'الاتفاقية' })).toBeTruthy();
  });
});

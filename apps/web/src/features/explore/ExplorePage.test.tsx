import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { searchFixture, taxonomyFixture } from '../../../test/fixtures';
import { renderApp, stubApi } from '../../../test/renderApp';

describe('explore and the Convention navigator', () => {
  it('lists the 12 themes with concepts and latest documents, and Articles 1–35 and Annexes A–E', async () => {
    stubApi({ '/api/taxonomy': () => taxonomyFixture, '/api/search': () => searchFixture });
    renderApp('/explore');
    const themes = await screen.findByRole('region', { name: 'Thematic areas' });
    const cards = within(themes).getAllByRole('heading', { level: 3 });
    expect(cards).toHaveLength(12);
    expect(within(themes).getByRole('link', { name: 'Dental amalgam' })).toBeTruthy();
    expect((await within(themes).findAllByRole('link', { name: 'Minamata Convention on Mercury' })).length).toBeGreaterThan(0);
    const navigator = screen.getByRole('region', { name: 'The Convention, article by article' });
    const links = within(navigator).getAllByRole('link');
    expect(links).toHaveLength(40);
    expect(links[3]?.getAttribute('href')).toBe('/articles/4');
    expect(links[3]?.textContent).toContain('Mercury-added products');
    expect(links[35]?.getAttribute('href')).toBe('/annexes/A');
  });

  it('shows an article with its own text, a PDF at the page read, and the documents referring to it best first', async () => {
    const { calls } = stubApi({
      '/api/taxonomy/concepts/': () => ({ ...taxonomyFixture.concepts[4], altLabels: {}, related: ['topic:dental-amalgam'], exactMatch: [], documentCount: 3 }),
      '/api/taxonomy': () => taxonomyFixture,
      '/api/convention/': () => ({
        id: 'article:4',
        text: {
          documentId: 'doc-convention',
          title: 'Minamata Convention on Mercury',
          language: 'en',
          fileUrl: '/api/documents/doc-convention/file',
          fromPage: 4,
          toPage: 5,
          pages: [
            { page: 4, text: 'Article 4\nMercury-added products\n1. Each Party shall not allow, by taking appropriate\nmeasures, the manufacture of mercury-added products.' },
            { page: 5, text: '| Products | Date |\n| --- | --- |\n| Batteries<sup>1)</sup> | 2020 |\n<script>alert(1)</script>' },
          ],
        },
        languages: ['en'],
        referring: [
          { documentId: 'doc-note', title: 'COP-6 note on dental amalgam', symbol: null, doctype: 'doctype:guidance', language: 'en', year: 2025, score: 0.8, evidence: [{ page: 3, text: 'Article 4' }] },
        ],
        referringTotal: 12,
      }),
    });
    const { container } = renderApp('/articles/4');
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toBe('Article 4Mercury-added products');
    expect(await screen.findByRole('heading', { name: 'Text of the Convention' })).toBeTruthy();
    expect(calls.some((c) => c.startsWith('/api/convention/article%3A4?lang=en'))).toBe(true);
    // Paragraphs joined across line breaks, a table as a table, no markup run or shown as tags.
    expect(screen.getByText('1. Each Party shall not allow, by taking appropriate measures, the manufacture of mercury-added products.')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Products' })).toBeTruthy();
    expect(container.querySelector('.convention-text sup')?.textContent).toBe('1)');
    expect(container.textContent).not.toContain('| --- |');
    expect(container.querySelector('script')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show the PDF here at page 5' }));
    expect(container.querySelector('iframe')?.getAttribute('src')).toBe('/api/documents/doc-convention/file#page=5');
    expect(screen.getByRole('link', { name: 'COP-6 note on dental amalgam' }).getAttribute('href')).toBe('/documents/doc-note#page-3');
    expect(await screen.findByRole('link', { name: 'Dental amalgam' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open all 12 documents in search' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Next: Article 5' }).getAttribute('href')).toBe('/articles/5');
  });
});

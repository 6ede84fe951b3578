import { screen, within } from '@testing-library/react';
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

  it('shows an article with its title, themes and referring documents', async () => {
    stubApi({
      '/api/taxonomy/concepts/': () => ({ ...taxonomyFixture.concepts[4], altLabels: {}, related: ['topic:dental-amalgam'], exactMatch: [], documentCount: 3 }),
      '/api/taxonomy': () => taxonomyFixture,
      '/api/search': () => searchFixture,
    });
    renderApp('/articles/4');
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toBe('Article 4Mercury-added products');
    expect(await screen.findByRole('link', { name: 'Dental amalgam' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Open all 12 documents in search' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Next: Article 5' }).getAttribute('href')).toBe('/articles/5');
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { emptySearchFixture, searchFixture, taxonomyFixture } from '../../../test/fixtures';
import { renderApp, stubApi } from '../../../test/renderApp';

describe('search page', () => {
  it('shows results with safe highlighted snippets, passages with page links, and announces the count', async () => {
    stubApi({ '/api/taxonomy': () => taxonomyFixture, '/api/search': () => searchFixture });
    renderApp('/search?q=amalgam');
    const title = await screen.findByRole('link', { name: 'Minamata Convention on Mercury' });
    expect(title.getAttribute('href')).toBe('/documents/doc-convention?q=amalgam');
    expect(screen.getByRole('status').textContent).toBe('12 documents found for “amalgam”');
    const result = title.closest('li') as HTMLElement;
    expect(result.querySelector('mark')?.textContent).toBe('amalgam');
    expect(result.querySelector('script')).toBeNull();
    expect(within(result).getByRole('link', { name: 'Page 12' }).getAttribute('href')).toBe('/documents/doc-convention?q=amalgam#page-12');
    expect(screen.getByRole('navigation', { name: 'Result pages' })).toBeTruthy();
  });

  it('labels facets from the taxonomy and puts a selected value in the URL', async () => {
    const { calls } = stubApi({ '/api/taxonomy': () => taxonomyFixture, '/api/search': () => searchFixture });
    renderApp('/search?q=amalgam&page=2');
    const checkbox = await screen.findByRole('checkbox', { name: /^Artisanal and small-scale gold mining/ });
    expect(screen.getByRole('checkbox', { name: /Article 4: Mercury-added products/ })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: /French/ })).toBeTruthy();
    fireEvent.click(checkbox);
    expect(window.location.search).toBe('?q=amalgam&theme=theme%3Aasgm');
    await waitFor(() => expect(calls.at(-1)).toBe('/api/search?q=amalgam&theme=theme%3Aasgm&page=1&pageSize=10&sort=relevance'));
    expect(await screen.findByRole('link', { name: 'Remove filter: Artisanal and small-scale gold mining' })).toBeTruthy();
  });

  it('sorts by date through the URL', async () => {
    stubApi({ '/api/taxonomy': () => taxonomyFixture, '/api/search': () => searchFixture });
    renderApp('/search?q=amalgam');
    fireEvent.change(await screen.findByLabelText('Sort by'), { target: { value: 'date' } });
    expect(window.location.search).toBe('?q=amalgam&sort=date');
  });

  it('explains an empty result and offers to drop a filter or search a related concept', async () => {
    stubApi({ '/api/taxonomy': () => taxonomyFixture, '/api/search': () => emptySearchFixture });
    renderApp('/search?q=zzz&theme=theme%3Aasgm');
    expect(await screen.findByRole('heading', { name: 'No documents found' })).toBeTruthy();
    const drop = screen.getAllByRole('link', { name: 'Remove filter: Artisanal and small-scale gold mining' });
    expect(drop.map((link) => link.getAttribute('href'))).toContain('/search?q=zzz');
    expect(screen.getByRole('link', { name: 'Dental amalgam' }).getAttribute('href')).toBe('/search?q=Dental+amalgam');
  });

  it('says the API is unreachable and recovers on Retry', async () => {
    let down = true;
    stubApi({
      '/api/taxonomy': () => taxonomyFixture,
      '/api/search': () => {
        if (down) throw new TypeError('Failed to fetch');
        return searchFixture;
      },
    });
    renderApp('/search?q=amalgam');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The platform cannot be reached');
    down = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('link', { name: 'Minamata Convention on Mercury' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('switches to Arabic: right-to-left, remembered, concept labels from the taxonomy', async () => {
    stubApi({ '/api/taxonomy': () => taxonomyFixture, '/api/search': () => searchFixture });
    renderApp('/search?q=amalgam');
    await screen.findByRole('checkbox', { name: /^Artisanal/ });
    fireEvent.change(screen.getByLabelText('Interface language'), { target: { value: 'ar' } });
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(localStorage.getItem('mep.lang')).toBe('ar');
    expect(screen.getByRole('checkbox', { name: /^تعدين الذهب الحرفي/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'بحث' })).toBeTruthy();
  });
});

describe('interface language from a shared link', () => {
  it('opens in the ?hl= language, then drops it from the URL once the reader picks another', async () => {
    const { applyDocumentLanguage, detectInitialLang } = await import('../../i18n/LanguageProvider');
    stubApi({ '/api/taxonomy': () => taxonomyFixture, '/api/search': () => searchFixture });
    window.history.replaceState(null, '', '/search?q=amalgam&hl=fr');
    const lang = detectInitialLang();
    expect(lang).toBe('fr');
    applyDocumentLanguage(lang);
    renderApp('/search?q=amalgam&hl=fr', lang);
    expect(await screen.findByRole('button', { name: 'Rechercher' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Langue de l’interface'), { target: { value: 'es' } });
    expect(window.location.search).toBe('?q=amalgam');
    expect(await screen.findByRole('button', { name: 'Buscar' })).toBeTruthy();
  });
});

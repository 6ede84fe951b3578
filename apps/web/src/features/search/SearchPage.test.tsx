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

const discussionsFixture = {
  total: 2,
  page: 1,
  hits: [
    { postId: 7, threadId: 3, forumId: 'products', threadTitle: 'Phasing down dental amalgam', authorName: 'Amina', concepts: [], createdAt: '2025-01-10T10:00:00.000Z', snippet: 'Our <mark>amalgam</mark> plan <img src=x onerror=alert(1)>' },
    { postId: 9, threadId: 4, forumId: 'products', threadTitle: 'Amalgam separators', authorName: 'Li', concepts: [], createdAt: '2025-01-11T10:00:00.000Z', snippet: 'Separators for <mark>amalgam</mark>' },
  ],
};
const forumsFixture = { forums: [{ id: 'products', conceptId: 'theme:products', title: { en: 'Mercury-added products', fr: 'Produits' }, description: {}, visibility: 'public', threadCount: 2, postCount: 5, lastPostAt: null, following: false }] };

describe('Documents | Discussions tabs', () => {
  it('is an ARIA tablist: arrow keys select Discussions, the tab is in the URL, forum posts are listed and counted', async () => {
    const { calls } = stubApi({
      '/api/taxonomy': () => taxonomyFixture,
      '/api/search': () => searchFixture,
      '/api/discussions/search': () => discussionsFixture,
      '/api/forums': () => forumsFixture,
    });
    renderApp('/search?q=amalgam');
    await screen.findByRole('link', { name: 'Minamata Convention on Mercury' });
    const tablist = screen.getByRole('tablist', { name: 'Show results from' });
    const [documents, discussions] = within(tablist).getAllByRole('tab') as [HTMLElement, HTMLElement];
    expect(documents.getAttribute('aria-selected')).toBe('true');
    expect(documents.tabIndex).toBe(0);
    expect(discussions.tabIndex).toBe(-1);
    expect(screen.getByRole('tabpanel', { name: 'Documents' }).id).toBe(documents.getAttribute('aria-controls'));

    documents.focus();
    fireEvent.keyDown(documents, { key: 'ArrowRight' });
    expect(window.location.search).toBe('?q=amalgam&tab=discussions');
    expect(document.activeElement).toBe(discussions);
    expect(discussions.getAttribute('aria-selected')).toBe('true');
    expect(discussions.tabIndex).toBe(0);

    const thread = await screen.findByRole('link', { name: 'Phasing down dental amalgam' });
    expect(thread.getAttribute('href')).toBe('/forums/threads/3#post-7');
    const hit = thread.closest('li') as HTMLElement;
    expect(hit.querySelector('mark')?.textContent).toBe('amalgam');
    expect(hit.querySelector('img')).toBeNull();
    expect(within(screen.getByRole('tabpanel', { name: 'Discussions' })).getAllByRole('listitem')).toHaveLength(2);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('2 posts found for “amalgam”'));
    // Names are isolated (<bdi>) inside the byline, and the date is formatted for the language.
    expect(await screen.findByText((_, el) => el?.tagName === 'P' && /^by Amina in Mercury-added products · /.test(el.textContent ?? ''))).toBeTruthy();
    expect(screen.getByText('Amina', { selector: 'bdi' })).toBeTruthy();
    expect(calls).toContain('/api/discussions/search?q=amalgam&page=1&pageSize=10');
    // the documents panel stays in the page (aria-controls) but hidden, and its search is not repeated
    expect((document.getElementById('search-panel-documents') as HTMLElement).hidden).toBe(true);

    fireEvent.keyDown(discussions, { key: 'Home' });
    expect(window.location.search).toBe('?q=amalgam');
    expect(document.activeElement).toBe(documents);
    fireEvent.keyDown(documents, { key: 'ArrowLeft' }); // wraps around
    expect(window.location.search).toBe('?q=amalgam&tab=discussions');
  });

  it('opens on the Discussions tab from a shared link, mirrors the arrows right-to-left, and explains no match', async () => {
    stubApi({
      '/api/taxonomy': () => taxonomyFixture,
      '/api/search': () => searchFixture,
      '/api/discussions/search': () => ({ total: 0, page: 1, hits: [] }),
      '/api/forums': () => forumsFixture,
    });
    renderApp('/search?q=zzz&tab=discussions&theme=theme%3Aasgm', 'ar');
    expect(await screen.findByRole('heading', { name: 'لم يُعثر على نقاشات' })).toBeTruthy();
    expect(screen.getByText('تنطبق عوامل التصفية على الوثائق فقط؛ ويجري البحث في النقاشات بالكلمات.')).toBeTruthy();
    const discussions = screen.getByRole('tab', { name: 'النقاشات' });
    expect(discussions.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(discussions, { key: 'ArrowRight' }); // right-to-left: → goes back to the first tab
    expect(window.location.search).toBe('?q=zzz&theme=theme%3Aasgm');
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

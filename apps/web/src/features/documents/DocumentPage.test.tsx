import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { documentFixture, pageFixture, relatedFixture, taxonomyFixture } from '../../../test/fixtures';
import { renderApp, stubApi } from '../../../test/renderApp';

function stubDocumentApi(extra: Parameters<typeof stubApi>[0] = {}) {
  return stubApi({
    '/api/taxonomy': () => taxonomyFixture,
    '/api/documents/doc-convention/pages/': (url) => pageFixture(Number(url.pathname.split('/').pop())),
    '/api/documents/doc-convention/related': () => relatedFixture,
    '/api/documents/doc-convention': () => documentFixture,
    ...extra,
  });
}

describe('document page', () => {
  it('shows metadata, concept chips to filtered searches with evidence pages, and related documents', async () => {
    stubDocumentApi();
    renderApp('/documents/doc-convention');
    expect(await screen.findByRole('heading', { level: 1, name: 'Minamata Convention on Mercury' })).toBeTruthy();
    expect(screen.getByText('UNEP(DTIE)/Hg/CONF/4')).toBeTruthy();
    for (const link of screen.getAllByRole('link', { name: 'France' })) expect(link.getAttribute('href')).toBe('/search?party=party%3AFRA');
    expect(screen.getByRole('link', { name: 'Mercury-added products' }).getAttribute('href')).toBe('/search?theme=theme%3Aproducts');
    const evidence = screen.getByText(/Evidence \(14 mentions\)/).closest('details') as HTMLElement;
    expect(within(evidence).getByRole('link', { name: 'Page 12' }).getAttribute('href')).toBe('/documents/doc-convention#page-12');
    expect(await screen.findByRole('link', { name: 'COP-6 note on dental amalgam' })).toBeTruthy();
  });

  it('opens at the page named in the hash with the query highlighted, and moves page by page', async () => {
    const { calls } = stubDocumentApi();
    renderApp('/documents/doc-convention?q=amalgam#page-12');
    expect(await screen.findByRole('heading', { name: 'Text — page 12 of 70' })).toBeTruthy();
    const mark = await screen.findByText('amalgam', { selector: 'mark' });
    expect(mark.closest('.page-text')?.textContent).toContain('Text of page 12.');
    fireEvent.click(screen.getByRole('link', { name: 'Next page' }));
    expect(window.location.hash).toBe('#page-13');
    expect(await screen.findByText(/Text of page 13/)).toBeTruthy();
    expect(calls).toContain('/api/documents/doc-convention/pages/13');
  });

  it("highlights, for a query in another language, the concept's words in the document's language, and whole words only", async () => {
    stubDocumentApi({ '/api/search/highlight-terms': () => ({ terms: ['ملغم الأسنان', 'dental amalgam', 'amalgam'] }) });
    renderApp('/documents/doc-convention?q=%D9%85%D9%84%D8%BA%D9%85%20%D8%A7%D9%84%D8%A3%D8%B3%D9%86%D8%A7%D9%86#page-12');
    const mark = await screen.findByText('Dental amalgam', { selector: 'mark' });
    expect(mark.closest('.page-text')?.querySelectorAll('mark')).toHaveLength(1);
    expect(screen.getByText(/are highlighted/)).toBeTruthy();
  });

  it('says no word is highlighted when none of the terms is on the page, and never marks inside a word', async () => {
    stubDocumentApi({ '/api/search/highlight-terms': () => ({ terms: ['de', 'phase'] }) });
    renderApp('/documents/doc-convention?q=de%20phase#page-12');
    expect(await screen.findByText('No word of your search “de phase” appears on this page.')).toBeTruthy();
    expect(document.querySelector('.page-text mark')).toBeNull();
    expect(screen.queryByText(/are highlighted/)).toBeNull();
  });

  it('loads the PDF only when asked and offers a download', async () => {
    stubDocumentApi();
    const { container } = renderApp('/documents/doc-convention#page-12');
    const download = await screen.findByRole('link', { name: /Download the original/ });
    expect(download.getAttribute('href')).toBe('/api/documents/doc-convention/file?download=1');
    expect(container.querySelector('iframe')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show the PDF here' }));
    expect(container.querySelector('iframe')?.getAttribute('src')).toBe('/api/documents/doc-convention/file#page=12');
  });

  it('lists the forum threads that discuss the document', async () => {
    stubDocumentApi({
      '/api/documents/doc-convention/threads': () => ({
        threads: [
          { id: 3, forumId: 'products', title: 'Phasing down dental amalgam', author: { id: 'u1', displayName: 'Amina', role: 'member', party: null, deleted: false }, concepts: [], documentIds: ['doc-convention'], locked: false, pinned: false, postCount: 4, lastPostAt: '2025-01-10T10:00:00.000Z', createdAt: '2025-01-09T10:00:00.000Z', following: false },
        ],
      }),
    });
    renderApp('/documents/doc-convention');
    const section = (await screen.findByRole('heading', { name: 'Discussions of this document' })).closest('section') as HTMLElement;
    const link = await within(section).findByRole('link', { name: 'Phasing down dental amalgam' });
    expect(link.getAttribute('href')).toBe('/forums/threads/3');
    expect(within(section).getByText('4 posts')).toBeTruthy();
  });

  it('offers "Discuss this document", and "Discuss page N" for the page being read, also when no thread exists yet', async () => {
    stubDocumentApi({ '/api/documents/doc-convention/threads': () => ({ threads: [] }) });
    renderApp('/documents/doc-convention#page-12');
    const section = (await screen.findByRole('heading', { name: 'Discussions of this document' })).closest('section') as HTMLElement;
    expect(await within(section).findByText('No discussion of this document yet.')).toBeTruthy();
    expect(within(section).getByRole('link', { name: 'Discuss this document' }).getAttribute('href')).toBe('/forums/new?document=doc-convention');
    expect(within(section).getByRole('link', { name: 'Discuss page 12' }).getAttribute('href')).toBe('/forums/new?document=doc-convention&page=12');
  });

  it('turns the ingest flags into short translated notices, never raw codes', async () => {
    const flags = ['low-quality-text: could not extract clean text (3 of 40 pages with text are clean)', 'repaired-text: glyph codes remapped', 'symbol-from-file-name', 'leading-junk: 12 bytes', 'some-future-code'];
    stubDocumentApi({ '/api/documents/doc-convention': () => ({ ...documentFixture, flags }) });
    renderApp('/documents/doc-convention');
    const note = await screen.findByRole('note', { name: 'About this document’s text' });
    const items = within(note).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'The text of this document could not be extracted cleanly; search may miss it, and the page text may contain errors. The original file is authoritative.',
      'Parts of the text were repaired automatically from an unusual font encoding; some characters may be wrong.',
      'The document symbol was taken from the file name.',
    ]);
    expect(note.textContent).not.toMatch(/low-quality|symbol-from|future-code|leading-junk/);
    fireEvent.change(screen.getByLabelText('Interface language'), { target: { value: 'fr' } });
    expect(await screen.findByText('La cote du document provient du nom du fichier.')).toBeTruthy();
  });

  it('says when the text was recognised from page images (OCR), in the reader\'s language, with each page\'s confidence', async () => {
    const flags = ['ocr: text recognised from the page images of 3 page(s), mean confidence 89%', 'ocr-low-confidence: pages 2 were recognised with less than 60% confidence'];
    stubDocumentApi({
      '/api/documents/doc-convention': () => ({ ...documentFixture, flags }),
      '/api/documents/doc-convention/pages/': (url) => ({ ...pageFixture(Number(url.pathname.split('/').pop())), ocrConfidence: 88.6 }),
    });
    renderApp('/documents/doc-convention');
    const note = await screen.findByRole('note', { name: 'About this document’s text' });
    expect(within(note).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'The text of this document was recognised from images of its pages (OCR); it may contain recognition errors. The original file is authoritative.',
      'Some pages were recognised with low confidence; their text may be unreliable. Curators have been alerted.',
    ]);
    expect(await screen.findByText('Text recognised from the page image (OCR), confidence 89%.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Interface language'), { target: { value: 'ar' } });
    expect(await screen.findByText(/تم التعرّف على نص هذه الوثيقة من صور صفحاتها/)).toBeTruthy();
  });

  it('shows no notice for a document without flags', async () => {
    stubDocumentApi();
    renderApp('/documents/doc-convention');
    await screen.findByRole('heading', { level: 1, name: 'Minamata Convention on Mercury' });
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('says clearly when a document does not exist', async () => {
    stubApi({ '/api/taxonomy': () => taxonomyFixture });
    renderApp('/documents/nope');
    expect(await screen.findByRole('heading', { name: 'Document not found' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('does not exist');
  });
});

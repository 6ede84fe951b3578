import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { documentFixture, pageFixture, relatedFixture, taxonomyFixture } from '../../../test/fixtures';
import { renderApp, stubApi } from '../../../test/renderApp';

function stubDocumentApi() {
  return stubApi({
    '/api/taxonomy': () => taxonomyFixture,
    '/api/documents/doc-convention/pages/': (url) => pageFixture(Number(url.pathname.split('/').pop())),
    '/api/documents/doc-convention/related': () => relatedFixture,
    '/api/documents/doc-convention': () => documentFixture,
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

  it('loads the PDF only when asked and offers a download', async () => {
    stubDocumentApi();
    const { container } = renderApp('/documents/doc-convention');
    const download = await screen.findByRole('link', { name: /Download the original/ });
    expect(download.getAttribute('href')).toBe('/api/documents/doc-convention/file?download=1');
    expect(container.querySelector('iframe')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show the PDF here' }));
    expect(container.querySelector('iframe')?.getAttribute('src')).toBe('/api/documents/doc-convention/file');
  });

  it('says clearly when a document does not exist', async () => {
    stubApi({ '/api/taxonomy': () => taxonomyFixture });
    renderApp('/documents/nope');
    expect(await screen.findByRole('heading', { name: 'Document not found' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('does not exist');
  });
});

import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDocumentDate } from '../../i18n/dates';
import { preparePostHtml } from './postHtml';

const CARD =
  '<p>Voir <a class="doc-card" data-document-id="doc1" data-doctype="doctype:convention-text" href="/documents/doc1#page-12" rel="nofollow ugc noopener"><span class="doc-card__title">Article 7, p. 12</span> <span class="doc-card__meta" data-year="2013">convention-text · 2013</span></a>.</p>\n<ul><li>un</li></ul>';

describe('post HTML for the reader', () => {
  it('gives every block its own direction and the card its type in the reader’s language, keeping anchor and link text', () => {
    const html = preparePostHtml(CARD, (doctype) => (doctype === 'doctype:convention-text' ? 'نص الاتفاقية' : doctype));
    const host = document.createElement('div');
    host.innerHTML = html;
    expect(host.querySelector('p')?.getAttribute('dir')).toBe('auto');
    expect(host.querySelector('li')?.getAttribute('dir')).toBe('auto');
    const cards = host.querySelectorAll('a.doc-card');
    expect(cards).toHaveLength(1);
    expect(cards[0]?.getAttribute('href')).toBe('/documents/doc1#page-12');
    expect(cards[0]?.querySelector('.doc-card__title')?.textContent).toBe('Article 7, p. 12');
    expect(cards[0]?.querySelector('.doc-card__meta')?.textContent).toBe('نص الاتفاقية · 2013');
    expect(html).not.toMatch(/<script|\son\w+=/);
  });

  it('formats dates with Intl in the interface language, never as ISO strings', () => {
    expect(formatDocumentDate('en', '2017-09-24', 2017)).toBe('September 24, 2017');
    expect(formatDocumentDate('ar', '2017-09-24', 2017)).not.toContain('2017-09-24');
    expect(formatDocumentDate('fr', null, 2013)).toBe('2013');
    // Arabic day/month/year carries right-to-left marks that keep its parts in order.
    expect(formatDateTime('ar', '2026-12-02T10:00:00Z')).not.toContain('2026-12-02');
  });
});

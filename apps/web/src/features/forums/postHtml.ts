/**
 * Readies a post's HTML (sanitized by the server) for the reader:
 * - every block gets `dir="auto"`, so a French paragraph in the Arabic interface reads left to right
 *   with its full stop at its end, and an Arabic one in the English interface the other way;
 * - document cards show the document type in the reader's language (the server renders a post once
 *   for every language and marks the type with `data-doctype`, the year with `data-year`).
 * Only attributes and text are set: no markup is added, so the server's sanitizing still holds.
 */
const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, blockquote, td, th, pre';

export function preparePostHtml(html: string, doctypeLabel: (doctype: string) => string): string {
  if (!html) return html;
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const block of template.content.querySelectorAll(BLOCKS)) block.setAttribute('dir', 'auto');
  for (const card of template.content.querySelectorAll<HTMLElement>('a.doc-card')) {
    card.querySelector('.doc-card__title')?.setAttribute('dir', 'auto');
    const doctype = card.getAttribute('data-doctype');
    const meta = card.querySelector('.doc-card__meta');
    if (!doctype || !meta) continue;
    meta.textContent = [doctypeLabel(doctype), meta.getAttribute('data-year')].filter(Boolean).join(' · ');
  }
  return template.innerHTML;
}

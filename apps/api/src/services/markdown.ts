import { documents, type Db } from '@mep/db';
import { inArray } from 'drizzle-orm';
import sanitizeHtml from 'sanitize-html';
import type { DocumentCardDto } from '../realtime/events';
import { DEFAULT_MARKDOWN_BUDGET_MS, sharedMarkdownPool } from './markdown-pool';
import type { RenderedMarkdown } from './markdown-render';

const DOCUMENT_LINK_IN_TEXT = /\/documents\/([A-Za-z0-9_-]{1,128})/g;

export { escapeHtml, type RenderedMarkdown } from './markdown-render';

/** Looks up the document cards of the given ids (missing ids are left out). */
export async function loadDocumentCards(db: Db, ids: readonly string[]): Promise<Map<string, DocumentCardDto>> {
  const cards = new Map<string, DocumentCardDto>();
  if (!ids.length) return cards;
  const rows = await db
    .select({ id: documents.id, title: documents.title, doctype: documents.doctype, year: documents.year })
    .from(documents)
    .where(inArray(documents.id, [...new Set(ids)]))
    .all();
  for (const row of rows) cards.set(row.id, row);
  return cards;
}

/**
 * Renders a post's Markdown to safe HTML (see renderMarkdownHtml) in a worker thread with a time
 * budget, after looking up the cards of the repository documents it links to.
 *
 * @throws MarkdownTooComplexError (422 `markdown_too_complex`) when rendering exceeds `budgetMs`.
 */
export async function renderMarkdown(db: Db, markdown: string, budgetMs = DEFAULT_MARKDOWN_BUDGET_MS): Promise<RenderedMarkdown> {
  const candidates = [...markdown.matchAll(DOCUMENT_LINK_IN_TEXT)].map((m) => m[1] as string);
  const cards = Object.fromEntries(await loadDocumentCards(db, candidates));
  return sharedMarkdownPool().render(markdown, cards, budgetMs);
}

/** Plain text of sanitized HTML, for the search index and e-mails. */
export function htmlToText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|li|h\d|blockquote|pre|tr)>/g, '$&\n'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

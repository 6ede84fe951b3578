import { documents, type Db } from '@mep/db';
import { inArray } from 'drizzle-orm';
import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { DocumentCardDto } from '../realtime/events';

/** `/documents/<id>` on this site, relative or absolute (any origin: the path is what identifies it). */
const DOCUMENT_LINK = /^(?:https?:\/\/[^/\s]+)?\/documents\/([A-Za-z0-9_-]{1,128})\/?(?:[?#].*)?$/;
const DOCUMENT_LINK_IN_TEXT = /\/documents\/([A-Za-z0-9_-]{1,128})/g;

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The only HTML a post may contain. Sanitizing runs last, over everything (including the document
 * cards we generate), so no renderer bug can smuggle markup past it.
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'strong', 'em', 'del', 'code', 'pre', 'a', 'span', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub'],
  allowedAttributes: { a: ['href', 'title', 'class', 'data-document-id', 'rel'], span: ['class'], code: ['class'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedClasses: { a: ['doc-card'], span: ['doc-card__title', 'doc-card__meta'], code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow ugc noopener' } }),
  },
};

export interface RenderedMarkdown {
  html: string;
  /** Repository documents the text links to, in order of first appearance (existing ones only). */
  documentIds: string[];
}

/** Looks up the document cards of the given ids (missing ids are left out). */
export function loadDocumentCards(db: Db, ids: readonly string[]): Map<string, DocumentCardDto> {
  const cards = new Map<string, DocumentCardDto>();
  if (!ids.length) return cards;
  const rows = db
    .select({ id: documents.id, title: documents.title, doctype: documents.doctype, year: documents.year })
    .from(documents)
    .where(inArray(documents.id, [...new Set(ids)]))
    .all();
  for (const row of rows) cards.set(row.id, row);
  return cards;
}

/**
 * Renders a post's Markdown to safe HTML: no scripts, no event handlers, no style, no
 * javascript:/data: URLs; links get rel="nofollow ugc noopener"; links to repository documents
 * become document cards with the title, type and year from the documents table.
 */
export function renderMarkdown(db: Db, markdown: string): RenderedMarkdown {
  const candidates = [...markdown.matchAll(DOCUMENT_LINK_IN_TEXT)].map((m) => m[1] as string);
  const cards = loadDocumentCards(db, candidates);
  const linked: string[] = [];
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use({
    renderer: {
      link(this: { parser: { parseInline(tokens: Tokens.Link['tokens']): string } }, token: Tokens.Link): string {
        const match = DOCUMENT_LINK.exec(token.href);
        const card = match ? cards.get(match[1] as string) : undefined;
        if (card) {
          if (!linked.includes(card.id)) linked.push(card.id);
          const meta = [card.doctype.replace(/^doctype:/, ''), card.year ?? ''].filter(Boolean).join(' · ');
          return `<a class="doc-card" data-document-id="${escapeHtml(card.id)}" href="/documents/${encodeURIComponent(card.id)}"><span class="doc-card__title">${escapeHtml(card.title)}</span> <span class="doc-card__meta">${escapeHtml(meta)}</span></a>`;
        }
        const text = this.parser.parseInline(token.tokens);
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
        return `<a href="${escapeHtml(token.href)}"${title}>${text}</a>`;
      },
    },
  });
  const raw = marked.parse(markdown) as string;
  return { html: sanitizeHtml(raw, SANITIZE), documentIds: linked };
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

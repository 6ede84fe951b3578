/**
 * The pure half of post rendering: Markdown + known document cards → sanitized HTML. It touches no
 * database and no I/O, so it can run in a worker thread (see markdown-pool.ts) where a parser that
 * backtracks for minutes can be stopped without stalling the server.
 */
import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { DocumentCardDto } from '../realtime/events';

/**
 * `/documents/<id>` on this site, relative or absolute (any origin: the path is what identifies it),
 * with an optional query and fragment; the fragment is kept when it names a page (`#page-N`).
 */
const DOCUMENT_LINK = /^(?:https?:\/\/[^/\s]+)?\/documents\/([A-Za-z0-9_-]{1,128})\/?(?:\?[^#]*)?(?:#(.*))?$/;
const PAGE_ANCHOR = /^page-[1-9]\d{0,5}$/;

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The only HTML a post may contain. Sanitizing runs last, over everything (including the document
 * cards we generate), so no renderer bug can smuggle markup past it.
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'strong', 'em', 'del', 'code', 'pre', 'a', 'span', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub'],
  allowedAttributes: { a: ['href', 'title', 'class', 'data-document-id', 'data-doctype', 'rel'], span: ['class', 'data-year'], code: ['class'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedClasses: { a: ['doc-card'], span: ['doc-card__title', 'doc-card__meta'], code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow ugc noopener' } }),
  },
};

/**
 * One link to a repository document → one card. The card keeps the link's page anchor and, when the
 * author wrote link text, that text (the title fills in for a bare URL). The meta line carries the
 * document type id and year as data attributes: posts are rendered once for readers of six
 * languages, so the web app puts the type's label in the reader's language; the slug written here
 * is what e-mails and search see.
 */
function documentCardHtml(card: DocumentCardDto, fragment: string | undefined, linkTextHtml: string | null): string {
  const anchor = fragment && PAGE_ANCHOR.test(fragment) ? `#${fragment}` : '';
  const href = `/documents/${encodeURIComponent(card.id)}${anchor}`;
  const title = linkTextHtml?.trim() ? linkTextHtml : escapeHtml(card.title);
  const meta = [card.doctype.replace(/^doctype:/, ''), card.year ?? ''].filter(Boolean).join(' · ');
  const year = card.year ? ` data-year="${card.year}"` : '';
  return `<a class="doc-card" data-document-id="${escapeHtml(card.id)}" data-doctype="${escapeHtml(card.doctype)}" href="${escapeHtml(href)}"><span class="doc-card__title">${title}</span> <span class="doc-card__meta"${year}>${escapeHtml(meta)}</span></a>`;
}

export interface RenderedMarkdown {
  html: string;
  /** Repository documents the text links to, in order of first appearance (existing ones only). */
  documentIds: string[];
}

/**
 * Renders Markdown to safe HTML: no scripts, no event handlers, no style, no javascript:/data: URLs;
 * links get rel="nofollow ugc noopener"; links to the documents in `cards` become document cards.
 */
export function renderMarkdownHtml(markdown: string, cards: Readonly<Record<string, DocumentCardDto>>): RenderedMarkdown {
  const linked: string[] = [];
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use({
    renderer: {
      link(this: { parser: { parseInline(tokens: Tokens.Link['tokens']): string } }, token: Tokens.Link): string {
        const match = DOCUMENT_LINK.exec(token.href);
        const card = match ? cards[match[1] as string] : undefined;
        if (card) {
          if (!linked.includes(card.id)) linked.push(card.id);
          return documentCardHtml(card, match?.[2], token.text === token.href ? null : this.parser.parseInline(token.tokens));
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

/** HTML extraction with node-html-parser: visible prose only, title and first heading kept. */
import { parse, type HTMLElement, NodeType, type Node } from 'node-html-parser';
import { ExtractionError } from '../errors';
import { paginateBlocks, toPages } from './paginate';
import type { ExtractedDocument } from './types';

/** Elements whose content is never document text. */
const DROPPED = new Set(['script', 'style', 'noscript', 'nav', 'template', 'svg', 'iframe', 'object', 'button', 'select', 'form', 'head']);

/** Elements that start a new block of text. */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'pre',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'table', 'tr', 'td', 'th',
  'caption', 'figure', 'figcaption', 'address', 'hr', 'br', 'body', 'html',
]);

function collapse(text: string): string {
  return text.replace(/[ \t\r\f\v\u00a0]+/g, ' ').replace(/ *\n */g, '\n').trim();
}

/** Walks the tree collecting text blocks; `hr` and explicit page-break styles start a page. */
function collectBlocks(root: Node): { blocks: string[]; pageBreakBefore: Set<number> } {
  const blocks: string[] = [];
  const pageBreakBefore = new Set<number>();
  let buffer = '';
  const flush = (): void => {
    const text = collapse(buffer);
    if (text) blocks.push(text);
    buffer = '';
  };
  const visit = (node: Node): void => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      buffer += node.text;
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const el = node as HTMLElement;
    const tag = el.rawTagName?.toLowerCase() ?? '';
    if (DROPPED.has(tag)) return;
    const isBlock = BLOCK.has(tag);
    const style = el.getAttribute?.('style') ?? '';
    if (tag === 'hr' || /page-break-before\s*:\s*always|break-before\s*:\s*page/i.test(style)) {
      flush();
      pageBreakBefore.add(blocks.length);
    }
    if (tag === 'tr') {
      // One line per table row, cells separated by tabs (as pdf.js separates PDF table cells), so a
      // row's label and its value stay together.
      flush();
      const cells = el.childNodes.filter((c) => c.nodeType === NodeType.ELEMENT_NODE && /^t[dh]$/i.test((c as HTMLElement).rawTagName ?? ''));
      const row = cells.map((c) => collapse((c as HTMLElement).structuredText).replace(/\s+/g, ' ')).join('\t');
      if (row.replace(/\t/g, '').trim()) blocks.push(row);
      return;
    }
    if (isBlock) flush();
    if (tag === 'br') buffer += '\n';
    for (const child of el.childNodes) visit(child);
    if (isBlock) flush();
  };
  visit(root);
  flush();
  return { blocks, pageBreakBefore };
}

/** Splits blocks at explicit page breaks first, then by size. */
function paginateWithBreaks(blocks: readonly string[], breaks: ReadonlySet<number>): string[] {
  const groups: string[][] = [[]];
  blocks.forEach((block, i) => {
    if (breaks.has(i) && groups[groups.length - 1]!.length > 0) groups.push([]);
    groups[groups.length - 1]!.push(block);
  });
  return groups.flatMap((g) => paginateBlocks(g));
}

/**
 * Extracts visible text from HTML. Scripts, styles and navigation are dropped.
 *
 * @throws ExtractionError 'no-text' when nothing visible remains.
 */
export function extractHtml(html: string): ExtractedDocument {
  return extractParsedHtml(parseHtml(html));
}

/** Parses HTML the way {@link extractHtml} reads it (script, style and comments dropped). */
export function parseHtml(html: string): HTMLElement {
  return parse(html, { lowerCaseTagName: true, comment: false, blockTextElements: { script: false, style: false, noscript: false, pre: true } });
}

/** {@link extractHtml} on an already parsed tree. */
export function extractParsedHtml(root: HTMLElement): ExtractedDocument {
  const warnings: string[] = [];
  const titleText = collapse(root.querySelector('title')?.text ?? '');
  const h1Text = collapse(root.querySelector('h1')?.text ?? '');
  const lang = root.querySelector('html')?.getAttribute('lang') ?? '';
  const body = root.querySelector('body') ?? root;
  const { blocks, pageBreakBefore } = collectBlocks(body);
  const texts = paginateWithBreaks(blocks, pageBreakBefore);
  if (texts.length === 0) throw new ExtractionError('no-text', 'the HTML page has no visible text');
  const doc: ExtractedDocument = {
    kind: 'html',
    mime: 'text/html',
    pageCount: texts.length,
    pages: toPages(texts),
    warnings,
  };
  const title = h1Text && (!titleText || titleText.length < 4) ? h1Text : titleText || h1Text;
  if (title) doc.embeddedTitle = title.slice(0, 500);
  if (/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/i.test(lang)) doc.embeddedLanguage = lang;
  const dateMeta = root.querySelector('meta[name="date"], meta[name="dcterms.date"], meta[property="article:published_time"], meta[name="DC.date"]');
  const dateValue = dateMeta?.getAttribute('content') ?? '';
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(dateValue)?.[1];
  if (iso) doc.embeddedDate = iso;
  return doc;
}

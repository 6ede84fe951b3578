/** Splitting of page-less formats (DOCX, HTML, text) into pseudo-pages of readable size. */
import type { ExtractedPage } from './types';

/** Target size of a pseudo-page: about one printed page of prose. */
export const PAGE_CHARS = 3000;

/**
 * Groups blocks (paragraphs, headings) into pages of about {@link PAGE_CHARS} characters, never
 * splitting a block unless the block alone is longer than a page.
 */
export function paginateBlocks(blocks: readonly string[], pageChars = PAGE_CHARS): string[] {
  const pages: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current.trim().length > 0) pages.push(current.trim());
    current = '';
  };
  for (const raw of blocks) {
    const block = raw.trim();
    if (block.length === 0) continue;
    if (block.length > pageChars) {
      flush();
      for (const piece of splitLongBlock(block, pageChars)) pages.push(piece);
      continue;
    }
    if (current.length > 0 && current.length + block.length + 2 > pageChars) flush();
    current += (current.length > 0 ? '\n\n' : '') + block;
  }
  flush();
  return pages;
}

/** Cuts an over-long block at sentence or word boundaries. */
function splitLongBlock(block: string, pageChars: number): string[] {
  const out: string[] = [];
  let rest = block;
  while (rest.length > pageChars) {
    const window = rest.slice(0, pageChars);
    let cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('\n'), window.lastIndexOf('。'));
    if (cut < pageChars * 0.5) cut = window.lastIndexOf(' ');
    if (cut < pageChars * 0.5) cut = pageChars - 1;
    out.push(rest.slice(0, cut + 1).trim());
    rest = rest.slice(cut + 1);
  }
  if (rest.trim().length > 0) out.push(rest.trim());
  return out;
}

/** Numbers page texts from 1. */
export function toPages(texts: readonly string[]): ExtractedPage[] {
  return texts.map((text, i) => ({ page: i + 1, text }));
}

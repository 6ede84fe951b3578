const PRE = '\u0001';
const POST = '\u0002';

/** Highlight tags Meilisearch is asked to use: control characters cannot occur in extracted text. */
export const HIGHLIGHT_TAGS = { highlightPreTag: PRE, highlightPostTag: POST } as const;

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes HTML, then turns the highlight markers into `<mark>`: the result is safe to inject. */
export function renderSnippet(marked: string): string {
  const escaped = marked.replace(/[&<>"']/g, (c) => escapes[c] ?? c).replace(/\s+/g, ' ').trim();
  return escaped.replaceAll(PRE, '<mark>').replaceAll(POST, '</mark>');
}

/** A snippet around `needle` in `text` (case-insensitive), highlighted; or the text's opening when absent. */
export function snippetAround(text: string, needle: string | undefined, width = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const at = needle ? flat.toLocaleLowerCase().indexOf(needle.toLocaleLowerCase()) : -1;
  if (at < 0 || !needle) return renderSnippet(flat.slice(0, width) + (flat.length > width ? '…' : ''));
  const start = Math.max(0, at - Math.floor((width - needle.length) / 2));
  const end = Math.min(flat.length, start + width);
  const marked = `${start > 0 ? '…' : ''}${flat.slice(start, at)}${PRE}${flat.slice(at, at + needle.length)}${POST}${flat.slice(at + needle.length, end)}${end < flat.length ? '…' : ''}`;
  return renderSnippet(marked);
}

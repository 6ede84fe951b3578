import { isStopWord } from '@mep/ingest';

const PRE = '\u0001';
const POST = '\u0002';

/** Highlight tags Meilisearch is asked to use: control characters cannot occur in extracted text. */
export const HIGHLIGHT_TAGS = { highlightPreTag: PRE, highlightPostTag: POST } as const;

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A letter or digit of a script that separates words with spaces (not Han, kana, Hangul or Thai). */
const SPACED_WORD_CHAR = /[\p{L}\p{N}]/u;
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && SPACED_WORD_CHAR.test(char) && !UNSPACED_SCRIPT.test(char);
}

/**
 * Page text as prose for a snippet: extraction keeps Markdown tables ("| --- |"), bold markers,
 * headings and HTML footnote tags (`<sup>`) that read as debris in one line of text, and every line
 * break becomes a space. Highlight markers are kept.
 */
export function toProse(text: string): string {
  return text
    .replace(/<sup\b[^>]*>[^<]{0,12}<\/sup>/giu, '')
    .replace(/<\/?(?:sup|sub|br|b|i|em|strong|span|p|u)\b[^>]*>/giu, '')
    .replace(/^[ \t]*#{1,6}[ \t]+/gmu, '')
    .replace(/\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?/gu, ' ')
    .replace(/\*\*|__/gu, '')
    .replace(/(?:\s*\|\s*)+/gu, ' · ')
    .replace(/\s+/gu, ' ')
    .replace(/^(?: ?· ?)+|(?: ?· ?)+$/gu, '')
    .trim();
}

/**
 * Keeps a highlight only on whole words that carry meaning: a mark inside a word ("cath<mark>ode</mark>")
 * or on a stop word is unwrapped. Scripts written without spaces (Chinese) have no word edges to check.
 */
export function keepWholeWordMarks(marked: string): string {
  return marked.replace(new RegExp(`${PRE}([^${PRE}${POST}]*)${POST}`, 'gu'), (span, inner: string, offset: number) => {
    const before = marked[offset - 1];
    const after = marked[offset + span.length];
    const innerChars = [...inner];
    const partial = (isWordChar(before) && isWordChar(innerChars[0])) || (isWordChar(after) && isWordChar(innerChars.at(-1)));
    return partial || isStopWord(inner.trim()) || inner.trim() === '' ? inner : span;
  });
}

/** Cleans to prose, escapes HTML, then turns whole-word highlight markers into `<mark>`: safe to inject. */
export function renderSnippet(marked: string): string {
  const escaped = keepWholeWordMarks(toProse(marked)).replace(/[&<>"']/g, (c) => escapes[c] ?? c);
  return escaped.replaceAll(PRE, '<mark>').replaceAll(POST, '</mark>');
}

/** The first of `needles` found in `text` as a whole word (case-insensitive), with its position. */
export function findWholeWord(text: string, needles: readonly string[]): { at: number; length: number } | undefined {
  const lower = text.toLocaleLowerCase();
  let best: { at: number; length: number } | undefined;
  for (const needle of needles) {
    const wanted = needle.toLocaleLowerCase();
    if (!wanted.trim()) continue;
    for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + 1)) {
      const whole = !(isWordChar(lower[at - 1]) && isWordChar(wanted[0])) && !(isWordChar(lower[at + wanted.length]) && isWordChar(wanted.at(-1)));
      if (whole) {
        if (!best || at < best.at) best = { at, length: wanted.length };
        break;
      }
    }
  }
  return best;
}

/**
 * A snippet of `text` around the first whole-word occurrence of any of `needles` (case-insensitive),
 * with that occurrence highlighted; the text's opening, unhighlighted, when none occurs.
 */
export function snippetAround(text: string, needles: readonly string[], width = 220): string {
  const flat = toProse(text);
  const found = findWholeWord(flat, needles);
  if (!found) return renderSnippet(flat.slice(0, width) + (flat.length > width ? '…' : ''));
  const { at, length } = found;
  const start = Math.max(0, at - Math.floor((width - length) / 2));
  const end = Math.min(flat.length, Math.max(start + width, at + length));
  const marked = `${start > 0 ? '…' : ''}${flat.slice(start, at)}${PRE}${flat.slice(at, at + length)}${POST}${flat.slice(at + length, end)}${end < flat.length ? '…' : ''}`;
  return renderSnippet(marked);
}

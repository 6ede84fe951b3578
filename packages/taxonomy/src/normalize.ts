/**
 * Text normalization shared by the tagger and the query matcher. One pass over the text builds a
 * folded copy (diacritics stripped, Arabic letter variants unified, compatibility forms such as
 * Arabic presentation forms and full-width digits decomposed, whitespace collapsed) and keeps,
 * for every folded character, the index of the original character it came from, so evidence can
 * quote the original text. Case is kept: acronyms are matched case-sensitively.
 */

export interface NormalizedText {
  text: string;
  /** offsets[i] = index in the original string of normalized character i; one extra entry at the end. */
  offsets: Int32Array;
}

const charCache = new Map<string, string>();
const COMBINING = /\p{M}/gu;
const SPACE = /^\s$/u;

/** Folds one code point; pure, so cached. */
function foldChar(ch: string): string {
  const cached = charCache.get(ch);
  if (cached !== undefined) return cached;
  let s: string;
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x0660 && code <= 0x0669) s = String(code - 0x0660); // Arabic-Indic digits
  else if (code >= 0x06f0 && code <= 0x06f9) s = String(code - 0x06f0); // Extended (Persian) digits
  else if (code === 0x00ad || code === 0x0640 || (code >= 0x200b && code <= 0x200f) || code === 0x2060 || code === 0xfeff) s = ''; // soft hyphen, tatweel, zero-width
  else if ('\u2018\u2019\u02bc\u2032\u0060\u00b4'.includes(ch)) s = "'";
  else if ('\u2010\u2011\u2012\u2013\u2014\u2015\u2212'.includes(ch)) s = '-';
  else if (SPACE.test(ch)) s = ' ';
  else {
    s = ch.normalize('NFKC').normalize('NFD').replace(COMBINING, '');
    // Arabic spelling variants that documents use interchangeably.
    s = s.replace(/\u0649/g, '\u064a').replace(/\u0629/g, '\u0647').replace(/\u0671/g, '\u0627');
    if (SPACE.test(s)) s = ' ';
  }
  charCache.set(ch, s);
  return s;
}

/** Normalizes `input` and keeps an index map back to it (see module comment). */
export function normalizeText(input: string): NormalizedText {
  const out: string[] = [];
  const offsets: number[] = [];
  let lastSpace = true; // also trims leading whitespace
  let i = 0;
  for (const ch of input) {
    const code = ch.charCodeAt(0);
    let folded: string;
    if (code < 128) folded = code <= 32 ? ' ' : ch;
    else folded = foldChar(ch);
    for (const f of folded) {
      if (f === ' ') {
        if (lastSpace) continue;
        lastSpace = true;
      } else lastSpace = false;
      out.push(f);
      offsets.push(i);
    }
    i += ch.length;
  }
  offsets.push(input.length);
  return { text: out.join(''), offsets: Int32Array.from(offsets) };
}

/** The normalized form of a short string (a label or a query), lower-cased. */
export function foldLabel(label: string): string {
  return normalizeText(label).text.toLowerCase().trim();
}

/** Text from a normalized range back to the original, with a little context, whitespace collapsed. */
export function quoteOriginal(original: string, norm: NormalizedText, start: number, end: number, context = 60): string {
  const from = norm.offsets[start] ?? 0;
  const to = norm.offsets[end] ?? original.length;
  let a = Math.max(0, from - context);
  let b = Math.min(original.length, to + context);
  // Widen to word boundaries so the snippet does not start or end mid-word.
  while (a > 0 && a > from - context - 20 && !/\s/.test(original[a - 1] ?? ' ')) a--;
  while (b < original.length && b < to + context + 20 && !/\s/.test(original[b] ?? ' ')) b++;
  return original.slice(a, b).replace(/\s+/g, ' ').trim();
}

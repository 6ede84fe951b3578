/**
 * Tokens of normalized text. Han runs are kept whole (Chinese has no word spaces; labels are
 * found inside them by substring), everything else splits on non-letters/digits.
 */

export type Script = 'latin' | 'cyr' | 'ar' | 'han';

export interface Token {
  /** Cased form, for acronyms. */
  raw: string;
  lower: string;
  script: Script;
  start: number;
  end: number;
}

const TOKEN_RE = /\p{sc=Han}+|(?:(?!\p{sc=Han})[\p{L}\p{N}])+/gu;
const HAN_RE = /^\p{sc=Han}/u;
const CYR_RE = /\p{sc=Cyrillic}/u;
const AR_RE = /\p{sc=Arabic}/u;

const lowerCache = new Map<string, { lower: string; script: Script }>();

function classify(raw: string): { lower: string; script: Script } {
  let hit = lowerCache.get(raw);
  if (!hit) {
    const script: Script = HAN_RE.test(raw) ? 'han' : CYR_RE.test(raw) ? 'cyr' : AR_RE.test(raw) ? 'ar' : 'latin';
    hit = { lower: raw.toLowerCase(), script };
    // Bounded: a hostile document with millions of distinct words must not grow memory forever.
    if (lowerCache.size > 200_000) lowerCache.clear();
    lowerCache.set(raw, hit);
  }
  return hit;
}

/** Splits normalized text into tokens with their positions in that text. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const start = m.index ?? 0;
    const { lower, script } = classify(raw);
    tokens.push({ raw, lower, script, start, end: start + raw.length });
  }
  return tokens;
}

/**
 * Text quality checks for extracted text, and a narrow repair for one common PDF defect.
 *
 * PDFs whose fonts lack a ToUnicode map give text made of glyph ids: private-use or replacement
 * characters, control characters, or letters from scripts that have nothing to do with each other
 * inside one word. Such text must not pass as clean: it would be indexed as nonsense.
 */
import { countRussianStopwords, scoreLatinStopwords, tokenizeWords } from './language';

export const LOW_QUALITY_WARNING = 'low-quality-text: could not extract clean text';
export const NO_TEXT_LAYER_WARNING = 'no-text-layer: the pages are images without a text layer';
export const REPAIRED_WARNING = 'repaired-text: glyph codes remapped to characters by a heuristic';

export interface TextQuality {
  /** Non-whitespace characters. */
  chars: number;
  letters: number;
  /** Characters that never belong in clean text (controls, private use, U+FFFD, odd blocks). */
  suspicious: number;
  /** Letters inside words that mix unrelated scripts. */
  mixedScriptLetters: number;
  /** 0 (garbage) .. 1 (clean). */
  score: number;
}

type ScriptGroup = 'latin' | 'greek' | 'cyrillic' | 'arabic' | 'cjk' | 'hangul' | 'other';

function scriptGroupOf(cp: number): ScriptGroup {
  if (cp <= 0x24f) return 'latin';
  if (cp >= 0x1e00 && cp <= 0x1eff) return 'latin';
  if (cp >= 0x370 && cp <= 0x3ff) return 'greek';
  if (cp >= 0x400 && cp <= 0x52f) return 'cyrillic';
  if ((cp >= 0x600 && cp <= 0x6ff) || (cp >= 0x750 && cp <= 0x77f) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff)) return 'arabic';
  if ((cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff)) return 'cjk';
  if (cp >= 0xac00 && cp <= 0xd7af) return 'hangul';
  return 'other';
}

/** Code points that real documents in the UN languages do not contain. */
function isSuspicious(cp: number): boolean {
  if (cp < 0x20) return cp !== 0x09 && cp !== 0x0a && cp !== 0x0d;
  return (
    (cp >= 0x7f && cp <= 0x9f) || // C1 controls
    (cp >= 0x180 && cp <= 0x2ff) || // Latin Extended-B, IPA, spacing modifiers: glyph-id mojibake
    (cp >= 0x1400 && cp <= 0x167f) || // Canadian syllabics
    (cp >= 0x2e80 && cp <= 0x2fdf) || // CJK and Kangxi radicals as letters
    (cp >= 0x3400 && cp <= 0x4dbf) || // CJK Extension A: rare, a typical wrong-cmap result
    (cp >= 0xe000 && cp <= 0xf8ff) || // private use
    cp === 0xfffd ||
    cp >= 0xf0000
  );
}

/** Measures how clean a text is. */
export function assessTextQuality(text: string): TextQuality {
  let chars = 0;
  let letters = 0;
  let suspicious = 0;
  let mixedScriptLetters = 0;
  let wordLetters = 0;
  let wordGroups = new Set<ScriptGroup>();
  const endWord = (): void => {
    if (wordGroups.size > 1) mixedScriptLetters += wordLetters;
    wordLetters = 0;
    wordGroups = new Set();
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x20 || cp === 0x0a || cp === 0x09 || cp === 0x0d || cp === 0xa0) {
      endWord();
      continue;
    }
    chars++;
    if (isSuspicious(cp)) suspicious++;
    if (/\p{L}/u.test(ch)) {
      letters++;
      wordLetters++;
      wordGroups.add(scriptGroupOf(cp));
    } else if (!/\p{M}/u.test(ch)) {
      endWord();
    }
  }
  endWord();
  if (chars === 0) return { chars, letters, suspicious, mixedScriptLetters, score: 0 };
  const bad = Math.min(chars, suspicious + mixedScriptLetters);
  const letterShare = letters / chars;
  // Text that is almost all digits and symbols is not clean prose either, but tables exist: soft.
  const letterPenalty = chars > 200 && letterShare < 0.25 ? 0.5 : 1;
  return { chars, letters, suspicious, mixedScriptLetters, score: (1 - bad / chars) * letterPenalty };
}

/** Below this score a page is not clean text. */
export const CLEAN_SCORE = 0.85;

/** True when the text is clean enough to index as is. */
export function isCleanText(text: string): boolean {
  return assessTextQuality(text).score >= CLEAN_SCORE;
}

// ---------------------------------------------------------------------------------------------
// Glyph-id repair. Subset TrueType fonts that keep the standard Macintosh glyph order put `space` at
// glyph 3 and every printable ASCII character at its code minus 29; other alphabets follow at a
// constant offset. When such a font has no ToUnicode map, pdf.js emits the glyph ids as characters,
// e.g. "'(6\u00031$7,216" for "DES NATIONS". U+0003 between words is the tell-tale.

const MAC_ASCII_OFFSET = 29;

/** True when a page looks like raw glyph ids from a standard-order font. */
function hasGlyphIdSignature(text: string): boolean {
  let spaces3 = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 3) spaces3++;
  return spaces3 >= 5 && spaces3 / text.length > 0.01;
}

/** Target letter ranges a shifted non-ASCII alphabet may land in. */
const TARGET_RANGES: readonly [number, number][] = [
  [0x410, 0x44f], // Cyrillic basic letters
  [0xc0, 0xff], // Latin-1 letters
];

function inTarget(cp: number): boolean {
  return TARGET_RANGES.some(([a, b]) => cp >= a && cp <= b) || cp === 0x401 || cp === 0x451;
}

/** Finds the constant offset that maps most non-ASCII glyph characters onto real letters. */
function findAlphabetOffset(texts: readonly string[]): number | undefined {
  const histogram = new Map<number, number>();
  let total = 0;
  for (const t of texts) {
    if (!hasGlyphIdSignature(t)) continue;
    for (const ch of t) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80) continue;
      histogram.set(cp, (histogram.get(cp) ?? 0) + 1);
      total++;
    }
  }
  if (total < 50) return undefined;
  let best: { offset: number; hits: number } | undefined;
  const seen = new Set<number>();
  for (const cp of histogram.keys()) {
    for (const [a, b] of TARGET_RANGES) {
      for (let target = a; target <= b; target++) {
        const offset = target - cp;
        if (offset === 0 || seen.has(offset)) continue;
        seen.add(offset);
        let hits = 0;
        for (const [c, n] of histogram) if (inTarget(c + offset)) hits += n;
        if (!best || hits > best.hits) best = { offset, hits };
      }
    }
  }
  return best && best.hits / total > 0.9 ? best.offset : undefined;
}

/**
 * Shifts one token (text between real spaces or tabs, which pdf.js adds itself). Only tokens holding
 * control characters get the ASCII shift: a line may mix a clean font (page numbers) and a broken one.
 */
function shiftToken(token: string, alphabetOffset: number | undefined): string {
  const shiftAscii = /[\u0003-\u0008\u000b-\u001f]/.test(token);
  let out = '';
  for (const ch of token) {
    const cp = ch.codePointAt(0)!;
    if (shiftAscii && cp >= 0x03 && cp <= 0x61) out += String.fromCharCode(cp + MAC_ASCII_OFFSET);
    else if (cp >= 0x80 && isSuspicious(cp) && alphabetOffset !== undefined && inTarget(cp + alphabetOffset)) out += String.fromCodePoint(cp + alphabetOffset);
    // An unmapped glyph from an unrelated script inside a glyph-id token is most often a special space.
    else if (shiftAscii && cp >= 0x80 && scriptGroupOf(cp) === 'other' && /\p{L}|\p{M}/u.test(ch)) out += ' ';
    else out += ch;
  }
  return out;
}

function shiftGlyphs(text: string, alphabetOffset: number | undefined): string {
  return text
    .split(/([ \t\n]+)/)
    .map((part, i) => (i % 2 === 1 ? part : shiftToken(part, alphabetOffset)))
    .join('')
    .replace(/ {2,}/g, ' ');
}

/** Function words found in a text, any of the languages we can check this way. */
function countFunctionWords(text: string): number {
  const words = tokenizeWords(text);
  const latin = scoreLatinStopwords(words);
  return Math.max(latin.en, latin.fr, latin.es) + countRussianStopwords(words);
}

/**
 * Repairs pages made of raw glyph ids (see above). A page is only replaced when the repaired text is
 * clean and reads as language (more function words than before), so clean pages are never touched.
 *
 * @returns the pages (repaired where it helped) and how many were repaired.
 */
export function repairGlyphIdText(pages: readonly string[]): { pages: string[]; repaired: number } {
  if (!pages.some(hasGlyphIdSignature)) return { pages: [...pages], repaired: 0 };
  const offset = findAlphabetOffset(pages);
  let repaired = 0;
  const out = pages.map((text) => {
    if (!hasGlyphIdSignature(text)) return text;
    const candidate = shiftGlyphs(text, offset);
    const before = assessTextQuality(text).score;
    const after = assessTextQuality(candidate).score;
    if (after > before && after >= CLEAN_SCORE && countFunctionWords(candidate) > countFunctionWords(text)) {
      repaired++;
      return candidate;
    }
    return text;
  });
  return { pages: out, repaired };
}

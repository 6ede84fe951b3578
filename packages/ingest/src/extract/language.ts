/**
 * Language identification in two stages. First the Unicode script counts say which script family a text
 * is in (Arabic, Han, Cyrillic, Latin). Then a statistical n-gram detector (`eld`, its small database,
 * bundled with the package: no download) decides the language within that script, so that Persian is not
 * filed as Arabic, Ukrainian as Russian, or Portuguese and Catalan as Spanish. Languages outside the six
 * UN languages come back as `other` with their ISO 639-1 code. Stopword counts remain the fallback for
 * Latin text the detector is unsure about. Deterministic.
 */
import { eld } from 'eld/small';
import { UN_LANGUAGES as LANGUAGE_LIST } from '@mep/vocabulary';
import type { LanguageCode } from './types';

const STOPWORDS: Record<'en' | 'fr' | 'es', ReadonlySet<string>> = {
  en: new Set('the of and to in is that for on with as by be are this which shall or from at it an its were has have not their such any other'.split(' ')),
  fr: new Set('le la les des du de et est une un dans que qui pour par sur au aux ne pas ce cette sont ou avec son ses leur être à été'.split(' ')),
  es: new Set('el la los las del de y en que por con para una un su sus se al es lo como o más sobre entre cada este esta ser'.split(' ')),
};

/** Words that appear in several Latin languages and so say nothing. */
const SHARED = new Set(['de', 'la', 'en', 'a', 'o', 'un', 'que', 'les', 'se', 'es']);

const RUSSIAN_STOPWORDS = new Set('и в на не с по или для что о к из от как это его её их при об также быть которые'.split(' '));

interface ScriptCounts {
  latin: number;
  cyrillic: number;
  arabic: number;
  han: number;
  kana: number;
  hangul: number;
  other: number;
}

/** Counts letters by script. Arabic presentation forms count as Arabic (PDFs often emit them). */
function countScripts(text: string): ScriptCounts {
  const c: ScriptCounts = { latin: 0, cyrillic: 0, arabic: 0, han: 0, kana: 0, hangul: 0, other: 0 };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x41) continue;
    if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xc0 && cp <= 0x17f && cp !== 0xd7 && cp !== 0xf7)) c.latin++;
    else if (cp >= 0x400 && cp <= 0x4ff) c.cyrillic++;
    else if ((cp >= 0x600 && cp <= 0x6ff) || (cp >= 0x750 && cp <= 0x77f) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfefc)) c.arabic++;
    else if (cp >= 0x4e00 && cp <= 0x9fff) c.han++;
    else if (cp >= 0x3040 && cp <= 0x30ff) c.kana++;
    else if (cp >= 0xac00 && cp <= 0xd7af) c.hangul++;
    else if (/\p{L}/u.test(ch)) c.other++;
  }
  return c;
}

/** Lower-cased words of a text (letters only). */
export function tokenizeWords(text: string): string[] {
  return text.toLowerCase().match(/\p{L}+/gu) ?? [];
}

/** Stopword hits per Latin language; shared words are ignored. */
export function scoreLatinStopwords(words: readonly string[]): Record<'en' | 'fr' | 'es', number> {
  const score = { en: 0, fr: 0, es: 0 };
  for (const w of words) {
    if (SHARED.has(w)) continue;
    if (STOPWORDS.en.has(w)) score.en++;
    if (STOPWORDS.fr.has(w)) score.fr++;
    if (STOPWORDS.es.has(w)) score.es++;
  }
  return score;
}

/** Number of Russian function words in a word list: evidence that Cyrillic text is real Russian. */
export function countRussianStopwords(words: readonly string[]): number {
  let n = 0;
  for (const w of words) if (RUSSIAN_STOPWORDS.has(w)) n++;
  return n;
}

const MIN_LETTERS = 20;
/** The n-gram detector reads this much of a text: plenty for a stable answer, cheap on long documents. */
const ELD_SAMPLE = 20_000;
const UN_LANGUAGES: ReadonlySet<string> = new Set(LANGUAGE_LIST);

/** Result of {@link detectLanguageWithConfidence}. */
export interface DetectedLanguage {
  language: LanguageCode;
  /** Rough confidence in 0..1. */
  confidence: number;
  /** ISO 639-1 code of the detected language (e.g. `pt` when `language` is `other`); undefined when unknown. */
  code?: string;
}

/** The n-gram detector's answer for a text, when it is reliable. */
function detectStatistically(text: string): { code: string; score: number } | undefined {
  const result = eld.detect(text.length > ELD_SAMPLE ? text.slice(0, ELD_SAMPLE) : text);
  if (!result.language || !result.isReliable()) return undefined;
  return { code: result.language, score: result.getScores()[result.language] ?? 0 };
}

/**
 * Second stage for a script family: the detector may confirm the expected UN language, or name another
 * language of the same script (fa, ur for Arabic script; uk, bg, be for Cyrillic). Unsure means the UN language.
 */
function refineWithinScript(sample: string, expected: 'ar' | 'ru', scriptShare: number): DetectedLanguage {
  const found = detectStatistically(sample);
  if (found && found.code !== expected) return { language: 'other', confidence: found.score, code: found.code };
  return { language: expected, confidence: scriptShare, code: expected };
}

/**
 * Detects the language of a text among the six UN languages.
 *
 * @returns the language, or 'other' when the text has fewer than ~20 letters or is in none of them.
 */
export function detectLanguage(text: string): LanguageCode {
  return detectLanguageWithConfidence(text).language;
}

/** Like {@link detectLanguage}, also returning a rough confidence in 0..1 (share of winning evidence). */
export function detectLanguageWithConfidence(text: string): DetectedLanguage {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const s = countScripts(sample);
  const total = s.latin + s.cyrillic + s.arabic + s.han + s.kana + s.hangul + s.other;
  if (total < MIN_LETTERS) return { language: 'other', confidence: 0 };
  const share = (n: number): number => n / total;
  // Han ideographs carry a word each, so a smaller share of them already means Chinese text.
  if (s.kana > s.han * 0.2 && share(s.kana + s.han) > 0.4) return { language: 'other', confidence: share(s.kana + s.han), code: 'ja' };
  if (s.hangul > 0 && share(s.hangul) > 0.4) return { language: 'other', confidence: share(s.hangul), code: 'ko' };
  if (share(s.han) > 0.3) return { language: 'zh', confidence: share(s.han), code: 'zh' };
  if (share(s.arabic) > 0.4) return refineWithinScript(sample, 'ar', share(s.arabic));
  if (share(s.cyrillic) > 0.4) return refineWithinScript(sample, 'ru', share(s.cyrillic));
  if (share(s.latin) > 0.5) {
    const found = detectStatistically(sample);
    if (found && UN_LANGUAGES.has(found.code)) return { language: found.code as LanguageCode, confidence: found.score, code: found.code };
    if (found) return { language: 'other', confidence: found.score, code: found.code };
    // The detector is unsure (short or mixed text): count function words of the three Latin UN languages.
    const score = scoreLatinStopwords(tokenizeWords(sample));
    const ranked = (Object.entries(score) as ['en' | 'fr' | 'es', number][]).sort((a, b) => b[1] - a[1]);
    const [best, second] = ranked;
    if (!best || best[1] < 2) return { language: 'other', confidence: 0 };
    const confidence = best[1] / (best[1] + (second?.[1] ?? 0));
    return confidence >= 0.55 ? { language: best[0], confidence, code: best[0] } : { language: 'other', confidence };
  }
  return { language: 'other', confidence: 0 };
}

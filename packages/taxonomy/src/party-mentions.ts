/**
 * Whether a label match names a country as a party. The label matcher finds the letters; this
 * module decides whether those letters are the country:
 * - cased scripts: a country's name is capitalised ("того" is Russian for "of that", not Togo);
 * - a one-word Cyrillic name takes only its own case endings (Дания, Дании, Данию, Данией), never a
 *   longer word that shares a stem ("данные" is "data", "первый" is "first");
 * - names that are common words of one of the six languages (Того, Перу, Мали, Чад, Гана, Самоа…)
 *   never count at the start of a sentence, where any word is capitalised;
 * - Chinese names inside a longer word do not count ("中国" in "发展中国家", developing countries);
 * - a country after a city ("Kumamoto, Japan", "Geneva, Switzerland") places an event; it is not the
 *   document's subject.
 */
import type { NormalizedText } from './normalize';

/** Party names (folded, lower case) that are also ordinary words, or forms of them, in one of the six languages. */
const COMMON_WORD_NAMES: ReadonlySet<string> = new Set([
  'того', 'перу', 'мали', 'чад', 'гана', 'самоа', 'куба', 'чили', 'конго', 'оман', 'нигер', 'тонга',
  'chad', 'chile', 'niger', 'guinea', 'turkey', 'jordan', 'georgia', 'oman', 'tonga', 'maurice', 'cuba',
]);

/**
 * Chinese contexts in which a country's characters belong to another word: the text around the match
 * (one character either side) that rules it out.
 */
const HAN_FALSE_CONTEXTS: readonly RegExp[] = [
  /展中国家/u, // 发展中国家: developing countries
  /印度洋/u, // the Indian Ocean
  /加纳[入税]/u, // 增加纳入, 加纳税: "add … include / tax"
];

const CYR_VOWEL_END = /[аяьй]$/u;
const SENTENCE_END = /[.!?:;…»"'\])]\s*$|^\s*$/u;
/** "Kumamoto, Japan" / "Кумамото, Япония": a capitalised word and a comma right before the name. */
const CITY_BEFORE = /\p{Lu}[\p{L}'-]{2,}\s*,\s*$/u;
/** "… Châtelaine Geneva Switzerland" (an address): a capitalised word that is not a sentence's first, right before. */
const CITY_IN_ADDRESS = /[\p{L}\d][ \t]+\p{Lu}\p{Ll}{2,}[ \t]+$/u;
/** A line of a postal address: a postcode, an e-mail, a telephone or fax number. */
const ADDRESS_LINE = /\d{4,}|@|e-?mail|\btel\b|\bfax\b|p\.\s?o\.\s?box/iu;
/** An all-capital short word ("US") among other all-capital words is shouting text, not an acronym. */
const CAPS_WORD = /^\p{Lu}{2,}$/u;

/**
 * The endings a one-word Cyrillic name may take: at most two letters after the name (ending in a
 * consonant) or after its stem without a final а/я/ь/й; names ending in other vowels (Того, Перу,
 * Мали, Самоа) do not decline.
 */
function cyrillicFormMatches(label: string, word: string): boolean {
  if (word === label) return true;
  if (/[бвгджзклмнпрстфхцчшщ]$/u.test(label)) return word.startsWith(label) && word.length - label.length <= 2;
  if (!CYR_VOWEL_END.test(label)) return false;
  const stem = label.slice(0, -1);
  return word.startsWith(stem) && word.length - stem.length <= 2;
}

/** Whether `label` (one of a party's labels, folded, lower case) is written as a name at [start, end) of `text`. */
export function isNameMention(text: string, start: number, end: number, labels: readonly string[]): boolean {
  const matched = text.slice(start, end);
  const first = matched[0] ?? '';
  if (/\p{sc=Han}/u.test(first)) {
    const around = text.slice(Math.max(0, start - 1), end + 1);
    return !HAN_FALSE_CONTEXTS.some((re) => re.test(around));
  }
  // Cased scripts: a name starts with a capital.
  if (first.toLowerCase() !== first.toUpperCase() && first !== first.toUpperCase()) return false;
  if (matched.length <= 3 && CAPS_WORD.test(matched)) {
    const before = /(\p{L}+)[^\p{L}]*$/u.exec(text.slice(Math.max(0, start - 30), start))?.[1] ?? '';
    const after = /^[^\p{L}]*(\p{L}+)/u.exec(text.slice(end, end + 30))?.[1] ?? '';
    if (CAPS_WORD.test(before) || CAPS_WORD.test(after)) return false;
  }
  const lower = matched.toLowerCase();
  if (!/\s/.test(lower) && /\p{sc=Cyrillic}/u.test(lower)) {
    const own = labels.filter((l) => !/\s/.test(l) && /\p{sc=Cyrillic}/u.test(l));
    if (own.length > 0 && !own.some((l) => cyrillicFormMatches(l, lower))) return false;
  }
  if (COMMON_WORD_NAMES.has(lower) || [...COMMON_WORD_NAMES].some((w) => cyrillicFormMatches(w, lower))) {
    if (SENTENCE_END.test(text.slice(Math.max(0, start - 3), start))) return false;
  }
  return true;
}

/** Whether the mention at `start` places something in the country ("Kumamoto, Japan") rather than naming it as a subject. */
export function isPlaceQualifier(original: string, norm: NormalizedText, start: number): boolean {
  const from = norm.offsets[start] ?? 0;
  // The original text, because an address is one line: a list of countries, one a line, is not.
  const before = original.slice(Math.max(0, from - 40), from);
  return CITY_BEFORE.test(before) || CITY_IN_ADDRESS.test(before);
}

/**
 * Whether the mention sits on a short line of the original text of its own (a heading such as
 * "JAPAN" or "National report of Brazil"), read through the normalized text's offsets.
 */
export function isHeadingLine(original: string, norm: NormalizedText, start: number, end: number): boolean {
  const from = norm.offsets[start] ?? 0;
  const to = norm.offsets[end] ?? original.length;
  const lineStart = original.lastIndexOf('\n', from - 1) + 1;
  const nl = original.indexOf('\n', to);
  const lineEnd = nl < 0 ? original.length : nl;
  const line = original.slice(lineStart, lineEnd).trim();
  if (line.length === 0 || line.length > 60) return false;
  // The last line of a postal address ("CH-1219 Châtelaine Geneva / Switzerland / E-mail: …") is not a heading.
  const previous = original.slice(original.lastIndexOf('\n', lineStart - 2) + 1, lineStart);
  const next = original.slice(lineEnd + 1, (original.indexOf('\n', lineEnd + 1) + 1 || original.length + 1) - 1);
  if (ADDRESS_LINE.test(previous) || ADDRESS_LINE.test(next)) return false;
  // A heading is not a sentence and does not run on: no final full stop, comma or hyphenated break.
  return !/[,;.。-]$/u.test(line) && line.split(/\s+/u).length <= 8;
}

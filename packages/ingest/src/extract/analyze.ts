/**
 * Facts about a document inferred from its text: title, UN symbol, date, language, document type.
 * Heuristics, written for UN and MEA documents; each one falls back to something honest.
 */
import { isLang, type DoctypeId, type Lang } from '@mep/vocabulary';
import { detectLanguageWithConfidence } from './language';
import { LOW_QUALITY_WARNING, REPAIRED_WARNING, isCleanText } from './quality';
import type { DocumentFacts, ExtractedDocument, LanguageCode } from './types';

export type { DocumentFacts } from './types';

/** UN document symbols: UNEP/MC/COP.6/19, UNEP/MC/COP.6/INF/26, A/RES/78/272, UNEP/MC/2025/4, A/78/L.41. */
const SYMBOL_RE = /(?<![\w/])((?:UNEP|A|E|S|ST|TD|FCCC|CBD|ECE)\/[A-Z0-9][A-Za-z0-9.-]*(?:\/[A-Za-z0-9][A-Za-z0-9.-]*)+)/g;

function isWellFormedSymbol(symbol: string): boolean {
  const parts = symbol.split('/');
  return parts.length >= 3 && /\d/.test(parts[parts.length - 1]!);
}

/**
 * Finds the document's own UN symbol: one printed on a line of its own or at a line's edge (the
 * header/footer position), not one cited in a sentence ("see document UNEP/MC/COP.5/19").
 */
export function findUnSymbol(text: string): string | undefined {
  for (const line of text.split('\n')) {
    for (const match of line.matchAll(SYMBOL_RE)) {
      const symbol = match[1]!.replace(/[.-]+$/, '');
      if (!isWellFormedSymbol(symbol)) continue;
      const before = line.slice(0, match.index).trim();
      const after = line.slice(match.index + match[0].length).trim();
      // A header carries the symbol alone or beside a few words ("Distr.: General"); a sentence that
      // ends with a cited symbol is longer than that.
      const headerLike = line.trim().length <= symbol.length + 40 || /\t|\s{3,}/.test(line);
      const atEdge = headerLike && (before.length === 0 || after.length === 0 || /\t|\s{3,}/.test(line));
      if (atEdge && !/(?:document|decision|see|in|and|to|\()\s*$/i.test(before)) return symbol;
    }
  }
  return undefined;
}

/** Minamata meeting symbols from file names such as `cop6-19-…` or `cop6-inf26…`. */
function symbolFromFileName(fileName: string | undefined, text: string): string | undefined {
  if (!fileName || !/Minamata/i.test(text)) return undefined;
  const stem = (fileName.split(/[\\/]/).pop() ?? '').toLowerCase();
  const m = /(?:^|[^a-z])(cop|oewg|inc)[-_.]?(\d{1,2})[-_.](inf[-_.]?)?(\d{1,3})(?!\d)/.exec(stem);
  if (!m) return undefined;
  return `UNEP/MC/${m[1]!.toUpperCase()}.${m[2]}/${m[3] ? 'INF/' : ''}${m[4]}`;
}

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12,
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
  января: 1, февраля: 2, марта: 3, апреля: 4, мая: 5, июня: 6, июля: 7, августа: 8, сентября: 9, октября: 10, ноября: 11, декабря: 12,
  يناير: 1, فبراير: 2, مارس: 3, أبريل: 4, ابريل: 4, إبريل: 4, مايو: 5, يونيه: 6, يونيو: 6, يوليه: 7, يوليو: 7, أغسطس: 8, سبتمبر: 9, أكتوبر: 10, اكتوبر: 10, نوفمبر: 11, ديسمبر: 12,
  'كانون الثاني': 1, شباط: 2, آذار: 3, نيسان: 4, أيار: 5, حزيران: 6, تموز: 7, آب: 8, أيلول: 9, 'تشرين الأول': 10, 'تشرين الثاني': 11, 'كانون الأول': 12,
};

const MONTH_ALT = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const DAY_MONTH_YEAR = new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})(?:er|º)?\\s+(?:de\\s+)?(${MONTH_ALT})\\s+(?:de\\s+)?(\\d{4})`, 'giu');
const MONTH_DAY_YEAR = new RegExp(`(?<![\\p{L}])(${MONTH_ALT})\\s+(\\d{1,2}),?\\s+(\\d{4})`, 'giu');
const CJK_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

function toIso(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return undefined;
  return d.toISOString().slice(0, 10);
}

/**
 * Finds the first date written out in text, in any of the six UN languages
 * ("17 November 2025", "3 de marzo de 2023", "19 июня 2023 года", "2023年6月19日", "19 يونيه 2023").
 */
export function findDate(text: string): string | undefined {
  const found: { index: number; iso: string }[] = [];
  const push = (index: number, iso: string | undefined): void => {
    if (iso) found.push({ index, iso });
  };
  for (const m of text.matchAll(DAY_MONTH_YEAR)) push(m.index, toIso(Number(m[3]), MONTHS[m[2]!.toLowerCase()] ?? 0, Number(m[1])));
  for (const m of text.matchAll(MONTH_DAY_YEAR)) push(m.index, toIso(Number(m[3]), MONTHS[m[1]!.toLowerCase()] ?? 0, Number(m[2])));
  for (const m of text.matchAll(CJK_DATE)) push(m.index, toIso(Number(m[1]), Number(m[2]), Number(m[3])));
  for (const m of text.matchAll(ISO_DATE)) push(m.index, toIso(Number(m[1]), Number(m[2]), Number(m[3])));
  found.sort((a, b) => a.index - b.index);
  return found[0]?.iso;
}

/** A date printed on a line of its own (or a header cell) on the first pages: the document's date. */
function findHeaderDate(text: string): string | undefined {
  for (const line of text.split(/[\n\t]/)) {
    const cell = line.trim();
    if (cell.length === 0 || cell.length > 40) continue;
    const iso = findDate(cell);
    if (iso) return iso;
  }
  return undefined;
}

/**
 * The date a treaty was adopted, from its closing formula: "Done at Minamata, Japan, on 10 October 2013",
 * "DONE at Basel on the 22nd day of March 1989", or written out in words: "on this tenth day of October,
 * two thousand and thirteen".
 */
function findSigningDate(text: string): string | undefined {
  const m = /(?:Done at|Fait à|Hecho en|Совершено в)([^.]{0,200})/iu.exec(text);
  if (!m) return undefined;
  // "ninety-\neight": words hyphenated across a line break
  const tail = m[1]!.replace(/-\s*\n\s*/g, '-').replace(/\s+/g, ' ');
  const numeric = /(\d{1,2})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?(?:de\s+)?(\p{L}+)[\s,]+(?:de\s+)?(\d{4})/iu.exec(tail);
  if (numeric) {
    const iso = toIso(Number(numeric[3]), MONTHS[numeric[2]!.toLowerCase()] ?? 0, Number(numeric[1]));
    if (iso) return iso;
  }
  const words = /(\p{L}+(?:[- ]\p{L}+)?)\s+day\s+of\s+(\p{L}+)[\s,]+((?:\p{L}+[- ,]*){2,8})/iu.exec(tail);
  if (!words) return undefined;
  // "this tenth", "the twenty-second", "twenty first": the ordinal is the last word or the last two.
  const ordinal = words[1]!.toLowerCase().split(/[- ]+/);
  const day = Math.max(ORDINAL_DAYS.indexOf(ordinal.join('-')), ORDINAL_DAYS.indexOf(ordinal.at(-1)!)) + 1;
  const year = parseEnglishNumber(words[3]!);
  return day > 0 && year ? toIso(year, MONTHS[words[2]!.toLowerCase()] ?? 0, day) : undefined;
}

const ORDINAL_DAYS = [
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth',
  'twenty-first', 'twenty-second', 'twenty-third', 'twenty-fourth', 'twenty-fifth', 'twenty-sixth', 'twenty-seventh', 'twenty-eighth', 'twenty-ninth', 'thirtieth',
  'thirty-first',
];
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13,
  fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
  sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

/** "two thousand and thirteen" → 2013; "one thousand nine hundred and eighty-nine" → 1989. */
export function parseEnglishNumber(words: string): number | undefined {
  let total = 0;
  let current = 0;
  let seen = false;
  for (const word of words.toLowerCase().split(/[\s,-]+/)) {
    if (word === 'and' || word === '') continue;
    if (word in NUMBER_WORDS) current += NUMBER_WORDS[word]!;
    else if (word === 'hundred') current *= 100;
    else if (word === 'thousand') {
      total += current * 1000;
      current = 0;
    } else break;
    seen = true;
  }
  return seen ? total + current : undefined;
}

/** Lines that head a page but never make a title. */
const NOT_TITLE =
  /^(?:united nations|nations unies|naciones unidas|организация объединенных наций|الأمم المتحدة|联合国|general assembly.*|\d{1,2}\s+\p{L}+\s+\d{4}|distr\.?:?.*|original:.*|english|french|spanish|advance unedited version|note by the secretariat|item \d+.*|agenda item.*|\*.*\*|[-–\d\s/.()]+|page \d+.*|contents|table of contents|(?:UNEP|A|E)\/\S+|[\d-]+ \(E\).*|.*\bsession\b.*|.*meeting of the conference.*|conference of the parties.*|\p{L}+ meeting|\p{L}+-\p{L}+ meeting)$/iu;

function cleanTitle(title: string): string {
  return title
    .replace(/[*_#`]+/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-–—:;,.]+|[\s\-–—:;,]+$/g, '')
    .trim();
}

/** Title from the heading lines of the first page: the first run of title-like lines. */
function titleFromFirstPage(text: string): string | undefined {
  // Header cells are tab-separated ("United Nations\tA/RES/78/272"): judge each cell as a line.
  const lines = text.split(/[\n\t]/).map((l) => l.trim());
  const picked: string[] = [];
  for (const line of lines.slice(0, 40)) {
    if (picked.length === 0 && (line.length < 4 || NOT_TITLE.test(line) || !/\p{L}{3}/u.test(line))) continue;
    if (picked.length > 0 && (line.length === 0 || NOT_TITLE.test(line) || /[.;:]$/.test(picked[picked.length - 1]!))) break;
    // Body prose is not a heading: stop at long sentence-like lines once something was picked.
    if (line.length > 120) {
      if (picked.length === 0) picked.push(line.slice(0, 120).replace(/\s+\S*$/, ''));
      break;
    }
    picked.push(line);
    if (picked.join(' ').length > 200 || picked.length >= 6) break;
  }
  const title = cleanTitle(picked.join(' '));
  return title.length >= 4 ? title : undefined;
}

/** An embedded title is only trusted when it reads like one (PDF tools put "XXI-10 CTC" or "Microsoft Word - x.doc" there). */
function isPlausibleTitle(title: string | undefined): title is string {
  if (!title) return false;
  if (/^(?:untitled|microsoft word|document\d*|title|slide \d+)\b/i.test(title)) return false;
  if (/\.(?:docx?|pdf|indd|rtf)$/i.test(title)) return false;
  const words = title.match(/\p{L}{2,}/gu) ?? [];
  return words.length >= 2 && words.some((w) => w.length >= 4) && isCleanText(title);
}

function titleFromFileName(fileName: string | undefined): string {
  if (!fileName) return 'Untitled document';
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[_-]+/g, ' ').trim();
  return stem.length > 0 ? stem.charAt(0).toUpperCase() + stem.slice(1) : 'Untitled document';
}

/** How each UN language is tagged in file names, tried in this order (`en` last: it is the likeliest false match). */
const FILE_NAME_LANGUAGE: Record<Lang, RegExp> = {
  ar: /(?:^|[^a-z])(ar|arabic)(?:[^a-z]|$)/i,
  zh: /(?:^|[^a-z])(zh|ch|chinese|cn)(?:[^a-z]|$)/i,
  ru: /(?:^|[^a-z])(ru|russian)(?:[^a-z]|$)/i,
  fr: /(?:^|[^a-z])(fr|french|francais)(?:[^a-z]|$)/i,
  es: /(?:^|[^a-z])(es|sp|spanish|espanol)(?:[^a-z]|$)/i,
  en: /(?:^|[^a-z])(en|english)(?:[^a-z]|$)/i,
};

/** Language tag in a file name such as `bbnj-agreement-2023-zh.pdf` or `report_RU.docx`. */
function languageFromFileName(fileName: string | undefined): LanguageCode | undefined {
  if (!fileName) return undefined;
  const stem = (fileName.split(/[\\/]/).pop() ?? '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  for (const [lang, re] of Object.entries(FILE_NAME_LANGUAGE) as [Lang, RegExp][]) if (re.test(stem)) return lang;
  return undefined;
}

function languageFromTag(tag: string | undefined): LanguageCode | undefined {
  const primary = tag?.toLowerCase().split('-')[0];
  return isLang(primary) ? primary : undefined;
}

/** The document type told by the UN symbol or the title; exported for its tests. */
export function guessDoctype(symbol: string | undefined, title: string, text: string): DoctypeId | undefined {
  if (symbol) {
    if (/\/INF\//.test(symbol)) return 'doctype:information-document';
    if (/^A\/RES\/|\/RES\//.test(symbol)) return 'doctype:cop-decision';
    if (/\/COP\.?\d+\//.test(symbol) || /\/(?:OEWG|ICCM|INC|PC|SC)\.?\d+\//.test(symbol)) return 'doctype:meeting-document';
  }
  // Indentation only ([^\S\n\r\u2028\u2029], not \s): with \s, every line start of a long blank run
  // re-scanned the rest of the run (quadratic: 6.6 s for 120 kB of whitespace).
  const articles = text.match(/^[^\S\n\r\u2028\u2029]*(?:Article|Artículo|Статья)\s+\d+/gimu)?.length ?? 0;
  if (/(?<!\p{L})(?:Convention|Agreement|Protocol|Accord|Acuerdo|Convenio|Соглашение|Конвенция)(?!\p{L})/iu.test(title) && articles >= 10) return 'doctype:convention-text';
  if (/national action plan|plan d'action national|plan de acción nacional|национальный план действий|خطة العمل الوطنية|国家行动计划/i.test(title)) return 'doctype:national-action-plan';
  if (/national report|rapport national|informe nacional|национальный доклад|التقرير الوطني|تقرير وطني|国家报告/i.test(title)) return 'doctype:national-report';
  if (/\bguidance\b|\bguidelines?\b|lignes directrices|orientations|orientaciones|руководство|руководящие принципы|إرشادات|指导|指南/i.test(title)) return 'doctype:guidance';
  if (/\bdecision\s+MC-\d+\/\d+/i.test(title)) return 'doctype:cop-decision';
  if (/\b(?:technical|assessment|report|study)\b/i.test(title)) return 'doctype:technical-report';
  if (/\bstrategy\b/i.test(title)) return 'doctype:strategy';
  if (symbol?.startsWith('UNEP/MC/')) return 'doctype:meeting-document';
  return undefined;
}

/** Flag naming the ISO 639-1 code of a document in a language outside the six: `language-other: pt`. */
export const OTHER_LANGUAGE_FLAG = 'language-other';

/** True when the extraction warnings include `warning` (compared by its code, the part before the colon). */
function hasWarning(doc: ExtractedDocument, warning: string): boolean {
  const code = warning.slice(0, warning.indexOf(':'));
  return doc.warnings.some((w) => w.startsWith(code));
}

/**
 * Infers title, UN symbol, date, language and a document-type hint from an extracted document.
 *
 * Flags: `low-quality-text` (copied from the extraction warnings), `language-from-file-name` or
 * `language-from-metadata` when the text itself could not tell, `title-from-file-name`.
 */
export function analyzeDocument(doc: ExtractedDocument, fileName?: string): DocumentFacts {
  const flags: string[] = [];
  const lowQuality = hasWarning(doc, LOW_QUALITY_WARNING);
  if (lowQuality) flags.push('low-quality-text');
  if (hasWarning(doc, REPAIRED_WARNING)) flags.push('repaired-text');

  const firstPages = doc.pages.slice(0, 3).map((p) => p.text).join('\n');
  const fullText = doc.pages.map((p) => p.text).join('\n');
  const firstPage = doc.pages.find((p) => p.text.trim().length > 0)?.text ?? '';

  // Title: HTML/DOCX headings are structural and reliable; for PDFs the printed heading beats the
  // embedded metadata, which is often a tool's placeholder, unless the page text is garbage.
  let title: string | undefined;
  if (isPlausibleTitle(doc.embeddedTitle)) title = cleanTitle(doc.embeddedTitle);
  const printed = isCleanText(firstPage) ? titleFromFirstPage(firstPage) : undefined;
  if (doc.kind === 'pdf' && printed && (!title || !title.toLowerCase().startsWith(printed.toLowerCase().slice(0, 20)))) {
    // Keep the metadata title only when the printed heading is a prefix of it (same title, longer).
    if (!title || printed.length >= 12) title = printed;
  }
  if (!title && printed) title = printed;
  if (!title) {
    title = titleFromFileName(fileName);
    flags.push('title-from-file-name');
  }

  let symbol = findUnSymbol(firstPages.slice(0, 20_000));
  if (!symbol) {
    symbol = symbolFromFileName(fileName, firstPages);
    if (symbol) flags.push('symbol-from-file-name');
  }
  // A PDF's own creation date is often just when it was rendered: trust it only when the text and the
  // symbol say nothing about when the document is from.
  const yearInSymbol = symbol ? Number(/\/((?:19|20)\d\d)\//.exec(symbol)?.[1]) || undefined : undefined;
  const textDate = findHeaderDate(doc.pages.slice(0, 2).map((p) => p.text).join('\n')) ?? findSigningDate(fullText);
  const date = textDate ?? (yearInSymbol ? undefined : doc.embeddedDate);
  const year = date ? Number(date.slice(0, 4)) : yearInSymbol;

  const detected = detectLanguageWithConfidence(fullText);
  let language = detected.language;
  if (language === 'other' || (lowQuality && detected.confidence < 0.6)) {
    const fromMeta = languageFromTag(doc.embeddedLanguage);
    const fromName = languageFromFileName(fileName);
    if (fromMeta) {
      language = fromMeta;
      flags.push('language-from-metadata');
    } else if (fromName) {
      language = fromName;
      flags.push('language-from-file-name');
    }
  }

  // `other` keeps what it is: the flag carries the ISO code (documents.language stays one of the facet values).
  if (language === 'other' && detected.code) flags.push(`${OTHER_LANGUAGE_FLAG}: ${detected.code}`);
  const facts: DocumentFacts = { title: title.slice(0, 300), language, flags };
  if (language === 'other' && detected.code) facts.otherLanguage = detected.code;
  if (symbol) facts.symbol = symbol;
  if (date) facts.date = date;
  if (year) facts.year = year;
  const doctypeHint = guessDoctype(symbol, title, fullText);
  if (doctypeHint) facts.doctypeHint = doctypeHint;
  return facts;
}

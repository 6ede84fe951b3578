/**
 * References to Convention articles and annexes in the six languages, found in normalized text
 * (diacritics already stripped, Arabic-Indic digits already ASCII, ة folded to ه).
 */
import { ANNEX_TITLES, ARTICLE_TITLES } from './data/convention';
import { foldLabel } from './normalize';
import { LANGS } from './types';

export interface Reference {
  conceptId: string;
  start: number;
  end: number;
  /** The reference is a heading: followed by the article's / annex's own title. */
  heading: boolean;
}

const SEP = String.raw`\s*(?:,|;|&|and|or|to|through|et|ou|a|au|y|o|и|или|و|او|الى|-)\s*`;
const NUM = String.raw`\d{1,3}(?!\d)`;
// Latin and Cyrillic: "article 14", "articles 3 and 4", "l'article 14", "art. 14", "articulo 14", "статьей 14".
const LATIN_ARTICLE = new RegExp(String.raw`(?<![\p{L}])(?:articles?|articulos?|arts?\.|стать[а-я]*|ст\.)\s*(${NUM}(?:${SEP}${NUM})*)`, 'giu');
// Arabic: "المادة 14", "للمادة 14", "المواد 3 و4" (ة is already ه).
const ARABIC_ARTICLE = new RegExp(String.raw`(?<![\p{L}])[وفبل]{0,2}(?:ال|لل)?(?:ماده|مواد)\s*(${NUM}(?:${SEP}${NUM})*)`, 'gu');
// Chinese: "第14条", "第十四条".
const CHINESE_ARTICLE = /第\s*([0-9]{1,3}|[一二三四五六七八九十]{1,4})\s*条/gu;
const LETTER = '[A-EА-ЕВС]';
const LATIN_ANNEX = new RegExp(String.raw`(?<![\p{L}])(?:annex(?:es|e)?|anexos?|приложени[а-я]*)\s+(${LETTER}(?:${SEP}${LETTER})*)(?![\p{L}])`, 'giu');
const ARABIC_ANNEX = /(?<![\p{L}])[وفبل]{0,2}(?:ال|لل)?(?:مرفق|مرفقات)\s+(الف|باء|جيم|دال|هاء|[A-E])(?![\p{L}])/gu;
const CHINESE_ANNEX = /附件\s*([A-E])(?![A-Za-z])/gu;

const CYR_LETTER: Record<string, string> = { А: 'A', В: 'B', С: 'C', Д: 'D', Е: 'E' };
const AR_LETTER: Record<string, string> = { الف: 'A', باء: 'B', جيم: 'C', دال: 'D', هاء: 'E' };
const ZH_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "十四" → 14, "三十五" → 35, "十" → 10. */
export function parseChineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const ten = s.indexOf('十');
  if (ten < 0) return ZH_DIGIT[s] ?? NaN;
  const tens = ten === 0 ? 1 : (ZH_DIGIT[s.slice(0, ten)] ?? NaN);
  const units = ten === s.length - 1 ? 0 : (ZH_DIGIT[s.slice(ten + 1)] ?? NaN);
  return tens * 10 + units;
}

/** Folded title prefixes per article / annex, to recognise headings like "Article 14\nCapacity-building…". */
const headingPrefixes = new Map<string, string[]>();
function prefixesOf(conceptId: string): string[] {
  let list = headingPrefixes.get(conceptId);
  if (!list) {
    const [scheme, key] = conceptId.split(':') as [string, string];
    const title = scheme === 'article' ? ARTICLE_TITLES[Number(key) - 1] : ANNEX_TITLES[key as keyof typeof ANNEX_TITLES];
    list = title ? LANGS.map((l) => squash(foldLabel(title[l])).slice(0, 14)) : [];
    headingPrefixes.set(conceptId, list);
  }
  return list;
}
function squash(s: string): string {
  return s.replace(/[^\p{L}\p{N}]+/gu, '');
}

function isHeading(text: string, end: number, conceptId: string): boolean {
  const after = squash(text.slice(end, end + 60).toLowerCase());
  return prefixesOf(conceptId).some((p) => p.length > 0 && after.startsWith(p));
}

function expandNumbers(list: string): number[] {
  const parts = [...list.matchAll(/\d+|to|through|a|au|-|الى/giu)].map((m) => m[0].toLowerCase());
  const nums: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    if (/^\d+$/.test(p)) nums.push(Number(p));
    else if (i > 0 && i + 1 < parts.length && /^\d+$/.test(parts[i + 1] ?? '')) {
      // A range "3 to 5": fill in, but only short ones (a "2 to 2000" is not a list of articles).
      const from = nums[nums.length - 1] ?? 0;
      const to = Number(parts[i + 1]);
      for (let n = from + 1; n < to && to - from <= 10; n++) nums.push(n);
    }
  }
  return nums;
}

/** Finds article and annex references in normalized text. */
export function findReferences(text: string): Reference[] {
  const out: Reference[] = [];
  const pushArticle = (n: number, start: number, end: number, single: boolean): void => {
    if (!Number.isInteger(n) || n < 1 || n > 35) return;
    const conceptId = `article:${n}`;
    out.push({ conceptId, start, end, heading: single && isHeading(text, end, conceptId) });
  };
  for (const re of [LATIN_ARTICLE, ARABIC_ARTICLE]) {
    for (const m of text.matchAll(re)) {
      const list = m[1] ?? '';
      // "Article 5 of the Stockholm Convention" is not ours.
      const tail = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 60);
      if (/^\s*(?:,\s*paragraph\s+\d+\s*,?\s*)?of\s+the\s+(?!minamata|present|this)(?:[A-Z][\w-]*\s+){1,3}(?:Convention|Protocol|Agreement)/u.test(tail)) continue;
      const nums = expandNumbers(list);
      const start = m.index ?? 0;
      const end = start + m[0].length;
      for (const n of nums) pushArticle(n, start, end, nums.length === 1);
    }
  }
  for (const m of text.matchAll(CHINESE_ARTICLE)) {
    const start = m.index ?? 0;
    pushArticle(parseChineseNumber(m[1] ?? ''), start, start + m[0].length, true);
  }
  for (const re of [LATIN_ANNEX, ARABIC_ANNEX, CHINESE_ANNEX]) {
    for (const m of text.matchAll(re)) {
      const letters = (m[1] ?? '').match(/الف|باء|جيم|دال|هاء|[A-EА-ЕВС]/gu) ?? [];
      const start = m.index ?? 0;
      const end = start + m[0].length;
      for (const raw of letters) {
        // The annex letter must be a capital in the source: "annex a" is not a reference.
        const letter = AR_LETTER[raw] ?? CYR_LETTER[raw] ?? raw;
        if (!/^[A-E]$/.test(letter)) continue;
        const conceptId = `annex:${letter}`;
        out.push({ conceptId, start, end, heading: letters.length === 1 && isHeading(text, end, conceptId) });
      }
    }
  }
  return out;
}

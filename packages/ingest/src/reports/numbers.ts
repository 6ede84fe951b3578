/** Numbers as reports write them: "1,200.5" (en), "1 200,5" (fr/ru), "1.200,5" (es), with a unit or not. */
import { canonicalUnit, westernDigits } from './words';

const NUMBER = /(?<![\p{L}\d])[-−]?\d[\d\s.,'’]*\d(?![\p{L}\d])|(?<![\p{L}\d])[-−]?\d(?![\p{L}\d])/u;

/**
 * Parses a number written in a language's convention; undefined when the text is no number.
 * A lone comma followed by three digits is a thousands separator in English and Chinese, a
 * decimal comma elsewhere.
 */
export function parseLocaleNumber(raw: string, language?: string): number | undefined {
  let s = westernDigits(raw).replace(/[\s'’]/g, '').replace('−', '-');
  if (!/^-?\d[\d.,]*$/.test(s)) return undefined;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    s = s.split(decimal === '.' ? ',' : '.').join('').replace(',', '.');
  } else if (lastComma >= 0) {
    const thousands = /^-?\d{1,3}(,\d{3})+$/.test(s) && (language === 'en' || language === 'zh' || (s.match(/,/g) ?? []).length > 1);
    s = thousands ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (lastDot >= 0) {
    const thousands = /^-?\d{1,3}(\.\d{3})+$/.test(s) && (language === 'es' || (s.match(/\./g) ?? []).length > 1);
    if (thousands) s = s.replace(/\./g, '');
  }
  if ((s.match(/\./g) ?? []).length > 1) return undefined;
  const value = Number(s);
  return Number.isFinite(value) ? value : undefined;
}

/** The first number in a text and the unit written right after it (or none). */
export function findQuantity(text: string, language?: string): { value: number; unit: string | null } | undefined {
  const t = westernDigits(text);
  const match = NUMBER.exec(t);
  if (!match) return undefined;
  const value = parseLocaleNumber(match[0].trim(), language);
  if (value === undefined) return undefined;
  const after = t.slice(match.index + match[0].length).trim();
  const word = /^(%|[\p{L}]+(?:\s+[\p{L}]+)?)/u.exec(after)?.[1] ?? '';
  const unit = canonicalUnit(word) ?? canonicalUnit(word.split(/\s+/)[0] ?? '') ?? null;
  return { value, unit };
}

/** A unit named in a question or a table header: "(metric tonnes)", "Quantité (kg)". */
export function unitInParentheses(text: string): string | null {
  for (const m of text.matchAll(/[(（]([^)）]{1,30})[)）]/gu)) {
    const unit = canonicalUnit(m[1]!);
    if (unit) return unit;
  }
  return null;
}

/** True when the whole text is one number, with or without a unit. */
export function isBareQuantity(text: string, language?: string): boolean {
  const t = westernDigits(text).trim();
  const match = NUMBER.exec(t);
  if (!match || match.index !== 0) return false;
  const rest = t.slice(match[0].length).trim();
  return parseLocaleNumber(match[0].trim(), language) !== undefined && (rest === '' || canonicalUnit(rest) !== undefined);
}

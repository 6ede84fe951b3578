import { formatDocumentDate } from '../../i18n/dates';
import type { Lang } from '../../i18n/languages';

export function formatFileSize(lang: Lang, bytes: number): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, 'megabyte'] : [Math.max(bytes, 1) / 1000, 'kilobyte'];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/** A document's date in the reader's language (see i18n/dates.ts). */
export const formatDate = (lang: Lang, date: string | null, year: number | null): string | null => formatDocumentDate(lang, date, year);

/** Evidence can be a long sentence; a short excerpt is enough to show why a concept was tagged. */
export function cropText(text: string, max = 180): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

/** The page a `#page-N` hash points to, or null. */
export function parsePageHash(hash: string): number | null {
  const match = /^#page-(\d+)$/.exec(hash);
  if (!match) return null;
  const page = Number(match[1]);
  return page >= 1 ? page : null;
}

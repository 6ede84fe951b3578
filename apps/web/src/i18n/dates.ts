import type { Lang } from './languages';

/**
 * Every date the web app shows goes through here: `Intl.DateTimeFormat` in the interface language,
 * never an ISO string, which the bidirectional algorithm scrambles inside right-to-left text
 * ("2026-12-02" shown as "02-12-2026" in Arabic).
 */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, options);
    cache.set(key, format);
  }
  return format;
}

/** A moment (post, notification, audit entry): date and time in the reader's language and time zone. */
export function formatDateTime(lang: Lang, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * A document's date (a calendar day, read in UTC so it never shifts by a time zone), or its year
 * when that is all we know; null when neither is known.
 */
export function formatDocumentDate(lang: Lang, date: string | null | undefined, year: number | null | undefined, style: 'long' | 'medium' = 'long'): string | null {
  if (date) {
    const parsed = new Date(date);
    if (!Number.isNaN(parsed.getTime())) return formatter(lang, { dateStyle: style, timeZone: 'UTC' }).format(parsed);
    return date;
  }
  return year ? String(year) : null;
}

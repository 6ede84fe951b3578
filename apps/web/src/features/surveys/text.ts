import type { Lang } from '../../i18n/languages';

/** A curator's text in the reader's language, else English, else the first language filled (as the API's CSV does). */
export function textIn(text: Partial<Record<Lang, string>>, lang: Lang): string {
  return text[lang] ?? text.en ?? Object.values(text).find(Boolean) ?? '';
}

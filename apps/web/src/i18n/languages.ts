/** The six official UN languages, the only interface languages. */
export const LANGUAGES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Each language named in itself, so a reader finds their language whatever is showing now. */
export const NATIVE_NAMES: Record<Lang, string> = {
  ar: 'العربية',
  en: 'English',
  es: 'Español',
  fr: 'Français',
  ru: 'Русский',
  zh: '中文',
};

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function getDirection(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/**
 * `lang`/`dir` for text in a document's own language (titles, snippets, page text): screen readers
 * then pronounce it right, and an English title reads left-to-right inside the Arabic interface.
 */
export function documentTextProps(language: string): { lang?: string; dir: 'auto' } {
  return isLang(language) ? { lang: language, dir: 'auto' } : { dir: 'auto' };
}

import { isLang, LANGUAGE_INFO, UN_LANGUAGES, type Lang } from '@mep/vocabulary';

/** The six official UN languages (@mep/vocabulary), the only interface languages. */
export const LANGUAGES = UN_LANGUAGES;
export { isLang, type Lang };

/** Each language named in itself, so a reader finds their language whatever is showing now. */
export function nativeName(lang: Lang): string {
  return LANGUAGE_INFO[lang].nativeName;
}

export function getDirection(lang: Lang): 'rtl' | 'ltr' {
  return LANGUAGE_INFO[lang].dir;
}

/**
 * `lang`/`dir` for text in a document's own language (titles, snippets, page text): screen readers
 * then pronounce it right, and an English title reads left-to-right inside the Arabic interface.
 */
export function documentTextProps(language: string): { lang?: string; dir: 'auto' } {
  return isLang(language) ? { lang: language, dir: 'auto' } : { dir: 'auto' };
}

import type { Lang } from '../i18n/languages';

const ARTICLE_WORD: Record<Lang, (n: string) => string> = {
  ar: (n) => `المادة ${n}`,
  en: (n) => `Article ${n}`,
  es: (n) => `Artículo ${n}`,
  fr: (n) => `Article ${n}`,
  ru: (n) => `Статья ${n}`,
  zh: (n) => `第${n}条`,
};

const ANNEX_WORD: Record<Lang, (x: string) => string> = {
  ar: (x) => `المرفق ${x}`,
  en: (x) => `Annex ${x}`,
  es: (x) => `Anexo ${x}`,
  fr: (x) => `Annexe ${x}`,
  ru: (x) => `Приложение ${x}`,
  zh: (x) => `附件${x}`,
};

export function formatArticleRef(id: string, lang: Lang): string | null {
  const [scheme, value] = id.split(':');
  if (!value) return null;
  if (scheme === 'article') return ARTICLE_WORD[lang](value);
  if (scheme === 'annex') return ANNEX_WORD[lang](value);
  return null;
}

/** A label for a concept id the taxonomy has not supplied (yet): never show a blank chip. */
export function fallbackConceptLabel(id: string, lang: Lang): string {
  const ref = formatArticleRef(id, lang);
  if (ref) return ref;
  const value = id.slice(id.indexOf(':') + 1);
  const words = value.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

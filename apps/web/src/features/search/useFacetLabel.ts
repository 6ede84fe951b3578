import { commonMessages } from '../../app/messages';
import type { FacetKey } from '../../api/types';
import { useT } from '../../i18n/LanguageProvider';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';

const LANGUAGE_KEYS = {
  ar: 'lang_ar',
  en: 'lang_en',
  es: 'lang_es',
  fr: 'lang_fr',
  ru: 'lang_ru',
  zh: 'lang_zh',
  other: 'lang_other',
} as const;

/** Names a document language (a code) in the interface language. */
export function useDocumentLanguageName(): (code: string) => string {
  const t = useT(commonMessages);
  return (code) => {
    const key = LANGUAGE_KEYS[code as keyof typeof LANGUAGE_KEYS];
    return key ? t(key) : code;
  };
}

/** Labels a facet value: concepts from the taxonomy, languages from the catalog, years as they are. */
export function useFacetLabel(): (facet: FacetKey, value: string) => string {
  const conceptLabel = useConceptLabel();
  const languageName = useDocumentLanguageName();
  return (facet, value) => {
    if (facet === 'lang') return languageName(value);
    if (facet === 'year') return value;
    return conceptLabel(value);
  };
}

import { DOCUMENT_LANGUAGES, type DocumentLanguage } from '@mep/vocabulary';
import { commonMessages } from '../../app/messages';
import type { FacetKey } from '../../api/types';
import { useT } from '../../i18n/LanguageProvider';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';

const isDocumentLanguage = (code: string): code is DocumentLanguage => (DOCUMENT_LANGUAGES as readonly string[]).includes(code);

/** Names a document language (a code) in the interface language; the common catalog has a `lang_<code>` for each. */
export function useDocumentLanguageName(): (code: string) => string {
  const t = useT(commonMessages);
  return (code) => (isDocumentLanguage(code) ? t(`lang_${code}`) : code);
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

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { TaxonomyConcept, TaxonomyResponse } from '../api/types';
import { useApi, type ApiState } from '../api/useApi';
import { useLanguage } from '../i18n/LanguageProvider';
import type { Lang } from '../i18n/languages';
import { fallbackConceptLabel, formatArticleRef } from './fallbackLabels';

export interface Taxonomy {
  state: ApiState<TaxonomyResponse>;
  retry: () => void;
  concepts: Map<string, TaxonomyConcept>;
}

const TaxonomyContext = createContext<Taxonomy | null>(null);

/** Loads the whole vocabulary once per session: every page labels concepts from it. */
export function TaxonomyProvider({ children }: { children: ReactNode }) {
  const { state, retry } = useApi<TaxonomyResponse>('/api/taxonomy', { cache: true });
  const concepts = useMemo(() => new Map((state.data?.concepts ?? []).map((c) => [c.id, c])), [state.data]);
  const value = useMemo(() => ({ state, retry, concepts }), [state, retry, concepts]);
  return <TaxonomyContext.Provider value={value}>{children}</TaxonomyContext.Provider>;
}

export function useTaxonomy(): Taxonomy {
  const value = useContext(TaxonomyContext);
  if (!value) throw new Error('useTaxonomy must be used inside <TaxonomyProvider>');
  return value;
}

export function labelConcept(concept: TaxonomyConcept | undefined, id: string, lang: Lang): string {
  const label = concept?.prefLabel[lang] || concept?.prefLabel.en;
  if (!label) return fallbackConceptLabel(id, lang);
  // article and annex labels are their titles; readers also need the number to find them
  const ref = formatArticleRef(id, lang);
  return ref ? `${ref}${lang === 'zh' ? '：' : ': '}${label}` : label;
}

/** The bare title of a concept (an article's title without "Article 4:"). */
export function titleConcept(concept: TaxonomyConcept | undefined, lang: Lang): string | null {
  return concept?.prefLabel[lang] || concept?.prefLabel.en || null;
}

/** `label(id)` in the interface language, with a readable fallback while the taxonomy loads. */
export function useConceptLabel(): (id: string) => string {
  const { concepts } = useTaxonomy();
  const { lang } = useLanguage();
  return useMemo(() => (id: string) => labelConcept(concepts.get(id), id, lang), [concepts, lang]);
}

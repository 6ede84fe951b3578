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
  return concept?.prefLabel[lang] || concept?.prefLabel.en || fallbackConceptLabel(id, lang);
}

/** "Article 4: Mercury-added products", "Статья 4. …", "第4条：…" → the reference and the title. */
const CONVENTION_LABEL = /^(.*?)\s?(?:[:：]|\.\s)\s*(.+)$/u;

/**
 * An article's or annex's reference and title, split from its taxonomy label (whose reference is
 * spelled as the official text of each language spells it, e.g. "المرفق ألف" for Annex A).
 */
export function splitConventionLabel(concept: TaxonomyConcept | undefined, id: string, lang: Lang): { ref: string; title: string | null } {
  const fallbackRef = formatArticleRef(id, lang) ?? id;
  const label = concept?.prefLabel[lang] || concept?.prefLabel.en;
  const match = label ? CONVENTION_LABEL.exec(label) : null;
  if (!match) return { ref: fallbackRef, title: label ?? null };
  return { ref: match[1] || fallbackRef, title: match[2] ?? null };
}

/** `(id) => { ref, title }` for articles and annexes in the interface language. */
export function useConventionLabel(): (id: string) => { ref: string; title: string | null } {
  const { concepts } = useTaxonomy();
  const { lang } = useLanguage();
  return useMemo(() => (id: string) => splitConventionLabel(concepts.get(id), id, lang), [concepts, lang]);
}

/** `label(id)` in the interface language, with a readable fallback while the taxonomy loads. */
export function useConceptLabel(): (id: string) => string {
  const { concepts } = useTaxonomy();
  const { lang } = useLanguage();
  return useMemo(() => (id: string) => labelConcept(concepts.get(id), id, lang), [concepts, lang]);
}

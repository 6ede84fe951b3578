import type { Concept } from '@mep/taxonomy';
import type { ConceptDetail, TaxonomyConcept } from '../contracts';

/** A concept as listed in the taxonomy: enough to label facets and chips in six languages. */
export function presentConceptSummary(concept: Concept): TaxonomyConcept {
  return {
    id: concept.id,
    scheme: concept.scheme,
    prefLabel: concept.prefLabel,
    broader: concept.broader,
    narrower: concept.narrower,
    articles: concept.articles,
    ...(concept.notation ? { notation: concept.notation } : {}),
  };
}

/** A concept with everything the vocabulary knows of it. */
export function presentConcept(concept: Concept, documentCount: number): ConceptDetail {
  return {
    ...presentConceptSummary(concept),
    altLabels: concept.altLabels,
    related: concept.related,
    exactMatch: concept.exactMatch,
    documentCount,
  };
}

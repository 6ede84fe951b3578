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
    ...(concept.deprecated ? { deprecated: true as const } : {}),
    ...(concept.replacedBy ? { replacedBy: concept.replacedBy } : {}),
  };
}

/** A concept with everything the vocabulary knows of it; `version` is what an edit names (0: as committed). */
export function presentConcept(concept: Concept, documentCount: number, version: number): ConceptDetail {
  return {
    ...presentConceptSummary(concept),
    altLabels: concept.altLabels,
    related: concept.related,
    exactMatch: concept.exactMatch,
    documentCount,
    version,
  };
}

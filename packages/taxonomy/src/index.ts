export type { AltLabels, Concept, ConceptMatch, Evidence, Labels, Lang, Scheme, TagInput, Taxonomy } from './types';
export { LANGS, SCHEMES } from './types';
export { loadTaxonomy } from './taxonomy';
export { tagDocument } from './tagger';
export { findConceptsInQuery } from './query';
export { buildSearchSynonyms } from './synonyms';
export { BASE_IRI, conceptIri, exportSkosJsonLd, exportSkosTurtle } from './skos';
export { normalizeText } from './normalize';

import type { ConceptContent, ConceptScheme } from '@mep/vocabulary';

export type { Lang, Labels } from '@mep/vocabulary';
/** The languages and schemes are @mep/vocabulary's; these names are the taxonomy's own spelling of them. */
export { UN_LANGUAGES as LANGS, CONCEPT_SCHEMES as SCHEMES } from '@mep/vocabulary';
export type Scheme = ConceptScheme;

export type AltLabels = ConceptContent['altLabels'];

/** One SKOS concept: its content (@mep/vocabulary's `ConceptContent`), its id, and `narrower`, always computed from `broader`. */
export interface Concept extends ConceptContent {
  id: string;
  narrower: string[];
}

/**
 * A concept as stored by curators (the database's taxonomy overlay): it replaces the committed concept of the
 * same id, or adds one. `narrower` is computed, as for committed concepts.
 */
export type ConceptOverlay = Omit<Concept, 'narrower'>;

export interface Taxonomy {
  /** The committed data with the overlays applied last (see `setTaxonomyOverlays`). */
  readonly concepts: readonly Concept[];
  /** The overlays' version (0: the committed data alone); bumps with every curator edit. */
  readonly version: number;
  getConcept(id: string): Concept | undefined;
  listConcepts(scheme?: Scheme): Concept[];
  /** Themes a concept belongs to: itself, its broader themes, or the themes of its articles. */
  themesOf(id: string): string[];
  /** All broader concepts, transitively (e.g. a party's sub-region, region and the world). */
  ancestorsOf(id: string): string[];
}

export interface Evidence {
  /** 1-based page number; 0 means the document title. */
  page: number;
  text: string;
}

export interface ConceptMatch {
  conceptId: string;
  /** 0..1, higher is more central to the document. */
  score: number;
  /** Distinct occurrences in the pages (implied concepts: the sum of what implied them). */
  count: number;
  evidence: Evidence[];
}

export interface TagInput {
  pages: { page: number; text: string }[];
  title?: string;
}

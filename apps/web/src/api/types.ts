/** Response shapes of the MEP HTTP API (apps/api), as the web app relies on them. */
import type { Lang } from '../i18n/languages';

export type Labels = Record<Lang, string>;

export interface Passage {
  page: number;
  /** HTML-escaped text with <mark> only: safe to inject. */
  snippet: string;
}

export interface SearchHit {
  documentId: string;
  title: string;
  doctype: string;
  language: string;
  year: number | null;
  date: string | null;
  symbol: string | null;
  concepts: string[];
  snippet: string;
  passages: Passage[];
}

export const FACET_KEYS = ['theme', 'article', 'doctype', 'party', 'region', 'lang', 'year'] as const;
export type FacetKey = (typeof FACET_KEYS)[number];
export type FacetCounts = Record<FacetKey, Record<string, number>>;

export interface SearchResponse {
  query: string;
  total: number;
  page: number;
  pageSize: number;
  totalPages: number;
  hits: SearchHit[];
  facets: Partial<FacetCounts>;
  relatedConcepts?: string[];
}

export interface Evidence {
  page: number;
  text: string;
}

export interface DocumentConcept {
  id: string;
  scheme: string;
  score: number;
  count: number;
  evidence: Evidence[];
}

export interface DocumentDetail {
  id: string;
  title: string;
  symbol: string | null;
  date: string | null;
  year: number | null;
  language: string;
  doctype: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
  pageCount: number;
  flags: string[];
  fileUrl: string;
  concepts: DocumentConcept[];
  createdAt: string;
}

export interface PageText {
  documentId: string;
  page: number;
  text: string;
  pageCount: number;
}

export interface RelatedDocument {
  documentId: string;
  title: string;
  doctype: string;
  year: number | null;
  language: string;
  sharedConcepts: string[];
}

export interface RelatedResponse {
  documents: RelatedDocument[];
}

export interface TaxonomyConcept {
  id: string;
  scheme: string;
  prefLabel: Partial<Labels>;
  broader: string[];
  narrower: string[];
  articles: string[];
  notation?: string;
}

export interface TaxonomyResponse {
  schemes: { id: string; label: Partial<Labels> }[];
  concepts: TaxonomyConcept[];
}

export interface ConceptDetail extends TaxonomyConcept {
  altLabels: Partial<Record<Lang, string[]>> | string[];
  related: string[];
  exactMatch: string[];
  documentCount: number;
}

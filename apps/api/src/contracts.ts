/**
 * The JSON bodies the HTTP API answers, as clients see them: the one definition the server code is
 * checked against and the web app imports (`@mep/api/contracts`). Types only: this module must never
 * import server code (express, drizzle, node modules, @mep/* packages), or the web bundle and its
 * type-check would pull them in. Forum shapes live with the Socket.IO events (they travel both ways)
 * and are re-exported here so this is the whole catalogue.
 */
import type { LanguageCode, PostDto, PublicUserDto } from './realtime/events';

export type {
  DocumentCardDto,
  ErrorBody,
  ForumDto,
  LanguageCode,
  NotificationDto,
  PostDto,
  PublicUserDto,
  Role,
  SelfUserDto,
  ThreadDto,
} from './realtime/events';

/** A text in each of the six UN languages. */
export type Labels = Record<LanguageCode, string>;

// ---------------------------------------------------------------------------------------------
// Search (GET /api/search)

export type { SearchFacet } from '@mep/vocabulary';
import type { SearchFacet } from '@mep/vocabulary';

/** Per facet, how many documents carry each value. */
export type FacetCounts = Record<SearchFacet, Record<string, number>>;

export interface SearchPassage {
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
  /** HTML-escaped text with <mark> only: safe to inject. */
  snippet: string;
  passages: SearchPassage[];
}

export interface SearchDocumentsResult {
  query: string;
  total: number;
  page: number;
  pageSize: number;
  totalPages: number;
  hits: SearchHit[];
  facets: FacetCounts;
  /** Concepts named by the query, to suggest when nothing matches. */
  relatedConcepts: string[];
}

// ---------------------------------------------------------------------------------------------
// Documents (GET /api/documents/:id, …/pages, …/pages/:n, …/related)

export interface ConceptEvidence {
  /** 1-based page number; 0 means the document title. */
  page: number;
  text: string;
}

export interface DocumentConcept {
  id: string;
  scheme: string;
  score: number;
  count: number;
  evidence: ConceptEvidence[];
}

/** The public shape of a document: never the storage key or internal columns. */
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

/** Every page's text, in order. */
export interface DocumentPages {
  documentId: string;
  pageCount: number;
  pages: { page: number; text: string }[];
}

/** One page's text (empty for a page within the count that has none). */
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

// ---------------------------------------------------------------------------------------------
// Taxonomy (GET /api/taxonomy, GET /api/taxonomy/concepts/:id)

/** A concept as listed in the taxonomy: enough to label facets and chips in six languages. */
export interface TaxonomyConcept {
  id: string;
  scheme: string;
  prefLabel: Labels;
  broader: string[];
  narrower: string[];
  articles: string[];
  notation?: string;
}

export interface TaxonomyResponse {
  schemes: { id: string; label: Labels }[];
  concepts: TaxonomyConcept[];
}

/** A concept with everything the vocabulary knows of it. */
export interface ConceptDetail extends TaxonomyConcept {
  altLabels: Partial<Record<LanguageCode, string[]>>;
  related: string[];
  exactMatch: string[];
  documentCount: number;
}

// ---------------------------------------------------------------------------------------------
// Discussions (GET /api/discussions/search)

export interface DiscussionHit {
  postId: number;
  threadId: number;
  forumId: string;
  threadTitle: string;
  authorName: string;
  concepts: string[];
  createdAt: string;
  /** Highlighted with <mark>, cropped; everything else HTML-escaped. */
  snippet: string;
}

export interface DiscussionSearchResponse {
  total: number;
  page: number;
  hits: DiscussionHit[];
}

// ---------------------------------------------------------------------------------------------
// Moderation (GET /api/moderation/flags, GET /api/moderation/audit)

export type FlagStatus = 'open' | 'resolved' | 'dismissed';

export interface FlagDto {
  id: number;
  postId: number;
  reason: string;
  status: FlagStatus;
  reporter: PublicUserDto | null;
  createdAt: string;
  resolvedAt: string | null;
  post: PostDto | null;
}

export interface AuditEntryDto {
  id: number;
  actor: PublicUserDto | null;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
  createdAt: string;
}

/** One page of the audit log, newest first. */
export interface AuditLogPage {
  entries: AuditEntryDto[];
  total: number;
}

/**
 * The platform's vocabulary: every closed list of names that the packages, the API, the web app and the
 * OpenAPI document share, written once. Pure data and types (no I/O, no dependencies), so the web app may
 * import it at run time. Each list is a `const` tuple; the union type derived from it makes the compiler
 * demand an entry wherever a `Record<…>` keyed by it exists (labels, catalogs, index settings), so adding a
 * value is one line here plus whatever the type checker then asks for.
 */

// ---------------------------------------------------------------------------------------------
// Languages

/** The six official UN languages: interface languages, concept label languages, document languages. */
export const UN_LANGUAGES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;
export type Lang = (typeof UN_LANGUAGES)[number];

/** A document's language: one of the six, or `other` (another language, or too little text to tell). */
export const DOCUMENT_LANGUAGES = [...UN_LANGUAGES, 'other'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/** What the code needs to know about each UN language besides its code. */
export interface LanguageInfo {
  /** The language named in itself, so a reader finds their language whatever is showing now. */
  nativeName: string;
  dir: 'ltr' | 'rtl';
  /** ISO 639-3 code, the locale Meilisearch's tokenizer understands. */
  iso639_3: string;
}

export const LANGUAGE_INFO: Record<Lang, LanguageInfo> = {
  ar: { nativeName: 'العربية', dir: 'rtl', iso639_3: 'ara' },
  en: { nativeName: 'English', dir: 'ltr', iso639_3: 'eng' },
  es: { nativeName: 'Español', dir: 'ltr', iso639_3: 'spa' },
  fr: { nativeName: 'Français', dir: 'ltr', iso639_3: 'fra' },
  ru: { nativeName: 'Русский', dir: 'ltr', iso639_3: 'rus' },
  zh: { nativeName: '中文', dir: 'ltr', iso639_3: 'cmn' },
};

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (UN_LANGUAGES as readonly string[]).includes(value);
}

/** A text in each of the six UN languages. */
export type Labels = Record<Lang, string>;

// ---------------------------------------------------------------------------------------------
// Taxonomy

/** Concept schemes, in the order a reader meets them; a concept id is `<scheme>:<value>`. */
export const CONCEPT_SCHEMES = ['theme', 'article', 'annex', 'doctype', 'topic', 'party', 'region', 'group'] as const;
export type ConceptScheme = (typeof CONCEPT_SCHEMES)[number];

/**
 * What a concept says of itself, written once: the taxonomy's `Concept` adds its id and the computed
 * `narrower`; the database stores exactly this for curators' concepts and their revisions.
 */
export interface ConceptContent {
  scheme: ConceptScheme;
  prefLabel: Labels;
  altLabels: Partial<Record<Lang, string[]>>;
  broader: string[];
  related: string[];
  /** Convention articles / annexes (`article:N`, `annex:X`) the concept belongs to. */
  articles: string[];
  /** GEMET or UNBIS concept URIs. */
  exactMatch: string[];
  notation?: string;
  /** A concept is never deleted: deprecated, it keeps resolving, is no longer tagged, and names its replacement. */
  deprecated?: boolean;
  replacedBy?: string;
}

/** Document types of the repository (`doctype:<slug>`); ingest decides the type, the tagger never infers it. */
export const DOCTYPE_SLUGS = [
  'convention-text',
  'cop-decision',
  'meeting-document',
  'information-document',
  'national-report',
  'national-action-plan',
  'implementation-plan',
  'guidance',
  'scientific-publication',
  'technical-report',
  'training-material',
  'legislation',
  'strategy',
  'factsheet',
  'other',
] as const;
export type DoctypeSlug = (typeof DOCTYPE_SLUGS)[number];
export type DoctypeId = `doctype:${DoctypeSlug}`;

export const DOCTYPE_IDS: readonly DoctypeId[] = DOCTYPE_SLUGS.map((slug): DoctypeId => `doctype:${slug}`);

export function isDoctypeId(value: unknown): value is DoctypeId {
  return typeof value === 'string' && (DOCTYPE_IDS as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Search

/**
 * The search facets, in the order the search page shows them. Each is a filterable attribute of both
 * Meilisearch indexes, a repeatable query parameter of GET /api/search and a key of its facet counts.
 */
export const SEARCH_FACETS = ['theme', 'article', 'doctype', 'party', 'region', 'lang', 'year'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

/** Which facet filters a concept of a scheme (annexes share the article facet); schemes without one are searched by label. */
export const FACET_OF_SCHEME: Partial<Record<ConceptScheme, SearchFacet>> = {
  theme: 'theme',
  article: 'article',
  annex: 'article',
  doctype: 'doctype',
  party: 'party',
  region: 'region',
};

// ---------------------------------------------------------------------------------------------
// People and content

/**
 * Roles of signed-in users, lowest first. Adding one (say `curator`) is one line here; the compiler then
 * asks for its rank in the policies and its label in the web app's account catalog.
 */
export const USER_ROLES = ['member', 'focal_point', 'curator', 'moderator', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
/** Who is asking: a signed-in user's role, or an anonymous reader. */
export type Role = UserRole | 'anonymous';

/** What a reader can report about a document (issue 14's "report a problem"). */
export const FEEDBACK_PROBLEM_CATEGORIES = ['metadata', 'tag', 'file', 'other'] as const;
export type FeedbackProblemCategory = (typeof FEEDBACK_PROBLEM_CATEGORIES)[number];
/** States of reader feedback in the curators' queue. */
export const FEEDBACK_STATUSES = ['open', 'answered', 'closed'] as const;
export type FeedbackStatusName = (typeof FEEDBACK_STATUSES)[number];
/** Lifecycle of a curators' survey of parties' needs and priorities: defined, answered, closed (results kept). */
export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
/** Kinds of survey question: one option, several options, a 1–5 scale, free text. */
export const SURVEY_QUESTION_KINDS = ['single', 'multiple', 'scale', 'text'] as const;
export type SurveyQuestionKind = (typeof SURVEY_QUESTION_KINDS)[number];

/**
 * What a notification is about. `document.reviewed`: a curator decided on the user's submission;
 * `feedback.answered`: a curator answered their feedback; `concept.document` / `concept.thread`: a newly
 * published document or a new thread tagged with a concept the user follows.
 */
export const NOTIFICATION_KINDS = ['post.created', 'thread.created', 'post.hidden', 'document.reviewed', 'feedback.answered', 'concept.document', 'concept.thread'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a user may follow: a forum, a thread, or a concept of the taxonomy (`theme:dental-amalgam`, `article:17`). */
export const FOLLOW_TARGETS = ['forum', 'thread', 'concept'] as const;
export type FollowTarget = (typeof FOLLOW_TARGETS)[number];

/**
 * Publication states of a repository document: drafts wait in the curators' queue, withdrawn documents keep
 * their id (410 with the reason); only `published` ones are visible to readers.
 */
export const DOCUMENT_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
/** The statuses a new document (an upload, an ingest) may be stored with: withdrawal is a curator's later act. */
export const NEW_DOCUMENT_STATUSES = DOCUMENT_STATUSES.filter((s): s is 'draft' | 'published' => s !== 'withdrawn');
export type NewDocumentStatus = Extract<DocumentStatus, 'draft' | 'published'>;

/**
 * Schemes curators may add concepts to and deprecate concepts of. The others are closed by the treaty or by
 * this list (articles, annexes, document types, UN Member States, M49 regions, UN regional groups): their
 * labels can be corrected, their members are fixed.
 */
export const EXTENSIBLE_SCHEMES = ['topic'] as const satisfies readonly ConceptScheme[];
export type ExtensibleScheme = (typeof EXTENSIBLE_SCHEMES)[number];

/** Stages of the background retag after a taxonomy edit, in order; `done` and `failed` are final. */
export const TAXONOMY_RETAG_STAGES = ['queued', 'scanning', 'retagging', 'done', 'failed'] as const;
export type TaxonomyRetagStage = (typeof TAXONOMY_RETAG_STAGES)[number];

// ---------------------------------------------------------------------------------------------
// Names the API and the web app agree on

/** Socket.IO path; the web app connects to the same origin. */
export const SOCKET_PATH = '/socket.io';
/** The header that carries the CSRF token on every state-changing request. */
export const CSRF_HEADER = 'X-CSRF-Token';
/** The web app's interface language on every API request (search analytics count searches per UI language). */
export const UI_LANGUAGE_HEADER = 'X-MEP-UI-Lang';
export const CSRF_COOKIE = 'mep_csrf';
/** Shortest accepted password (the register form says so before the API does). */
export const PASSWORD_MIN_LENGTH = 10;
/** Longest accepted password (hashing cost is bounded; the forms say so too). */
export const PASSWORD_MAX_LENGTH = 200;

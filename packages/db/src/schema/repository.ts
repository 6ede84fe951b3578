import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { DocumentStatus, NewDocumentStatus } from '@mep/vocabulary';

/** A stored original and everything extracted from it. `id` is derived from the SHA-256 of the bytes. */
export const documents = sqliteTable(
  'documents',
  {
    id: text('id').primaryKey(),
    sha256: text('sha256').notNull().unique(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    kind: text('kind').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    title: text('title').notNull(),
    symbol: text('symbol'),
    date: text('date'),
    year: integer('year'),
    language: text('language').notNull(),
    doctype: text('doctype').notNull(),
    pageCount: integer('page_count').notNull(),
    flags: text('flags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** A curator's summary; null shows the opening of the text. */
    summary: text('summary'),
    /** Only `published` documents are visible to readers (search, pages, files, exports). */
    status: text('status').$type<DocumentStatus>().notNull().default('published'),
    /** Why a curator rejected or withdrew it (a withdrawn document answers 410 with this). */
    statusReason: text('status_reason'),
    /** When it was first published: a withdrawn document that never was (a rejected draft) is a 404, not a 410. */
    publishedAt: text('published_at'),
    /** The user who uploaded it from the web (null for `mep ingest`): notified of the curator's decision. */
    submittedBy: text('submitted_by'),
    /** A focal point's submission is for their party. */
    submittedForParty: text('submitted_for_party'),
    /** Raised by every metadata correction: a save naming an older version is a conflict (409). */
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('documents_year_idx').on(t.year), index('documents_created_idx').on(t.createdAt), index('documents_status_idx').on(t.status, t.createdAt)],
);

/** The metadata a curator may correct, as stored in a revision's before/after. */
export type DocumentMetadata = Partial<{ title: string; symbol: string | null; date: string | null; doctype: string; language: string; parties: string[]; summary: string | null }>;

/** One metadata correction: who, when, and the fields before and after. `version` is the version it created. */
export const documentRevisions = sqliteTable(
  'document_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    actorId: text('actor_id').notNull(),
    before: text('before', { mode: 'json' }).$type<DocumentMetadata>().notNull(),
    after: text('after', { mode: 'json' }).$type<DocumentMetadata>().notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('document_revisions_document_idx').on(t.documentId, t.version)],
);

export type TagDecision = 'confirmed' | 'rejected';

/**
 * A curator's decision on one concept of one document. Retagging honours it: a rejected concept is never
 * attached again, a confirmed (or added) one is never dropped.
 */
export const tagDecisions = sqliteTable(
  'tag_decisions',
  {
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    conceptId: text('concept_id').notNull(),
    decision: text('decision').$type<TagDecision>().notNull(),
    /** For a concept a curator added: the page that shows it, when they gave one. */
    page: integer('page'),
    actorId: text('actor_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.conceptId] })],
);

export const pages = sqliteTable(
  'pages',
  {
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    page: integer('page').notNull(),
    text: text('text').notNull(),
    /** Mean word confidence (0–100) when the text was recognised from the page image; null for a text layer. */
    ocrConfidence: real('ocr_confidence'),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.page] })],
);

export interface ConceptEvidence {
  page: number;
  text: string;
}

/** A concept the tagger (or a curator) attached to a document, with the words that justify it. */
export const documentConcepts = sqliteTable(
  'document_concepts',
  {
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    conceptId: text('concept_id').notNull(),
    score: real('score').notNull(),
    count: integer('count').notNull(),
    source: text('source').notNull().default('tagger'),
    evidence: text('evidence', { mode: 'json' }).$type<ConceptEvidence[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.conceptId] }), index('document_concepts_concept_idx').on(t.conceptId)],
);

export type IngestJobStatus = 'running' | 'ingested' | 'duplicate' | 'failed';

/** One attempt to ingest one file; failed jobs keep the reason so nothing fails silently. */
export const ingestJobs = sqliteTable(
  'ingest_jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source').notNull(),
    sha256: text('sha256'),
    status: text('status').$type<IngestJobStatus>().notNull(),
    errorCode: text('error_code'),
    message: text('message'),
    documentId: text('document_id'),
    flags: text('flags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
  },
  (t) => [index('ingest_jobs_status_idx').on(t.status)],
);

export type OcrJobStatus = 'queued' | 'running' | 'done' | 'failed';

/**
 * Background text recognition of one document's image-only or unreadable pages. One row per document:
 * the document is stored and searchable by title before this runs, and a restart resumes unfinished rows.
 */
export const ocrJobs = sqliteTable(
  'ocr_jobs',
  {
    documentId: text('document_id')
      .primaryKey()
      .references(() => documents.id, { onDelete: 'cascade' }),
    status: text('status').$type<OcrJobStatus>().notNull(),
    /** Tesseract language codes used, e.g. `ara` or `eng+fra`. */
    languages: text('languages').notNull(),
    /** Pages chosen for recognition (after the page cap). */
    pages: text('pages', { mode: 'json' }).$type<number[]>().notNull(),
    pagesDone: integer('pages_done').notNull().default(0),
    /** Pages whose recognition confidence is below the threshold: for curators to check. */
    lowConfidencePages: text('low_confidence_pages', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[]'`),
    message: text('message'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('ocr_jobs_status_idx').on(t.status)],
);

/** Stages of a web upload, in order; `failed` and `duplicate` end it early. */
export type UploadStage = 'queued' | 'extracting' | 'tagging' | 'stored' | 'indexed' | 'duplicate' | 'failed';

/**
 * One file uploaded from the web, from arrival to searchable: the progress a page reload reads back.
 * `documentId` is the new document, or the existing one for a duplicate.
 */
export const uploadJobs = sqliteTable(
  'upload_jobs',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    fileName: text('file_name').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    stage: text('stage').$type<UploadStage>().notNull(),
    /** The status the document gets: `draft` for focal points, the curator's choice otherwise. */
    targetStatus: text('target_status').$type<NewDocumentStatus>().notNull(),
    errorCode: text('error_code'),
    message: text('message'),
    documentId: text('document_id'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('upload_jobs_user_idx').on(t.userId, t.createdAt)],
);

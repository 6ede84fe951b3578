import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ConceptContent, TaxonomyRetagStage } from '@mep/vocabulary';

/** A concept's editable content, as stored and as recorded in its revisions. */
export type StoredConcept = ConceptContent;

/**
 * Curators' concepts: an overlay on the committed taxonomy (packages/taxonomy), which stays the source of a
 * fresh install. A row replaces the committed concept of its id or adds one; rows are never deleted (a
 * concept is deprecated instead). `version` is the concept's, for optimistic concurrency (0 = as committed).
 */
export const taxonomyConcepts = sqliteTable('taxonomy_concepts', {
  id: text('id').primaryKey(),
  concept: text('concept', { mode: 'json' }).$type<StoredConcept>().notNull(),
  version: integer('version').notNull(),
  updatedBy: text('updated_by').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Every taxonomy edit, in order: who, when, before and after. The largest id is the taxonomy's version, which
 * each API node compares with the one it has loaded to pick up another node's edit.
 */
export const taxonomyRevisions = sqliteTable(
  'taxonomy_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conceptId: text('concept_id').notNull(),
    version: integer('version').notNull(),
    actorId: text('actor_id').notNull(),
    /** Null for a concept a curator added. */
    before: text('before', { mode: 'json' }).$type<StoredConcept>(),
    after: text('after', { mode: 'json' }).$type<StoredConcept>().notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('taxonomy_revisions_concept_idx').on(t.conceptId, t.version)],
);

/** The background retag after an edit: the documents the edit may change, retagged and reindexed one by one. */
export const taxonomyRetagJobs = sqliteTable(
  'taxonomy_retag_jobs',
  {
    id: text('id').primaryKey(),
    conceptId: text('concept_id').notNull(),
    /** The curator who made the edit: their sockets follow the progress. */
    userId: text('user_id').notNull(),
    stage: text('stage').$type<TaxonomyRetagStage>().notNull(),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    message: text('message'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('taxonomy_retag_jobs_user_idx').on(t.userId, t.createdAt)],
);

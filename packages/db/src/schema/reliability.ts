import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** What a search outbox row asks the index to reflect: a repository document or a forum post. */
export type SearchOutboxKind = 'document' | 'post';

/**
 * Changes the search index must reflect, written in the same transaction as the change itself, so a
 * crash or a stopped Meilisearch can delay the index but never make it disagree for good. A worker
 * (on any API node) claims rows with a lease (`claimedBy` / `claimedUntil`), re-reads the target's
 * current state and applies it, then deletes the row; a failure sets `nextAttemptAt` (backoff).
 */
export const searchOutbox = sqliteTable(
  'search_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').$type<SearchOutboxKind>().notNull(),
    /** Document id or post id (as text). */
    targetId: text('target_id').notNull(),
    createdAt: text('created_at').notNull(),
    /** ISO time before which the row is not tried (backoff after a failure). */
    nextAttemptAt: text('next_attempt_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** The claim token of the worker applying the row, while its lease runs. */
    claimedBy: text('claimed_by'),
    claimedUntil: text('claimed_until'),
  },
  (t) => [index('search_outbox_due_idx').on(t.nextAttemptAt), index('search_outbox_created_idx').on(t.createdAt)],
);

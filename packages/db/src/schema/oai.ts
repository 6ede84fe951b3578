import { sql } from 'drizzle-orm';
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * OAI-PMH deleted records, kept for ever (Identify declares `deletedRecord: persistent`). A row is
 * written when a document is withdrawn from the public record; the document row itself may stay.
 * `sets` are the setSpecs the record was in, so a harvest of one set also learns of its deletions.
 */
export const oaiTombstones = sqliteTable(
  'oai_tombstones',
  {
    documentId: text('document_id').primaryKey(),
    datestamp: text('datestamp').notNull(),
    sets: text('sets', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  },
  (t) => [index('oai_tombstones_datestamp_idx').on(t.datestamp, t.documentId)],
);

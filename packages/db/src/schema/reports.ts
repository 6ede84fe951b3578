import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { documents } from './repository';

/** A document read as a national report: who reports, for which cycle, what the parser made of it. */
export const nationalReports = sqliteTable(
  'national_reports',
  {
    documentId: text('document_id')
      .primaryKey()
      .references(() => documents.id, { onDelete: 'cascade' }),
    /** `party:XXX`, or null when the report names no party the taxonomy knows. */
    party: text('party'),
    partyClaimed: text('party_claimed'),
    cycleKind: text('cycle_kind').$type<'full' | 'short'>(),
    cyclePeriod: text('cycle_period'),
    cycleYear: integer('cycle_year'),
    flags: text('flags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    parsedAt: text('parsed_at').notNull(),
  },
  (t) => [index('national_reports_party_idx').on(t.party)],
);

export type ReportAnswerKind = 'yes' | 'no' | 'not-applicable' | 'number';

/**
 * One answer of a national report. `source` is `parser` or `curator`: a re-parse replaces parser rows
 * and never touches a curator's.
 */
export const reportAnswers = sqliteTable(
  'report_answers',
  {
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    article: text('article').notNull(),
    question: text('question').notNull(),
    questionText: text('question_text').notNull(),
    answer: text('answer').$type<ReportAnswerKind>(),
    value: real('value'),
    unit: text('unit'),
    explanation: text('explanation'),
    page: integer('page').notNull(),
    confidence: real('confidence').notNull(),
    rawText: text('raw_text').notNull(),
    source: text('source').$type<'parser' | 'curator'>().notNull().default('parser'),
    correctedBy: text('corrected_by'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.article, t.question] }), index('report_answers_article_idx').on(t.article, t.question)],
);

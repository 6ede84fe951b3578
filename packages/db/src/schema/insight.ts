import type { FeedbackStatusName, Lang, SurveyQuestionKind, SurveyStatus } from '@mep/vocabulary';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * One search as curators measure it (issue 14). Deliberately anonymous: no user id, no IP address, no
 * session id — only what was asked, in which interface language, and what came back. Rows older than the
 * retention setting are deleted by a scheduled job.
 */
export const searchEvents = sqliteTable(
  'search_events',
  {
    /** Random id handed to the client so it can report which result it opened. */
    id: text('id').primaryKey(),
    createdAt: text('created_at').notNull(),
    /** The query normalised (NFKC, lower case, single spaces, at most 500 characters). */
    query: text('query').notNull(),
    uiLang: text('ui_lang').notNull(),
    /** Active facet filters, e.g. `{ "theme": ["theme:products"] }`. */
    filters: text('filters', { mode: 'json' }).$type<Record<string, Array<string | number>>>().notNull(),
    resultCount: integer('result_count').notNull(),
  },
  (t) => [index('search_events_created_idx').on(t.createdAt)],
);

/** A result opened from a search, with its 1-based rank in the result list. */
export const searchClicks = sqliteTable(
  'search_clicks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    searchId: text('search_id').notNull(),
    documentId: text('document_id').notNull(),
    rank: integer('rank').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('search_clicks_search_idx').on(t.searchId), index('search_clicks_created_idx').on(t.createdAt)],
);

export type FeedbackKind = 'useful' | 'problem';
export type FeedbackStatus = FeedbackStatusName;

/**
 * Reader feedback: "Was this useful?" on a document or a search, and problem reports on a document.
 * `reporterId` is set only for signed-in readers, so that they can be told the answer.
 */
export const feedback = sqliteTable(
  'feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').$type<FeedbackKind>().notNull(),
    documentId: text('document_id'),
    /** The normalised query, for feedback given on a search. */
    query: text('query'),
    useful: integer('useful', { mode: 'boolean' }),
    /** Problem category: metadata, tag, file, other. */
    category: text('category'),
    comment: text('comment').notNull().default(''),
    uiLang: text('ui_lang').notNull(),
    reporterId: text('reporter_id'),
    status: text('status').$type<FeedbackStatus>().notNull().default('open'),
    answer: text('answer'),
    answeredBy: text('answered_by'),
    answeredAt: text('answered_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('feedback_status_idx').on(t.status, t.createdAt), index('feedback_document_idx').on(t.documentId)],
);

/** A text in the interface languages the curator filled (at least one). */
export type SurveyText = Partial<Record<Lang, string>>;

/** One question of a survey; ids are stable across edits so answers keep pointing at them. */
export interface SurveyQuestion {
  id: string;
  kind: SurveyQuestionKind;
  required: boolean;
  text: SurveyText;
  /** The choices of `single` and `multiple` questions (empty for `scale` and `text`). */
  options: Array<{ id: string; text: SurveyText }>;
}

/**
 * A short survey of parties' needs and priorities, defined by curators (issue 14). The questions are a
 * small JSON list: a survey is read and validated whole, never queried question by question.
 */
export const surveys = sqliteTable(
  'surveys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title', { mode: 'json' }).$type<SurveyText>().notNull(),
    description: text('description', { mode: 'json' }).$type<SurveyText>().notNull(),
    questions: text('questions', { mode: 'json' }).$type<SurveyQuestion[]>().notNull(),
    status: text('status').$type<SurveyStatus>().notNull().default('draft'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    openedAt: text('opened_at'),
    closedAt: text('closed_at'),
  },
  (t) => [index('surveys_status_idx').on(t.status)],
);

/** An answer value: an option id (single), option ids (multiple), 1–5 (scale) or text. */
export type SurveyAnswerValue = string | string[] | number;

/**
 * One user's answers to one survey (one row per user and survey, replaced until the survey closes).
 * `party` is the focal point's party when they answered; the export carries it and nothing else about them.
 */
export const surveyResponses = sqliteTable(
  'survey_responses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    surveyId: integer('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    party: text('party'),
    answers: text('answers', { mode: 'json' }).$type<Record<string, SurveyAnswerValue>>().notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('survey_responses_user_idx').on(t.surveyId, t.userId)],
);

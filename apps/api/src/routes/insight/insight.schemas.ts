import { FEEDBACK_PROBLEM_CATEGORIES, FEEDBACK_STATUSES, SEARCH_FACETS, UN_LANGUAGES } from '@mep/vocabulary';
import { z } from 'zod';

const DAY_MS = 24 * 60 * 60_000;
/** The longest period a report covers (ten years: retention is at most that). */
export const MAX_PERIOD_DAYS = 3660;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine((s) => new Date(Date.parse(`${s}T00:00:00Z`) || 0).toISOString().slice(0, 10) === s, 'is not a calendar date');

/** `from` and `to` (both inclusive days, UTC); by default the last 30 days. Inverted or over-long periods are a 400. */
export const periodQuery = z
  .object({ from: day.optional(), to: day.optional() })
  .transform(({ from, to }) => {
    const end = to ? Date.parse(`${to}T00:00:00Z`) + DAY_MS : Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) + DAY_MS;
    const start = from ? Date.parse(`${from}T00:00:00Z`) : end - 30 * DAY_MS;
    return { start, end };
  })
  .refine(({ start, end }) => start < end, { message: 'the period is inverted: "from" must not be after "to"' })
  .refine(({ start, end }) => end - start <= MAX_PERIOD_DAYS * DAY_MS, { message: `the period is limited to ${MAX_PERIOD_DAYS} days` })
  .transform(({ start, end }) => ({ from: new Date(start).toISOString(), to: new Date(end).toISOString() }));

const period = z.object({ from: z.string(), to: z.string() });
const queryRow = z.object({ query: z.string(), searches: z.number().int(), clicks: z.number().int(), meanRank: z.number().nullable() });

/** GET /api/insight/search (SearchReportDto). Queries are plain text: clients render them as text, never HTML. */
export const searchReportResponse = z.object({
  period,
  searches: z.number().int(),
  searchesWithClick: z.number().int(),
  clickThroughRate: z.number(),
  meanRank: z.number().nullable(),
  topQueries: z.array(queryRow),
  zeroResultQueries: z.array(queryRow),
  languages: z.array(z.object({ uiLang: z.string(), searches: z.number().int() })),
  filters: z.array(z.object({ facet: z.string(), value: z.string(), searches: z.number().int() })),
});

export const SEARCH_REPORT_TABLES = ['top', 'zero', 'languages', 'filters'] as const;
export const searchReportCsvQuery = z.intersection(periodQuery, z.object({ table: z.enum(SEARCH_REPORT_TABLES) }));

export const searchClickBody = z.object({
  searchId: z.uuid(),
  documentId: z.string().min(1).max(200),
  rank: z.number().int().min(1).max(10_000),
});
export const okResponse = z.object({ ok: z.literal(true) });

const bar = z.object({ id: z.string(), count: z.number().int(), search: z.string().describe('query string of the filtered search, e.g. theme=theme%3Aproducts') });
export const COVERAGE_FIGURE_NAMES = [...SEARCH_FACETS, 'group'] as const;

/** GET /api/dashboards/coverage (CoverageDto). */
export const coverageResponse = z.object({
  total: z.number().int(),
  figures: z.object(Object.fromEntries(COVERAGE_FIGURE_NAMES.map((name) => [name, z.array(bar)])) as Record<(typeof COVERAGE_FIGURE_NAMES)[number], z.ZodArray<typeof bar>>),
  parties: z.array(
    z.object({ id: z.string(), iso3: z.string(), group: z.string().nullable(), documents: z.number().int(), nationalReports: z.number().int(), actionPlans: z.number().int(), search: z.string() }),
  ),
});

/** GET /api/dashboards/forum-activity (ForumActivityDto). */
export const forumActivityResponse = z.object({
  rows: z.array(z.object({ theme: z.string(), year: z.number().int(), threads: z.number().int(), posts: z.number().int(), participants: z.number().int() })),
});

export const DASHBOARD_CSV_FIGURES = [...COVERAGE_FIGURE_NAMES, 'parties', 'forum-activity'] as const;
export const dashboardCsvParams = z.object({ figure: z.enum(DASHBOARD_CSV_FIGURES) });
export const dashboardCsvQuery = z.object({ lang: z.enum(UN_LANGUAGES).optional().default('en') });

const comment = z.string().max(2000, 'comments are limited to 2000 characters').optional().default('').transform((s) => s.trim());
const uiLang = z.enum(UN_LANGUAGES).optional().default('en');

/** POST /api/feedback: "Was this useful?" (on a document or a search) or a problem report on a document. */
export const feedbackBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('useful'), documentId: z.string().min(1).max(200).optional(), query: z.string().max(500, 'the query is limited to 500 characters').optional(), useful: z.boolean(), comment, uiLang }),
  z.object({ kind: z.literal('problem'), documentId: z.string().min(1).max(200), category: z.enum(FEEDBACK_PROBLEM_CATEGORIES), comment, uiLang }),
]);
export const feedbackCreated = z.object({ id: z.number().int() });

const feedbackItem = z.object({
  id: z.number().int(),
  kind: z.enum(['useful', 'problem']),
  documentId: z.string().nullable(),
  documentTitle: z.string().nullable(),
  query: z.string().nullable(),
  useful: z.boolean().nullable(),
  category: z.string().nullable(),
  comment: z.string().describe('plain text as the reader typed it'),
  uiLang: z.string(),
  signedIn: z.boolean(),
  status: z.enum(FEEDBACK_STATUSES),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
});
export const feedbackItemResponse = feedbackItem;
export const feedbackListResponse = z.object({ items: z.array(feedbackItem) });
export const feedbackListQuery = z.object({ status: z.enum(FEEDBACK_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(500).optional().default(200) });
export const feedbackIdParams = z.object({ id: z.coerce.number().int().positive() });
export const feedbackAnswerBody = z
  .object({ answer: z.string().trim().max(4000).optional(), close: z.boolean().optional().default(false) })
  .refine((b) => b.close || (b.answer && b.answer.length > 0), { message: 'give an answer, or close the item' });

export const satisfactionResponse = z.object({
  byMonth: z.array(z.object({ month: z.string(), yes: z.number().int(), no: z.number().int() })),
  byDocument: z.array(z.object({ documentId: z.string(), title: z.string().nullable(), yes: z.number().int(), no: z.number().int() })),
  byTheme: z.array(z.object({ theme: z.string(), yes: z.number().int(), no: z.number().int() })).describe("answers on documents, per theme:* concept of the document (search feedback records no filters: not counted)"),
  byThemeMonth: z.array(z.object({ theme: z.string(), month: z.string(), yes: z.number().int(), no: z.number().int() })),
});

export const SATISFACTION_TABLES = ['month', 'document', 'theme', 'theme-month'] as const;
export const satisfactionCsvQuery = z.intersection(periodQuery, z.object({ table: z.enum(SATISFACTION_TABLES), lang: z.enum(UN_LANGUAGES).optional().default('en') }));

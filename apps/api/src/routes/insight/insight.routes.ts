import type { Request, Response } from 'express';
import { UI_LANGUAGE_HEADER, UN_LANGUAGES, type Lang } from '@mep/vocabulary';
import type { AppContext } from '../../context';
import { defineRoute } from '../../http/define-route';
import { authorize, canCurate } from '../../policies';
import { toCsv } from '../../services/insight/csv';
import { getCoverage, getForumActivity } from '../../services/insight/dashboards';
import { answerFeedback, getSatisfaction, listFeedback, listOwnFeedback, submitFeedback } from '../../services/insight/feedback';
import { recordClick } from '../../services/insight/search-events';
import { getSearchReport } from '../../services/insight/search-report';
import { viewerOf } from '../auth/auth.middleware';
import {
  coverageResponse,
  dashboardCsvParams,
  dashboardCsvQuery,
  feedbackAnswerBody,
  feedbackBody,
  feedbackCreated,
  feedbackIdParams,
  feedbackItemResponse,
  feedbackListQuery,
  feedbackListResponse,
  forumActivityResponse,
  okResponse,
  periodQuery,
  satisfactionCsvQuery,
  satisfactionResponse,
  searchClickBody,
  searchReportCsvQuery,
  searchReportResponse,
} from './insight.schemas';

/** The interface language a request declares, or `other`. */
export function uiLanguageOf(req: Request): string {
  const value = req.get(UI_LANGUAGE_HEADER);
  return value && (UN_LANGUAGES as readonly string[]).includes(value) ? value : 'other';
}

/** Writes a CSV download (with a BOM, so spreadsheets read UTF-8); returns undefined: the route wrote its response. */
export function sendCsv(res: Response, name: string, csv: string): undefined {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.send(`\uFEFF${csv}`);
  return undefined;
}

/** Dashboards (public), search analytics and the feedback queue (curators), reader feedback (anyone). */
export function insightRoutes(context: AppContext) {
  const label = (id: string, lang: Lang) => context.taxonomy.getConcept(id)?.prefLabel[lang] ?? id;
  return [
    defineRoute({
      method: 'get',
      path: '/api/dashboards/coverage',
      tag: 'dashboards',
      summary: 'Documents by thematic area, article, type, party, region, UN regional group, language and year, with the search behind each figure; parties with national reports and action plans. Counts are the search facets.',
      response: coverageResponse,
      errors: [503],
      handler: () => getCoverage(context),
    }),
    defineRoute({
      method: 'get',
      path: '/api/dashboards/forum-activity',
      tag: 'dashboards',
      summary: 'Forum activity in public forums by thematic area and year: threads, visible posts, distinct participants.',
      response: forumActivityResponse,
      handler: () => getForumActivity(context),
    }),
    defineRoute({
      method: 'get',
      path: '/api/dashboards/csv/:figure',
      tag: 'dashboards',
      summary: 'One dashboard figure as CSV (labels in `lang`).',
      params: dashboardCsvParams,
      query: dashboardCsvQuery,
      produces: 'text/csv',
      errors: [400, 503],
      handler: async ({ params, query, res }) => {
        const { figure } = params;
        if (figure === 'forum-activity') {
          const { rows } = await getForumActivity(context);
          return sendCsv(res, figure, toCsv(['theme', 'label', 'year', 'threads', 'posts', 'participants'], rows.map((r) => [r.theme, label(r.theme, query.lang), r.year, r.threads, r.posts, r.participants])));
        }
        const coverage = await getCoverage(context);
        if (figure === 'parties') {
          return sendCsv(res, figure, toCsv(['party', 'iso3', 'label', 'group', 'documents', 'national_reports', 'action_plans'], coverage.parties.map((p) => [p.id, p.iso3, label(p.id, query.lang), p.group ?? '', p.documents, p.nationalReports, p.actionPlans])));
        }
        return sendCsv(res, figure, toCsv(['id', 'label', 'documents'], coverage.figures[figure].map((b) => [b.id, figure === 'year' || figure === 'lang' ? b.id : label(b.id, query.lang), b.count])));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/search/clicks',
      tag: 'search',
      summary: 'Reports that the reader opened result `rank` (1-based) of search `searchId` (anonymous; recorded in batches).',
      body: searchClickBody,
      response: okResponse,
      errors: [400, 429],
      rateLimit: 'searchClick',
      handler: ({ body }) => {
        recordClick(context, body);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/insight/search',
      tag: 'insight',
      summary: 'Curators: search analytics over a period (default the last 30 days): top and zero-result queries, per UI language, click-through rate and mean rank, filters used.',
      query: periodQuery,
      response: searchReportResponse,
      errors: [400, 401, 403],
      handler: ({ query, req }) => {
        const viewer = viewerOf(req);
        authorize(canCurate(viewer), viewer);
        return getSearchReport(context, query);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/insight/search/csv',
      tag: 'insight',
      summary: 'Curators: one table of the search analytics as CSV (cells that a spreadsheet would run as formulas are neutralised).',
      query: searchReportCsvQuery,
      produces: 'text/csv',
      errors: [400, 401, 403],
      handler: async ({ query, req, res }) => {
        const viewer = viewerOf(req);
        authorize(canCurate(viewer), viewer);
        const report = await getSearchReport(context, query);
        const csv =
          query.table === 'languages'
            ? toCsv(['ui_language', 'searches'], report.languages.map((r) => [r.uiLang, r.searches]))
            : query.table === 'filters'
              ? toCsv(['facet', 'value', 'searches'], report.filters.map((r) => [r.facet, r.value, r.searches]))
              : toCsv(['query', 'searches', 'searches_with_click', 'mean_rank'], (query.table === 'top' ? report.topQueries : report.zeroResultQueries).map((r) => [r.query, r.searches, r.clicks, r.meanRank ?? '']));
        return sendCsv(res, `search-${query.table}`, csv);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/feedback',
      tag: 'feedback',
      summary: '"Was this useful?" on a document or a search, or a problem report on a document; anonymous readers too, rate-limited.',
      body: feedbackBody,
      response: feedbackCreated,
      errors: [400, 404, 429],
      rateLimit: 'feedback',
      handler: ({ body, req }) => submitFeedback(context, viewerOf(req), body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/feedback/mine',
      tag: 'feedback',
      summary: "The signed-in reader's own feedback and problem reports, with the curators' answers (empty for anonymous readers).",
      response: feedbackListResponse,
      handler: ({ req }) => listOwnFeedback(context, viewerOf(req)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/insight/feedback',
      tag: 'insight',
      summary: "Curators: the feedback queue (newest first), optionally of one status.",
      query: feedbackListQuery,
      response: feedbackListResponse,
      errors: [400, 401, 403],
      handler: ({ query, req }) => listFeedback(context, viewerOf(req), query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/insight/feedback/:id',
      tag: 'insight',
      summary: 'Curators: answer and/or close a feedback item; a signed-in reporter is notified of the answer.',
      params: feedbackIdParams,
      body: feedbackAnswerBody,
      response: feedbackItemResponse,
      errors: [400, 401, 403, 404],
      handler: ({ params, body, req }) => answerFeedback(context, viewerOf(req), params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/insight/satisfaction',
      tag: 'insight',
      summary: 'Curators: "Was this useful?" answers per month and per document over a period.',
      query: periodQuery,
      response: satisfactionResponse,
      errors: [400, 401, 403],
      handler: ({ query, req }) => getSatisfaction(context, viewerOf(req), query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/insight/satisfaction/csv',
      tag: 'insight',
      summary: 'Curators: one satisfaction table as CSV (by month, document, thematic area, or thematic area and month; labels in `lang`).',
      query: satisfactionCsvQuery,
      produces: 'text/csv',
      errors: [400, 401, 403],
      handler: async ({ query, req, res }) => {
        const s = await getSatisfaction(context, viewerOf(req), query);
        const share = (yes: number, no: number) => (yes + no ? Math.round((yes / (yes + no)) * 1000) / 1000 : '');
        const csv =
          query.table === 'month'
            ? toCsv(['month', 'yes', 'no', 'share_yes'], s.byMonth.map((r) => [r.month, r.yes, r.no, share(r.yes, r.no)]))
            : query.table === 'document'
              ? toCsv(['document', 'title', 'yes', 'no', 'share_yes'], s.byDocument.map((r) => [r.documentId, r.title ?? '', r.yes, r.no, share(r.yes, r.no)]))
              : query.table === 'theme'
                ? toCsv(['theme', 'label', 'yes', 'no', 'share_yes'], s.byTheme.map((r) => [r.theme, label(r.theme, query.lang), r.yes, r.no, share(r.yes, r.no)]))
                : toCsv(['theme', 'label', 'month', 'yes', 'no', 'share_yes'], s.byThemeMonth.map((r) => [r.theme, label(r.theme, query.lang), r.month, r.yes, r.no, share(r.yes, r.no)]));
        return sendCsv(res, `satisfaction-${query.table}`, csv);
      },
    }),
  ];
}

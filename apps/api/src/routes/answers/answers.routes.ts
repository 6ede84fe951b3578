import type { AppContext } from '../../context';
import { ValidationError } from '../../errors';
import { defineRoute } from '../../http/define-route';
import { answersToCsv } from '../../presenters/answers';
import { correctAnswer, listAnswers, listDocumentAnswers, reparseDocument } from '../../services/report-answers';
import { viewerOf } from '../auth/auth.middleware';
import { documentIdParams } from '../documents/documents.schemas';
import { answerParams, answersQuery, answersResponse, answerView, correctionBody, documentAnswersResponse } from './answers.schemas';

export function answerRoutes(context: AppContext) {
  const knownParty = (id: string | undefined) => {
    if (id && !context.taxonomy.getConcept(id)) throw new ValidationError(`Unknown party ${id}: use an ISO 3166-1 alpha-3 code of a UN Member State or EUU.`);
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/answers',
      tag: 'national reports',
      summary: 'Answers harvested from national reports, across parties (JSON, or CSV with format=csv).',
      query: answersQuery,
      response: answersResponse,
      errors: [400],
      handler: async ({ query, res }) => {
        knownParty(query.party);
        const { total, answers } = await listAnswers(context, query);
        if (query.format === 'csv') {
          res.setHeader('Content-Type', 'text/csv; charset=utf-8');
          res.setHeader('Content-Disposition', 'attachment; filename="answers.csv"');
          res.send('\ufeff' + answersToCsv(answers));
          // The CSV is written; mountRoutes sends nothing more for an undefined result.
          return undefined as never;
        }
        return { total, limit: query.limit, offset: query.offset, answers };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/documents/:id/answers',
      tag: 'national reports',
      summary: "One national report's party, cycle and answers (empty when the document is no parsed report).",
      params: documentIdParams,
      response: documentAnswersResponse,
      errors: [404],
      handler: async ({ params }) => listDocumentAnswers(context, params.id),
    }),
    defineRoute({
      method: 'put',
      path: '/api/documents/:id/answers/:article/:question',
      tag: 'national reports',
      summary: "A curator's correction of one answer (moderators and admins until the curator role exists); a re-parse never overwrites it.",
      params: answerParams,
      body: correctionBody,
      response: answerView,
      errors: [400, 401, 403, 404],
      handler: async ({ req, params, body }) => correctAnswer(context, viewerOf(req), params.id, params.article, params.question, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/documents/:id/answers/reparse',
      tag: 'national reports',
      summary: 'Parses the document again as a national report; corrected answers stay as corrected.',
      params: documentIdParams,
      response: documentAnswersResponse,
      errors: [401, 403, 404],
      handler: async ({ req, params }) => reparseDocument(context, viewerOf(req), params.id),
    }),
  ];
}

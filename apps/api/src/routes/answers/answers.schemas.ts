import { z } from 'zod';
import { ARTICLE_COUNT } from '@mep/ingest';

/** `article:17` (or `17`), an article the Convention has. */
export const articleId = z
  .string()
  .regex(/^(?:article:)?\d{1,3}$/, 'must look like article:17')
  .transform((s) => `article:${Number(s.replace('article:', ''))}`)
  .refine((id) => {
    const n = Number(id.slice(8));
    return n >= 1 && n <= ARTICLE_COUNT;
  }, `the Convention has articles 1 to ${ARTICLE_COUNT}`);

export const questionId = z.string().regex(/^\d{1,2}(?:\.\d{1,2}){0,3}$/, 'must look like 1 or 2.3');
export const partyParam = z
  .string()
  .regex(/^(?:party:)?[A-Za-z]{3}$/, 'must be an ISO 3166-1 alpha-3 code or party:XXX')
  .transform((s) => `party:${s.replace('party:', '').toUpperCase()}`);
const answerKind = z.enum(['yes', 'no', 'not-applicable', 'number']);

export const answersQuery = z.object({
  article: articleId.optional(),
  question: questionId.optional(),
  party: partyParam.optional(),
  cycle: z.string().regex(/^(?:full|short|(?:19|20)\d{2})$/, 'must be full, short or a year').optional(),
  answer: z.enum(['yes', 'no', 'not-applicable', 'number', 'none']).optional(),
  format: z.enum(['json', 'csv']).optional().default('json'),
  limit: z.coerce.number().int().min(1).max(5000).optional().default(1000),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional().default(0),
});

export const answerParams = z.object({ id: z.string().regex(/^[a-f0-9]{16,64}$/, 'is not a document id'), article: articleId, question: questionId });

export const correctionBody = z
  .object({
    answer: answerKind.nullable(),
    value: z.number().finite().nullable().optional(),
    unit: z.string().trim().min(1).max(40).nullable().optional(),
    explanation: z.string().max(20_000).nullable().optional(),
    questionText: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();

const cycle = z.object({ kind: z.enum(['full', 'short']).nullable(), period: z.string().nullable(), year: z.number().int().nullable() });
export const answerView = z.object({
  documentId: z.string(),
  documentTitle: z.string(),
  language: z.string(),
  party: z.string().nullable(),
  cycle,
  article: z.string(),
  question: z.string(),
  questionText: z.string(),
  answer: answerKind.nullable(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  explanation: z.string().nullable(),
  page: z.number().int(),
  confidence: z.number(),
  source: z.enum(['parser', 'curator']),
  rawText: z.string(),
  reportUrl: z.string(),
});
export const answersResponse = z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), answers: z.array(answerView) });
export const documentAnswersResponse = z.object({
  documentId: z.string(),
  doctype: z.string(),
  report: z.object({ party: z.string().nullable(), partyClaimed: z.string().nullable(), cycle, flags: z.array(z.string()), parsedAt: z.string() }).nullable(),
  answers: z.array(answerView),
});

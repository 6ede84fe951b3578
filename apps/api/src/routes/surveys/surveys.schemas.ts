import { SURVEY_QUESTION_KINDS, SURVEY_STATUSES, UN_LANGUAGES } from '@mep/vocabulary';
import { z } from 'zod';
import { languageSchema } from '../vocabulary.schemas';

/** Limits of a survey's texts and size: a short survey, not a document store. */
export const SURVEY_LIMITS = { title: 200, description: 2000, question: 1000, option: 200, questions: 30, options: 20, answerText: 2000 } as const;

const itemId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'ids are 1–32 letters, digits, - or _');

/** A text in the UI languages the curator filled: empty ones are dropped, at least one is required. Stored and shown as plain text. */
const textIn = (max: number) =>
  z
    .partialRecord(languageSchema, z.string().trim().max(max, `texts are limited to ${max} characters`))
    .transform((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v)) as Partial<Record<(typeof UN_LANGUAGES)[number], string>>)
    .refine((t) => Object.keys(t).length > 0, 'fill the text in at least one language');

const questionInput = z
  .object({
    id: itemId.optional(),
    kind: z.enum(SURVEY_QUESTION_KINDS),
    required: z.boolean().optional().default(false),
    text: textIn(SURVEY_LIMITS.question),
    options: z
      .array(z.object({ id: itemId.optional(), text: textIn(SURVEY_LIMITS.option) }))
      .max(SURVEY_LIMITS.options, `a question has at most ${SURVEY_LIMITS.options} options`)
      .optional()
      .default([]),
  })
  .superRefine((q, ctx) => {
    const choice = q.kind === 'single' || q.kind === 'multiple';
    if (choice && q.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice question needs at least two options' });
    if (!choice && q.options.length > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only choice questions have options' });
    const ids = q.options.flatMap((o) => (o.id ? [o.id] : []));
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'option ids must be unique' });
  });

/** POST /api/insight/surveys and PUT /api/insight/surveys/:id: the whole definition. */
export const surveyBody = z
  .object({
    title: textIn(SURVEY_LIMITS.title),
    description: z
      .partialRecord(languageSchema, z.string().trim().max(SURVEY_LIMITS.description, `descriptions are limited to ${SURVEY_LIMITS.description} characters`))
      .optional()
      .default({})
      .transform((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v)) as Partial<Record<(typeof UN_LANGUAGES)[number], string>>),
    questions: z.array(questionInput).min(1, 'a survey has at least one question').max(SURVEY_LIMITS.questions, `a survey has at most ${SURVEY_LIMITS.questions} questions`),
  })
  .superRefine((s, ctx) => {
    const ids = s.questions.flatMap((q) => (q.id ? [q.id] : []));
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['questions'], message: 'question ids must be unique' });
  });

export const surveyIdParams = z.object({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) });
/** Curators open a draft, close an open survey, or reopen a closed one. */
export const surveyStatusBody = z.object({ status: z.enum(['open', 'closed']) });

const answerValue = z.union([z.string().max(SURVEY_LIMITS.answerText, `answers are limited to ${SURVEY_LIMITS.answerText} characters`), z.array(z.string().max(32)).max(SURVEY_LIMITS.options), z.number()]);
/** PUT /api/surveys/:id/response: answers by question id; checked against the survey's questions by the service. */
export const surveyAnswerBody = z.object({
  answers: z.record(z.string().max(32), answerValue).refine((a) => Object.keys(a).length <= SURVEY_LIMITS.questions, 'too many answers'),
});

const textOut = z.partialRecord(languageSchema, z.string()).describe('plain text per UI language, as the curator typed it');
const question = z.object({
  id: z.string(),
  kind: z.enum(SURVEY_QUESTION_KINDS),
  required: z.boolean(),
  text: textOut,
  options: z.array(z.object({ id: z.string(), text: textOut })),
});
/** A survey as readers and curators see it. */
export const surveySchema = z.object({
  id: z.number().int(),
  title: textOut,
  description: textOut,
  status: z.enum(SURVEY_STATUSES),
  questions: z.array(question),
  createdAt: z.string(),
  updatedAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export const surveyResponse = surveySchema;
const answers = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.number()]));

/** GET /api/surveys: the open surveys; for a signed-in user, whether they answered each. */
export const openSurveysResponse = z.object({ items: z.array(z.object({ id: z.number().int(), title: textOut, description: textOut, answered: z.boolean() })) });
/** GET /api/surveys/:id: the survey and the viewer's own answers (null before answering or when anonymous). */
export const surveyForReaderResponse = z.object({ survey: surveySchema, response: z.object({ answers, updatedAt: z.string() }).nullable() });
/** PUT /api/surveys/:id/response. */
export const surveyAnsweredResponse = z.object({ answers, updatedAt: z.string() });

/** GET /api/insight/surveys: every survey with its number of responses. */
export const surveyListResponse = z.object({ items: z.array(surveySchema.extend({ responses: z.number().int() })) });

/** GET /api/insight/surveys/:id/results: counts per option (or scale value), free-text answers as plain text. */
export const surveyResultsResponse = z.object({
  survey: surveySchema,
  responses: z.number().int(),
  parties: z.array(z.object({ party: z.string(), responses: z.number().int() })),
  questions: z.array(
    z.object({
      id: z.string(),
      answered: z.number().int(),
      counts: z.array(z.object({ value: z.string().describe('option id, or 1–5 for a scale'), count: z.number().int() })),
      mean: z.number().nullable().describe('mean of a scale question'),
      texts: z.array(z.string()),
    }),
  ),
});
export const surveyCsvQuery = z.object({ lang: languageSchema.optional().default('en') });

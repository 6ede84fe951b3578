/**
 * Answers to curators' surveys: one response per user and survey, replaced until the survey closes, checked
 * question by question against the definition; results with counts per option; the CSV export, which carries
 * the respondent's party (focal points) and nothing else about them.
 */
import { lockRowsForUpdate, surveyResponses, surveys, type SurveyAnswerValue, type SurveyQuestion, type SurveyText } from '@mep/db';
import type { Lang } from '@mep/vocabulary';
import { asc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { ApiError, ConflictError, NotFoundError } from '../../errors';
import { authorize, canAnswerSurveys, canCurate, type Viewer } from '../../policies';
import { nowIso } from '../store';
import { toCsv } from './csv';
import { loadSurvey, presentSurvey } from './surveys';

/** A 400 with a stable code naming what is wrong with the answers (and which questions, in `details`). */
class SurveyAnswerError extends ApiError {
  constructor(code: 'unknown_question' | 'unknown_option' | 'invalid_answer' | 'answer_required', message: string, questions: string[]) {
    super(code, message, 400, { questions });
  }
}

/** Checks answers against the questions; returns them cleaned (texts trimmed, empty answers dropped). */
export function checkAnswers(questions: SurveyQuestion[], answers: Record<string, SurveyAnswerValue>): Record<string, SurveyAnswerValue> {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const unknown = Object.keys(answers).filter((id) => !byId.has(id));
  if (unknown.length) throw new SurveyAnswerError('unknown_question', `This survey has no question ${unknown.slice(0, 5).join(', ')}.`, unknown);
  const clean: Record<string, SurveyAnswerValue> = {};
  for (const question of questions) {
    const value = answers[question.id];
    if (value === undefined) continue;
    const options = new Set(question.options.map((o) => o.id));
    const invalid = (why: string) => new SurveyAnswerError('invalid_answer', `Question ${question.id}: ${why}.`, [question.id]);
    switch (question.kind) {
      case 'single':
        if (typeof value !== 'string') throw invalid('choose one option');
        if (value === '') continue;
        if (!options.has(value)) throw new SurveyAnswerError('unknown_option', `Question ${question.id} has no option ${value}.`, [question.id]);
        clean[question.id] = value;
        break;
      case 'multiple': {
        if (!Array.isArray(value)) throw invalid('give a list of options');
        const chosen = [...new Set(value)];
        const wrong = chosen.filter((id) => !options.has(id));
        if (wrong.length) throw new SurveyAnswerError('unknown_option', `Question ${question.id} has no option ${wrong.slice(0, 5).join(', ')}.`, [question.id]);
        if (chosen.length) clean[question.id] = question.options.map((o) => o.id).filter((id) => chosen.includes(id));
        break;
      }
      case 'scale':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) throw invalid('give a whole number from 1 to 5');
        clean[question.id] = value;
        break;
      case 'text': {
        if (typeof value !== 'string') throw invalid('give a text');
        const text = value.trim();
        if (text) clean[question.id] = text;
        break;
      }
    }
  }
  const missing = questions.filter((q) => q.required && clean[q.id] === undefined).map((q) => q.id);
  if (missing.length) throw new SurveyAnswerError('answer_required', `Answer the required questions: ${missing.join(', ')}.`, missing);
  return clean;
}

/**
 * A signed-in user answers (or changes their answers to) an open survey. Closed: 409 `survey_closed`; a draft
 * is a 404 for readers and a 409 `survey_not_open` for curators who preview it.
 */
export async function answerSurvey(context: AppContext, viewer: Viewer, id: number, answers: Record<string, SurveyAnswerValue>): Promise<{ answers: Record<string, SurveyAnswerValue>; updatedAt: string }> {
  authorize(canAnswerSurveys(viewer), viewer);
  const userId = viewer.userId;
  return context.db.transaction(async (tx) => {
    // Locked so a close that commits first is seen, and no answer slips in after it.
    await tx.all(sql`select ${surveys.id} from ${surveys} where ${surveys.id} = ${id}${lockRowsForUpdate(tx)}`);
    const survey = await tx.select().from(surveys).where(eq(surveys.id, id)).get();
    if (!survey || (survey.status === 'draft' && !canCurate(viewer))) throw new NotFoundError(`Survey ${id}`);
    if (survey.status === 'draft') throw new ConflictError('survey_not_open', 'This survey is a draft: open it before answering.');
    if (survey.status === 'closed') throw new ConflictError('survey_closed', 'This survey is closed; answers can no longer be given or changed.');
    const clean = checkAnswers(survey.questions, answers);
    const now = nowIso();
    const party = viewer.role === 'focal_point' ? viewer.party : null;
    await tx
      .insert(surveyResponses)
      .values({ surveyId: id, userId, party, answers: clean, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [surveyResponses.surveyId, surveyResponses.userId], set: { answers: clean, party, updatedAt: now } })
      .run();
    return { answers: clean, updatedAt: now };
  });
}

const responsesOf = (context: Pick<AppContext, 'db'>, id: number) =>
  context.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id)).orderBy(asc(surveyResponses.createdAt), asc(surveyResponses.id)).all();

/** Curators: how many answered, per party, and per question the counts per option (or scale value) and the texts. */
export async function getSurveyResults(context: AppContext, viewer: Viewer, id: number) {
  authorize(canCurate(viewer), viewer);
  const survey = await loadSurvey(context, id);
  const rows = await responsesOf(context, id);
  const parties = new Map<string, number>();
  for (const r of rows) if (r.party) parties.set(r.party, (parties.get(r.party) ?? 0) + 1);
  const questions = survey.questions.map((q) => {
    const values = rows.map((r) => r.answers[q.id]).filter((v): v is SurveyAnswerValue => v !== undefined);
    const tally = new Map<string, number>(q.kind === 'scale' ? ['1', '2', '3', '4', '5'].map((v) => [v, 0]) : q.options.map((o) => [o.id, 0]));
    for (const v of values) for (const one of Array.isArray(v) ? v : [v]) if (q.kind !== 'text' && tally.has(String(one))) tally.set(String(one), tally.get(String(one))! + 1);
    const numbers = q.kind === 'scale' ? values.filter((v): v is number => typeof v === 'number') : [];
    return {
      id: q.id,
      answered: values.length,
      counts: q.kind === 'text' ? [] : [...tally].map(([value, n]) => ({ value, count: n })),
      mean: numbers.length ? Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100 : null,
      texts: q.kind === 'text' ? values.map(String) : [],
    };
  });
  return {
    survey: presentSurvey(survey),
    responses: rows.length,
    parties: [...parties].map(([party, n]) => ({ party, responses: n })).sort((a, b) => b.responses - a.responses || a.party.localeCompare(b.party)),
    questions,
  };
}

/** A text in `lang`, else English, else the first language filled. */
export const textIn = (text: SurveyText, lang: Lang): string => text[lang] ?? text.en ?? Object.values(text)[0] ?? '';

/**
 * Curators: one CSV row per response — a sequence number, the focal point's party, when it was last
 * changed, then one column per question (option labels in `lang`). No user id, name or address.
 */
export async function exportSurveyCsv(context: AppContext, viewer: Viewer, id: number, lang: Lang): Promise<string> {
  authorize(canCurate(viewer), viewer);
  const survey = await loadSurvey(context, id);
  const rows = await responsesOf(context, id);
  const label = (q: SurveyQuestion, optionId: string) => {
    const option = q.options.find((o) => o.id === optionId);
    return option ? textIn(option.text, lang) : optionId;
  };
  const cell = (q: SurveyQuestion, value: SurveyAnswerValue | undefined) =>
    value === undefined ? '' : Array.isArray(value) ? value.map((v) => label(q, v)).join('; ') : q.kind === 'single' ? label(q, String(value)) : value;
  return toCsv(
    ['response', 'party', 'updated_at', ...survey.questions.map((q) => `${q.id}: ${textIn(q.text, lang)}`)],
    rows.map((r, i) => [i + 1, r.party ?? '', r.updatedAt, ...survey.questions.map((q) => cell(q, r.answers[q.id]))]),
  );
}


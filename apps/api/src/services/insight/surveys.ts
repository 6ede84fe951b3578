/**
 * Curators' surveys of parties' needs and priorities (issue 14; the digital strategy asks the secretariat to
 * collect them): define and edit a survey, open and close it, list the open ones for readers. Answers and
 * results are in survey-answers.ts. Every text is stored as typed and only ever rendered as text.
 */
import { lockRowsForUpdate, surveyResponses, surveys, type SurveyQuestion, type SurveyText } from '@mep/db';
import type { SurveyQuestionKind, SurveyStatus } from '@mep/vocabulary';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { ConflictError, NotFoundError } from '../../errors';
import { authorize, canCurate, canDefineSurveys, type Viewer } from '../../policies';
import { nowIso } from '../store';

/** A survey definition as the route validated it (ids may be missing on new questions and options). */
export interface SurveyInput {
  title: SurveyText;
  description: SurveyText;
  questions: Array<{ id?: string; kind: SurveyQuestionKind; required: boolean; text: SurveyText; options: Array<{ id?: string; text: SurveyText }> }>;
}

export type SurveyRow = typeof surveys.$inferSelect;

export interface SurveyDto {
  id: number;
  title: SurveyText;
  description: SurveyText;
  status: SurveyStatus;
  questions: SurveyQuestion[];
  createdAt: string;
  updatedAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

/** The survey's public shape (never who created it). */
export function presentSurvey(row: SurveyRow): SurveyDto {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    questions: row.questions,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
  };
}

/** Gives new questions and options ids that none of their siblings use (q1, q2…; o1, o2…). */
function withIds(questions: SurveyInput['questions']): SurveyQuestion[] {
  const fresh = (taken: Set<string>, prefix: string) => {
    let n = 1;
    while (taken.has(`${prefix}${n}`)) n += 1;
    const id = `${prefix}${n}`;
    taken.add(id);
    return id;
  };
  const questionIds = new Set(questions.flatMap((q) => (q.id ? [q.id] : [])));
  return questions.map((q) => {
    const optionIds = new Set(q.options.flatMap((o) => (o.id ? [o.id] : [])));
    return {
      id: q.id ?? fresh(questionIds, 'q'),
      kind: q.kind,
      required: q.required,
      text: q.text,
      options: q.options.map((o) => ({ id: o.id ?? fresh(optionIds, 'o'), text: o.text })),
    };
  });
}

/** What answers depend on: question ids, kinds, required flags and option ids (texts may change freely). */
const structureOf = (questions: SurveyQuestion[]) => JSON.stringify(questions.map((q) => [q.id, q.kind, q.required, q.options.map((o) => o.id)]));

/** One survey row, or a 404. */
export async function loadSurvey(context: Pick<AppContext, 'db'>, id: number): Promise<SurveyRow> {
  const row = await context.db.select().from(surveys).where(eq(surveys.id, id)).get();
  if (!row) throw new NotFoundError(`Survey ${id}`);
  return row;
}

/** A curator defines a new survey; it starts as a draft that only curators see. */
export async function createSurvey(context: AppContext, viewer: Viewer, input: SurveyInput): Promise<SurveyDto> {
  authorize(canDefineSurveys(viewer), viewer);
  const now = nowIso();
  const row = await context.db
    .insert(surveys)
    .values({ title: input.title, description: input.description, questions: withIds(input.questions), status: 'draft', createdBy: viewer.userId, createdAt: now, updatedAt: now })
    .returning()
    .get();
  return presentSurvey(row);
}

/**
 * A curator edits a survey. Until someone answered, anything may change; afterwards only the texts (changing
 * the questions, kinds, required flags or options would orphan answers: 409 `survey_answered`). A closed
 * survey is not edited (409 `survey_closed`).
 */
export async function updateSurvey(context: AppContext, viewer: Viewer, id: number, input: SurveyInput): Promise<SurveyDto> {
  authorize(canDefineSurveys(viewer), viewer);
  const row = await context.db.transaction(async (tx) => {
    await tx.all(sql`select ${surveys.id} from ${surveys} where ${surveys.id} = ${id}${lockRowsForUpdate(tx)}`);
    const current = await tx.select().from(surveys).where(eq(surveys.id, id)).get();
    if (!current) throw new NotFoundError(`Survey ${id}`);
    if (current.status === 'closed') throw new ConflictError('survey_closed', 'This survey is closed; reopen it to edit it.');
    const questions = withIds(input.questions);
    if (structureOf(questions) !== structureOf(current.questions)) {
      const answered = (await tx.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, id)).get())?.n ?? 0;
      if (Number(answered) > 0) throw new ConflictError('survey_answered', 'This survey has answers: only its texts may change now, not its questions or options.');
    }
    return tx.update(surveys).set({ title: input.title, description: input.description, questions, updatedAt: nowIso() }).where(eq(surveys.id, id)).returning().get();
  });
  return presentSurvey(row);
}

/** draft → open, open → closed, closed → open (reopen). Setting the current status again changes nothing. */
export async function setSurveyStatus(context: AppContext, viewer: Viewer, id: number, status: 'open' | 'closed'): Promise<SurveyDto> {
  authorize(canDefineSurveys(viewer), viewer);
  const row = await context.db.transaction(async (tx) => {
    await tx.all(sql`select ${surveys.id} from ${surveys} where ${surveys.id} = ${id}${lockRowsForUpdate(tx)}`);
    const current = await tx.select().from(surveys).where(eq(surveys.id, id)).get();
    if (!current) throw new NotFoundError(`Survey ${id}`);
    if (current.status === status) return current;
    if (current.status === 'draft' && status === 'closed') throw new ConflictError('survey_not_open', 'A draft survey is opened before it can be closed.');
    const now = nowIso();
    return tx
      .update(surveys)
      .set(status === 'open' ? { status, openedAt: current.openedAt ?? now, closedAt: null, updatedAt: now } : { status, closedAt: now, updatedAt: now })
      .where(eq(surveys.id, id))
      .returning()
      .get();
  });
  return presentSurvey(row);
}

/** Curators: every survey, newest first, with its number of responses. */
export async function listSurveys(context: AppContext, viewer: Viewer): Promise<{ items: Array<SurveyDto & { responses: number }> }> {
  authorize(canCurate(viewer), viewer);
  const rows = await context.db.select().from(surveys).orderBy(desc(surveys.createdAt), desc(surveys.id)).limit(500).all();
  const counts = new Map(
    rows.length
      ? (await context.db.select({ id: surveyResponses.surveyId, n: count() }).from(surveyResponses).where(inArray(surveyResponses.surveyId, rows.map((r) => r.id))).groupBy(surveyResponses.surveyId).all()).map((r) => [r.id, Number(r.n)])
      : [],
  );
  return { items: rows.map((row) => ({ ...presentSurvey(row), responses: counts.get(row.id) ?? 0 })) };
}

/** Anyone: the open surveys (newest first); a signed-in user learns which they already answered. */
export async function listOpenSurveys(context: AppContext, viewer: Viewer) {
  const rows = await context.db.select().from(surveys).where(eq(surveys.status, 'open')).orderBy(desc(surveys.openedAt), desc(surveys.id)).limit(50).all();
  const answered = new Set(
    viewer.userId && rows.length
      ? (await context.db.select({ id: surveyResponses.surveyId }).from(surveyResponses).where(and(eq(surveyResponses.userId, viewer.userId), inArray(surveyResponses.surveyId, rows.map((r) => r.id)))).all()).map((r) => r.id)
      : [],
  );
  return { items: rows.map((row) => ({ id: row.id, title: row.title, description: row.description, answered: answered.has(row.id) })) };
}

/** A survey as a reader sees it, with their own answers. Drafts exist for curators only (404 for others). */
export async function getSurveyForReader(context: AppContext, viewer: Viewer, id: number) {
  const row = await context.db.select().from(surveys).where(eq(surveys.id, id)).get();
  if (!row || (row.status === 'draft' && !canCurate(viewer))) throw new NotFoundError(`Survey ${id}`);
  const own = viewer.userId ? await context.db.select().from(surveyResponses).where(and(eq(surveyResponses.surveyId, id), eq(surveyResponses.userId, viewer.userId))).get() : undefined;
  return { survey: presentSurvey(row), response: own ? { answers: own.answers, updatedAt: own.updatedAt } : null };
}


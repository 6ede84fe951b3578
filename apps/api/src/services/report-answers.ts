/** National-report answers: lists across parties, one report's answers, curators' corrections, re-parse. */
import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { documents, nationalReports, reportAnswers, type ReportAnswerKind } from '@mep/db';
import { reparseNationalReport } from '@mep/ingest';
import type { AnswerDto, ReportCycleDto } from '../contracts';
import type { AppContext } from '../context';
import { NotFoundError, ValidationError } from '../errors';
import { authorize, canCorrectAnswers, type Viewer } from '../policies';
import { presentAnswer, type AnswerView } from '../presenters/answers';

export interface AnswerFilters {
  article?: string;
  question?: string;
  party?: string;
  /** `full`, `short` or a year. */
  cycle?: string;
  answer?: ReportAnswerKind | 'none';
  documentId?: string;
  limit?: number;
  offset?: number;
}

const columns = {
  documentId: reportAnswers.documentId,
  documentTitle: documents.title,
  language: documents.language,
  party: nationalReports.party,
  cycleKind: nationalReports.cycleKind,
  cyclePeriod: nationalReports.cyclePeriod,
  cycleYear: nationalReports.cycleYear,
  article: reportAnswers.article,
  question: reportAnswers.question,
  questionText: reportAnswers.questionText,
  answer: reportAnswers.answer,
  value: reportAnswers.value,
  unit: reportAnswers.unit,
  explanation: reportAnswers.explanation,
  page: reportAnswers.page,
  confidence: reportAnswers.confidence,
  source: reportAnswers.source,
  rawText: reportAnswers.rawText,
};

/** A joined row: the answer with its report's party and cycle, before presenting. */
export type ReportAnswerRow = Omit<AnswerDto, 'cycle' | 'reportUrl'> & { cycleKind: ReportCycleDto['kind']; cyclePeriod: string | null; cycleYear: number | null };

function conditions(filters: AnswerFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.article) where.push(eq(reportAnswers.article, filters.article));
  if (filters.question) where.push(eq(reportAnswers.question, filters.question));
  if (filters.party) where.push(eq(nationalReports.party, filters.party));
  if (filters.documentId) where.push(eq(reportAnswers.documentId, filters.documentId));
  if (filters.cycle === 'full' || filters.cycle === 'short') where.push(eq(nationalReports.cycleKind, filters.cycle));
  else if (filters.cycle) where.push(eq(nationalReports.cycleYear, Number(filters.cycle)));
  if (filters.answer === 'none') where.push(isNull(reportAnswers.answer));
  else if (filters.answer) where.push(eq(reportAnswers.answer, filters.answer));
  return where;
}

/** Answers across reports, ordered by article, question, party; `total` counts every match. */
export async function listAnswers(context: AppContext, filters: AnswerFilters): Promise<{ total: number; answers: AnswerView[] }> {
  const where = and(...conditions(filters));
  const base = context.db.select(columns).from(reportAnswers).innerJoin(documents, eq(documents.id, reportAnswers.documentId)).innerJoin(nationalReports, eq(nationalReports.documentId, reportAnswers.documentId));
  const total = (await context.db.select({ n: count() }).from(reportAnswers).innerJoin(nationalReports, eq(nationalReports.documentId, reportAnswers.documentId)).where(where).get())?.n ?? 0;
  // Articles in numeric order (article:2 before article:17) in SQL, so pages follow one another;
  // questions ("2.10" after "2.9") are put in order within the page.
  const articleOrder = sql`cast(substr(${reportAnswers.article}, 9) as integer)`;
  let query = base.where(where).orderBy(articleOrder, asc(reportAnswers.question), asc(nationalReports.party), asc(reportAnswers.documentId)).$dynamic();
  if (filters.limit !== undefined) query = query.limit(filters.limit).offset(filters.offset ?? 0);
  const rows = (await query.all()) as ReportAnswerRow[];
  rows.sort((a, b) => articleNumber(a.article) - articleNumber(b.article) || compareQuestions(a.question, b.question));
  return { total, answers: rows.map(presentAnswer) };
}

const articleNumber = (id: string) => Number(id.slice('article:'.length));
function compareQuestions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) - (y[i] ?? -1);
  return 0;
}

/** One report's answers with its party and cycle; 404 for an unknown document. */
export async function listDocumentAnswers(context: AppContext, documentId: string) {
  const doc = await context.db.select({ id: documents.id, doctype: documents.doctype }).from(documents).where(eq(documents.id, documentId)).get();
  if (!doc) throw new NotFoundError(`Document ${documentId}`);
  const report = await context.db.select().from(nationalReports).where(eq(nationalReports.documentId, documentId)).get();
  const answers = report ? (await listAnswers(context, { documentId })).answers : [];
  return {
    documentId,
    doctype: doc.doctype,
    report: report ? { party: report.party, partyClaimed: report.partyClaimed, cycle: { kind: report.cycleKind, period: report.cyclePeriod, year: report.cycleYear }, flags: report.flags, parsedAt: report.parsedAt } : null,
    answers,
  };
}

export interface AnswerCorrection {
  answer: ReportAnswerKind | null;
  value?: number | null;
  unit?: string | null;
  explanation?: string | null;
  questionText?: string;
}

/**
 * A curator's correction of one answer (or a new answer the parser missed). The row becomes
 * `source: curator`, confidence 1, and no re-parse touches it again.
 */
export async function correctAnswer(context: AppContext, viewer: Viewer, documentId: string, article: string, question: string, correction: AnswerCorrection): Promise<AnswerView> {
  authorize(canCorrectAnswers(viewer), viewer);
  const report = await context.db.select({ id: nationalReports.documentId }).from(nationalReports).where(eq(nationalReports.documentId, documentId)).get();
  if (!report) throw new NotFoundError(`National report ${documentId}`);
  if (correction.answer === 'number' && (correction.value === undefined || correction.value === null)) throw new ValidationError('A number answer needs a value.');
  const now = new Date().toISOString();
  const existing = await context.db.select().from(reportAnswers).where(and(eq(reportAnswers.documentId, documentId), eq(reportAnswers.article, article), eq(reportAnswers.question, question))).get();
  const values = {
    answer: correction.answer,
    value: correction.answer === 'number' ? (correction.value ?? null) : null,
    unit: correction.answer === 'number' ? (correction.unit ?? null) : null,
    explanation: correction.explanation === undefined ? (existing?.explanation ?? null) : correction.explanation,
    questionText: correction.questionText ?? existing?.questionText ?? '',
    confidence: 1,
    source: 'curator' as const,
    correctedBy: viewer.userId,
    updatedAt: now,
  };
  // A correction changes what the repository says about the document: harvesters see it as updated.
  await context.db.update(documents).set({ updatedAt: now }).where(eq(documents.id, documentId)).run();
  if (existing) {
    await context.db.update(reportAnswers).set(values).where(and(eq(reportAnswers.documentId, documentId), eq(reportAnswers.article, article), eq(reportAnswers.question, question))).run();
  } else {
    await context.db.insert(reportAnswers).values({ documentId, article, question, page: 1, rawText: '', ...values }).run();
  }
  return (await listAnswers(context, { documentId, article, question })).answers[0]!;
}

/** Parses a stored document again as a national report; curators' corrections stay. */
export async function reparseDocument(context: AppContext, viewer: Viewer, documentId: string) {
  authorize(canCorrectAnswers(viewer), viewer);
  const report = await reparseNationalReport(context.db, context.taxonomy, documentId);
  if (!report) throw new NotFoundError(`Document ${documentId}`);
  return listDocumentAnswers(context, documentId);
}

/**
 * Reader feedback: "Was this useful?" on documents and searches, and problem reports on documents, which
 * form the curators' queue. Comments are stored as the reader typed them and only ever rendered as text.
 */
import { documents, feedback, notifications, type FeedbackStatus } from '@mep/db';
import { and, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { FeedbackProblemCategory } from '@mep/vocabulary';
import type { AppContext } from '../../context';
import { NotFoundError } from '../../errors';
import { authorize, canCurate, type Viewer } from '../../policies';
import { normaliseQuery } from './search-events';
import type { Period } from './search-report';
import { nowIso } from '../store';


export type FeedbackInput =
  | { kind: 'useful'; documentId?: string; query?: string; useful: boolean; comment: string; uiLang: string }
  | { kind: 'problem'; documentId: string; category: FeedbackProblemCategory; comment: string; uiLang: string };

export interface FeedbackItem {
  id: number;
  kind: 'useful' | 'problem';
  documentId: string | null;
  documentTitle: string | null;
  query: string | null;
  useful: boolean | null;
  category: string | null;
  comment: string;
  uiLang: string;
  signedIn: boolean;
  status: FeedbackStatus;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
}

async function assertDocument(context: AppContext, id: string): Promise<void> {
  const row = await context.db.select({ id: documents.id }).from(documents).where(eq(documents.id, id)).get();
  if (!row) throw new NotFoundError(`Document ${id}`);
}

/** Stores one piece of feedback; a "yes" without comment needs no curator and is filed as closed. */
export async function submitFeedback(context: AppContext, viewer: Viewer, input: FeedbackInput): Promise<{ id: number }> {
  if (input.documentId) await assertDocument(context, input.documentId);
  const needsCurator = input.kind === 'problem' || !input.useful || input.comment.length > 0;
  const row = await context.db
    .insert(feedback)
    .values({
      kind: input.kind,
      documentId: input.documentId ?? null,
      query: input.kind === 'useful' && input.query !== undefined ? normaliseQuery(input.query) : null,
      useful: input.kind === 'useful' ? input.useful : null,
      category: input.kind === 'problem' ? input.category : null,
      comment: input.comment,
      uiLang: input.uiLang,
      reporterId: viewer.userId,
      status: needsCurator ? 'open' : 'closed',
      createdAt: nowIso(),
    })
    .returning({ id: feedback.id })
    .get();
  return { id: row.id };
}

function present(row: typeof feedback.$inferSelect, titles: Map<string, string>): FeedbackItem {
  return {
    id: row.id,
    kind: row.kind,
    documentId: row.documentId,
    documentTitle: row.documentId ? (titles.get(row.documentId) ?? null) : null,
    query: row.query,
    useful: row.useful,
    category: row.category,
    comment: row.comment,
    uiLang: row.uiLang,
    signedIn: row.reporterId !== null,
    status: row.status,
    answer: row.answer,
    answeredAt: row.answeredAt,
    createdAt: row.createdAt,
  };
}

async function presentAll(context: AppContext, rows: Array<typeof feedback.$inferSelect>): Promise<FeedbackItem[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.documentId ? [r.documentId] : [])))];
  const titles = new Map(ids.length ? (await context.db.select({ id: documents.id, title: documents.title }).from(documents).where(inArray(documents.id, ids)).all()).map((d) => [d.id, d.title]) : []);
  return rows.map((row) => present(row, titles));
}

/** The curators' queue: open items first (newest first), or one status. */
export async function listFeedback(context: AppContext, viewer: Viewer, filter: { status?: FeedbackStatus; limit: number }): Promise<{ items: FeedbackItem[] }> {
  authorize(canCurate(viewer), viewer);
  const rows = await context.db
    .select()
    .from(feedback)
    .where(filter.status ? eq(feedback.status, filter.status) : undefined)
    .orderBy(desc(feedback.createdAt), desc(feedback.id))
    .limit(filter.limit)
    .all();
  return { items: await presentAll(context, rows) };
}

/** A signed-in reader's own feedback, with the curators' answers. */
export async function listOwnFeedback(context: AppContext, viewer: Viewer): Promise<{ items: FeedbackItem[] }> {
  if (!viewer.userId) return { items: [] };
  const rows = await context.db.select().from(feedback).where(eq(feedback.reporterId, viewer.userId)).orderBy(desc(feedback.createdAt), desc(feedback.id)).limit(100).all();
  return { items: await presentAll(context, rows) };
}

/** A curator answers and/or closes an item; a signed-in reporter gets a notification of the answer. */
export async function answerFeedback(context: AppContext, viewer: Viewer, id: number, input: { answer?: string; close: boolean }): Promise<FeedbackItem> {
  authorize(canCurate(viewer), viewer);
  const curator = viewer.userId;
  const row = await context.events.afterCommit(() =>
    context.db.transaction(async (tx) => {
      const current = await tx.select().from(feedback).where(eq(feedback.id, id)).get();
      if (!current) throw new NotFoundError(`Feedback ${id}`);
      const answer = input.answer?.trim() || current.answer;
      const now = nowIso();
      const updated = await tx
        .update(feedback)
        .set({ answer, answeredBy: input.answer ? curator : current.answeredBy, answeredAt: input.answer ? now : current.answeredAt, status: input.close ? 'closed' : answer ? 'answered' : current.status })
        .where(eq(feedback.id, id))
        .returning()
        .get();
      if (input.answer && current.reporterId && current.reporterId !== curator) {
        const note = await tx.insert(notifications).values({ userId: current.reporterId, kind: 'feedback.answered', postId: id, actorId: curator, createdAt: now }).returning({ id: notifications.id }).get();
        context.events.emit('notifications.created', { notificationId: note.id, userId: current.reporterId });
      }
      return updated;
    }),
  );
  return (await presentAll(context, [row]))[0]!;
}

/** Share of "yes" answers per month and per document, for curators. */
export async function getSatisfaction(context: AppContext, viewer: Viewer, period: Period) {
  authorize(canCurate(viewer), viewer);
  const inPeriod = and(eq(feedback.kind, 'useful'), gte(feedback.createdAt, period.from), lt(feedback.createdAt, period.to));
  const month = sql<string>`substr(${feedback.createdAt}, 1, 7)`;
  const byMonth = await context.db
    .select({ month, useful: feedback.useful, n: count() })
    .from(feedback)
    .where(inPeriod)
    .groupBy(month, feedback.useful)
    .orderBy(month)
    .all();
  const byDocument = await context.db
    .select({ documentId: feedback.documentId, useful: feedback.useful, n: count() })
    .from(feedback)
    .where(and(inPeriod, sql`${feedback.documentId} is not null`))
    .groupBy(feedback.documentId, feedback.useful)
    .all();
  const fold = <K extends string>(rows: Array<{ key: K; useful: boolean | null; n: number }>) => {
    const out = new Map<K, { yes: number; no: number }>();
    for (const r of rows) {
      const cell = out.get(r.key) ?? { yes: 0, no: 0 };
      if (r.useful) cell.yes += Number(r.n);
      else cell.no += Number(r.n);
      out.set(r.key, cell);
    }
    return [...out].map(([key, c]) => ({ key, ...c }));
  };
  return {
    byMonth: fold(byMonth.map((r) => ({ key: r.month, useful: r.useful, n: r.n }))).map(({ key, yes, no }) => ({ month: key, yes, no })),
    byDocument: fold(byDocument.map((r) => ({ key: r.documentId ?? '', useful: r.useful, n: r.n })))
      .map(({ key, yes, no }) => ({ documentId: key, yes, no }))
      .sort((a, b) => b.no - a.no || a.documentId.localeCompare(b.documentId)),
  };
}

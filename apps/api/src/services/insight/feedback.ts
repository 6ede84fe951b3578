/**
 * Reader feedback: "Was this useful?" on documents and searches, and problem reports on documents, which
 * form the curators' queue. Comments are stored as the reader typed them and only ever rendered as text.
 */
import { documentConcepts, documents, feedback, notifications, type FeedbackStatus } from '@mep/db';
import { and, count, desc, eq, gte, inArray, like, lt, sql } from 'drizzle-orm';
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
      // Sending the same answer again (a "Close" that repeats it) neither re-dates it nor notifies twice.
      const fresh = input.answer?.trim() && input.answer.trim() !== current.answer ? input.answer.trim() : null;
      const answer = fresh ?? current.answer;
      const now = nowIso();
      const updated = await tx
        .update(feedback)
        .set({ answer, answeredBy: fresh ? curator : current.answeredBy, answeredAt: fresh ? now : current.answeredAt, status: input.close ? 'closed' : answer ? 'answered' : current.status })
        .where(eq(feedback.id, id))
        .returning()
        .get();
      if (fresh && current.reporterId && current.reporterId !== curator) {
        const note = await tx.insert(notifications).values({ userId: current.reporterId, kind: 'feedback.answered', postId: id, actorId: curator, createdAt: now }).returning({ id: notifications.id }).get();
        context.events.emit('notifications.created', { notificationId: note.id, userId: current.reporterId });
      }
      return updated;
    }),
  );
  return (await presentAll(context, [row]))[0]!;
}

/** "Was this useful?" answers over a period: per month, per document, per thematic area and per area and month. */
export interface Satisfaction {
  byMonth: Array<{ month: string; yes: number; no: number }>;
  byDocument: Array<{ documentId: string; title: string | null; yes: number; no: number }>;
  /** Per `theme:*` concept of the documents the answers were given on (search feedback has no document: not counted here). */
  byTheme: Array<{ theme: string; yes: number; no: number }>;
  byThemeMonth: Array<{ theme: string; month: string; yes: number; no: number }>;
}

type Tally = { yes: number; no: number };
const tallyOf = (rows: Array<{ key: string; useful: boolean | null; n: number | string }>): Map<string, Tally> => {
  const out = new Map<string, Tally>();
  for (const r of rows) {
    const cell = out.get(r.key) ?? { yes: 0, no: 0 };
    if (r.useful) cell.yes += Number(r.n);
    else cell.no += Number(r.n);
    out.set(r.key, cell);
  }
  return out;
};
/** Most "no" first, then by key: what needs attention comes first. */
const worstFirst = (a: Tally & { key: string }, b: Tally & { key: string }) => b.no - a.no || b.yes - a.yes || a.key.localeCompare(b.key);

/**
 * Satisfaction for curators. A thematic area counts the answers given on documents that carry its `theme:*`
 * concept now (the tagger adds a topic's theme too); an answer on a document with two themes counts for both.
 * Answers given under search results record only the query, not its filters, so they count in the months
 * but not by thematic area.
 */
export async function getSatisfaction(context: AppContext, viewer: Viewer, period: Period): Promise<Satisfaction> {
  authorize(canCurate(viewer), viewer);
  const inPeriod = and(eq(feedback.kind, 'useful'), gte(feedback.createdAt, period.from), lt(feedback.createdAt, period.to));
  const month = sql<string>`substr(${feedback.createdAt}, 1, 7)`;
  const byMonth = await context.db.select({ month, useful: feedback.useful, n: count() }).from(feedback).where(inPeriod).groupBy(month, feedback.useful).all();
  const byDocument = await context.db
    .select({ documentId: feedback.documentId, useful: feedback.useful, n: count() })
    .from(feedback)
    .where(and(inPeriod, sql`${feedback.documentId} is not null`))
    .groupBy(feedback.documentId, feedback.useful)
    .all();
  const byThemeMonth = await context.db
    .select({ theme: documentConcepts.conceptId, month, useful: feedback.useful, n: count() })
    .from(feedback)
    .innerJoin(documentConcepts, eq(documentConcepts.documentId, feedback.documentId))
    .where(and(inPeriod, like(documentConcepts.conceptId, 'theme:%')))
    .groupBy(documentConcepts.conceptId, month, feedback.useful)
    .all();
  const months = tallyOf(byMonth.map((r) => ({ key: r.month, useful: r.useful, n: r.n })));
  const docs = tallyOf(byDocument.map((r) => ({ key: r.documentId ?? '', useful: r.useful, n: r.n })));
  const themes = tallyOf(byThemeMonth.map((r) => ({ key: r.theme, useful: r.useful, n: r.n })));
  const ids = [...docs.keys()].filter(Boolean);
  const titles = new Map(ids.length ? (await context.db.select({ id: documents.id, title: documents.title }).from(documents).where(inArray(documents.id, ids)).all()).map((d) => [d.id, d.title]) : []);
  const themeMonths = tallyOf(byThemeMonth.map((r) => ({ key: `${r.theme}\u0000${r.month}`, useful: r.useful, n: r.n })));
  return {
    byMonth: [...months].map(([key, c]) => ({ month: key, ...c })).sort((a, b) => a.month.localeCompare(b.month)),
    byDocument: [...docs].map(([key, c]) => ({ key, ...c })).sort(worstFirst).map(({ key, yes, no }) => ({ documentId: key, title: titles.get(key) ?? null, yes, no })),
    byTheme: [...themes].map(([key, c]) => ({ key, ...c })).sort(worstFirst).map(({ key, yes, no }) => ({ theme: key, yes, no })),
    byThemeMonth: [...themeMonths]
      .map(([key, c]) => {
        const [theme = '', m = ''] = key.split('\u0000');
        return { theme, month: m, ...c };
      })
      .sort((a, b) => a.theme.localeCompare(b.theme) || a.month.localeCompare(b.month)),
  };
}

import { documents, notifications, outbox, users } from '@mep/db';
import { isLang, type Lang } from '@mep/vocabulary';
import type { Taxonomy } from '@mep/taxonomy';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { AppContext } from '../context';
import { canViewDocument } from '../policies';
import { escapeHtml } from './markdown';
import { visibleThreadTitles } from './notifications';
import { viewerOfUserId } from './sessions';
import { nowIso } from './store';

type DigestCtx = Pick<AppContext, 'db' | 'config' | 'log'> & { taxonomy?: Pick<Taxonomy, 'getConcept'> };

/** The digest's section on followed concepts, in the reader's language (the rest of the digest is English for now). */
const FOLLOWED_DOCUMENTS: Record<Lang, { heading: string; on: string }> = {
  ar: { heading: 'وثائق جديدة منشورة في المواضيع التي تتابعها:', on: 'عن' },
  en: { heading: 'New documents published on the topics you follow:', on: 'on' },
  es: { heading: 'Nuevos documentos publicados sobre los temas que sigue:', on: 'sobre' },
  fr: { heading: 'Nouveaux documents publiés sur les sujets que vous suivez :', on: 'sur' },
  ru: { heading: 'Новые опубликованные документы по темам, за которыми вы следите:', on: 'по теме' },
  zh: { heading: '您关注的主题有新发布的文件：', on: '主题' },
};

/** Attempts before an e-mail is left alone (it stays in the outbox with its last error). */
export const MAX_SEND_ATTEMPTS = 5;
/** How long a claimed e-mail is reserved for its sender; 500 SMTP sends fit well within it. */
const EMAIL_LEASE_MS = 10 * 60_000;

/**
 * Queues one digest e-mail per user with unread notifications not yet sent in a digest. At most one
 * digest per user and UTC day (the outbox's dedupe key), so running it hourly is safe; notifications
 * that arrive after today's digest wait for tomorrow's.
 */
export async function queueDailyDigests(context: DigestCtx, now = new Date()): Promise<number> {
  const { db, config } = context;
  const day = now.toISOString().slice(0, 10);
  const pending = await db
    .select({ notification: notifications, user: users })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(isNull(notifications.readAt), isNull(notifications.digestedAt), lte(notifications.createdAt, now.toISOString()), isNull(users.deletedAt), eq(users.digestEnabled, true), isNotNull(users.email)))
    .orderBy(asc(notifications.id))
    .all();
  const byUser = new Map<string, typeof pending>();
  for (const row of pending) {
    const rows = byUser.get(row.user.id);
    if (rows) rows.push(row);
    else byUser.set(row.user.id, [row]);
  }
  const link = (threadId: number) => `${config.publicUrl.replace(/\/$/, '')}/forums/threads/${threadId}`;
  const documentLink = (documentId: string) => `${config.publicUrl.replace(/\/$/, '')}/documents/${documentId}`;

  let queued = 0;
  await db.transaction(async (tx) => {
    for (const [userId, rows] of byUser) {
      const user = rows[0]!.user;
      const viewer = await viewerOfUserId(tx, userId);
      // Threads the user may no longer see (left a private forum, thread deleted) are left out entirely.
      const visible = await visibleThreadTitles(tx, viewer, rows.flatMap((r) => (r.notification.threadId ? [r.notification.threadId] : [])));
      // Newly published documents tagged with a followed concept, if the reader may (still) see them.
      const documentIds = [...new Set(rows.flatMap((r) => (r.notification.kind === 'concept.document' && r.notification.documentId ? [r.notification.documentId] : [])))];
      const docRows = documentIds.length ? await tx.select({ id: documents.id, title: documents.title, status: documents.status, submittedBy: documents.submittedBy }).from(documents).where(inArray(documents.id, documentIds)).all() : [];
      const visibleDocs = new Map(docRows.filter((d) => canViewDocument(viewer, d)).map((d) => [d.id, d.title]));
      const lang: Lang = isLang(user.locale) ? user.locale : 'en';
      const perDocument = new Map<string, { title: string; concept: string }>();
      for (const { notification } of rows) {
        const title = notification.documentId ? visibleDocs.get(notification.documentId) : undefined;
        if (notification.kind !== 'concept.document' || !notification.documentId || title === undefined || perDocument.has(notification.documentId)) continue;
        const conceptId = notification.conceptId ?? '';
        perDocument.set(notification.documentId, { title, concept: context.taxonomy?.getConcept(conceptId)?.prefLabel[lang] ?? conceptId });
      }
      const perThread = new Map<number, { title: string; count: number }>();
      for (const { notification } of rows) {
        const title = notification.threadId ? visible.get(notification.threadId) : undefined;
        if (!notification.threadId || title === undefined) continue;
        const entry = perThread.get(notification.threadId) ?? { title, count: 0 };
        entry.count += 1;
        perThread.set(notification.threadId, entry);
      }
      if (!perThread.size && !perDocument.size) {
        await tx.update(notifications).set({ digestedAt: nowIso(now) }).where(inArray(notifications.id, rows.map((r) => r.notification.id))).run();
        continue;
      }
      const total = [...perThread.values()].reduce((sum, t) => sum + t.count, 0) + perDocument.size;
      const words = FOLLOWED_DOCUMENTS[lang];
      const textParts: string[] = [];
      const htmlParts: string[] = [];
      if (perThread.size) {
        textParts.push(`New activity in the discussions you follow:\n\n${[...perThread].map(([threadId, t]) => `- ${t.title} (${t.count} new) ${link(threadId)}`).join('\n')}`);
        htmlParts.push(`<p>New activity in the discussions you follow:</p><ul>${[...perThread].map(([threadId, t]) => `<li><a href="${escapeHtml(link(threadId))}">${escapeHtml(t.title)}</a> (${t.count} new)</li>`).join('')}</ul>`);
      }
      if (perDocument.size) {
        textParts.push(`${words.heading}\n\n${[...perDocument].map(([id, d]) => `- ${d.title} (${words.on} ${d.concept}) ${documentLink(id)}`).join('\n')}`);
        htmlParts.push(
          `<p dir="auto">${escapeHtml(words.heading)}</p><ul>${[...perDocument].map(([id, d]) => `<li dir="auto"><a href="${escapeHtml(documentLink(id))}">${escapeHtml(d.title)}</a> (${escapeHtml(words.on)} ${escapeHtml(d.concept)})</li>`).join('')}</ul>`,
        );
      }
      const inserted = await tx
        .insert(outbox)
        .values({
          dedupeKey: `digest:${userId}:${day}`,
          userId,
          toAddress: user.email as string,
          subject: `Minamata Exchange Platform: ${total} new in the ${perDocument.size ? 'discussions and topics' : 'discussions'} you follow`,
          text: `Hello ${user.displayName},\n\n${textParts.join('\n\n')}\n\nChange your e-mail settings on your profile page.\n`,
          html: `<p>Hello ${escapeHtml(user.displayName)},</p>${htmlParts.join('')}<p>Change your e-mail settings on your profile page.</p>`,
          createdAt: nowIso(now),
        })
        .onConflictDoNothing()
        .run();
      if (!inserted.changes) continue;
      queued += 1;
      await tx.update(notifications).set({ digestedAt: nowIso(now) }).where(inArray(notifications.id, rows.map((r) => r.notification.id))).run();
    }
  });
  return queued;
}

/**
 * Sends what waits in the outbox through SMTP_URL. Without SMTP nothing is sent and the e-mails stay
 * queued. Failures are recorded on the row and retried on the next run, up to MAX_SEND_ATTEMPTS.
 */
export function sendQueuedEmails(context: DigestCtx): Promise<{ sent: number; failed: number; skipped: boolean }> {
  // One flush at a time in this process: two overlapping ones read the same unsent rows and sent them twice.
  const run = flushing.then(() => flushOutbox(context));
  flushing = run.catch(() => undefined);
  return run;
}
let flushing: Promise<unknown> = Promise.resolve();

/**
 * Claims up to `limit` unsent e-mails for this caller, oldest first. One UPDATE sets a lease only on rows
 * without a live one, so two processes (or API nodes) flushing at once never take the same row (SQLite runs
 * it alone; PostgreSQL re-checks the condition on a row another transaction just claimed). A process that
 * dies mid-send leaves the lease to expire and the e-mail to the next flush.
 */
export async function claimQueuedEmails(db: DigestCtx['db'], limit = 500, now = new Date()): Promise<(typeof outbox.$inferSelect)[]> {
  const token = randomUUID();
  const free = or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now.toISOString()));
  const due = db.select({ id: outbox.id }).from(outbox).where(and(isNull(outbox.sentAt), lt(outbox.attempts, MAX_SEND_ATTEMPTS), free)).orderBy(asc(outbox.id)).limit(limit);
  const rows = await db
    .update(outbox)
    .set({ claimedBy: token, claimedUntil: new Date(now.getTime() + EMAIL_LEASE_MS).toISOString() })
    .where(and(inArray(outbox.id, due), isNull(outbox.sentAt), free))
    .returning()
    .all();
  return rows.sort((a, b) => a.id - b.id);
}

async function flushOutbox(context: DigestCtx): Promise<{ sent: number; failed: number; skipped: boolean }> {
  const { db, config } = context;
  if (!config.smtpUrl) return { sent: 0, failed: 0, skipped: true };
  const transport = nodemailer.createTransport(config.smtpUrl);
  const rows = await claimQueuedEmails(db);
  let sent = 0;
  let failed = 0;
  try {
    for (const row of rows) {
      try {
        await transport.sendMail({ from: config.mailFrom, to: row.toAddress, subject: row.subject, text: row.text, ...(row.html ? { html: row.html } : {}) });
        await db.update(outbox).set({ sentAt: nowIso(), attempts: row.attempts + 1, lastError: null, claimedBy: null, claimedUntil: null }).where(eq(outbox.id, row.id)).run();
        sent += 1;
      } catch (error) {
        failed += 1;
        await db.update(outbox).set({ attempts: row.attempts + 1, lastError: String((error as Error).message ?? error).slice(0, 500), claimedBy: null, claimedUntil: null }).where(eq(outbox.id, row.id)).run();
        context.log.error(`Sending e-mail ${row.id} failed`, error);
      }
    }
  } finally {
    transport.close();
  }
  return { sent, failed, skipped: false };
}

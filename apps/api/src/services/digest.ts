import { notifications, outbox, users } from '@mep/db';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { AppContext } from '../context';
import { escapeHtml } from './markdown';
import { visibleThreadTitles } from './notifications';
import { viewerOfUserId } from './sessions';
import { nowIso } from './store';

type DigestCtx = Pick<AppContext, 'db' | 'config' | 'log'>;

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

  let queued = 0;
  await db.transaction(async (tx) => {
    for (const [userId, rows] of byUser) {
      const user = rows[0]!.user;
      // Threads the user may no longer see (left a private forum, thread deleted) are left out entirely.
      const visible = await visibleThreadTitles(tx, await viewerOfUserId(tx, userId), rows.flatMap((r) => (r.notification.threadId ? [r.notification.threadId] : [])));
      const perThread = new Map<number, { title: string; count: number }>();
      for (const { notification } of rows) {
        const title = notification.threadId ? visible.get(notification.threadId) : undefined;
        if (!notification.threadId || title === undefined) continue;
        const entry = perThread.get(notification.threadId) ?? { title, count: 0 };
        entry.count += 1;
        perThread.set(notification.threadId, entry);
      }
      if (!perThread.size) {
        await tx.update(notifications).set({ digestedAt: nowIso(now) }).where(inArray(notifications.id, rows.map((r) => r.notification.id))).run();
        continue;
      }
      const total = [...perThread.values()].reduce((sum, t) => sum + t.count, 0);
      const lines = [...perThread].map(([threadId, t]) => `- ${t.title} (${t.count} new) ${link(threadId)}`);
      const items = [...perThread].map(([threadId, t]) => `<li><a href="${escapeHtml(link(threadId))}">${escapeHtml(t.title)}</a> (${t.count} new)</li>`);
      const inserted = await tx
        .insert(outbox)
        .values({
          dedupeKey: `digest:${userId}:${day}`,
          userId,
          toAddress: user.email as string,
          subject: `Minamata Exchange Platform: ${total} new in the discussions you follow`,
          text: `Hello ${user.displayName},\n\nNew activity in the discussions you follow:\n\n${lines.join('\n')}\n\nChange your e-mail settings on your profile page.\n`,
          html: `<p>Hello ${escapeHtml(user.displayName)},</p><p>New activity in the discussions you follow:</p><ul>${items.join('')}</ul><p>Change your e-mail settings on your profile page.</p>`,
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

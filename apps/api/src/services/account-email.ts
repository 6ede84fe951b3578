/**
 * Everything an account does through its e-mail address: password reset, address verification (no
 * posting before it) and address change. Links are single-use tokens (account-tokens.ts). Answers
 * never tell whether an address has an account: a reset request and a change to a taken address answer
 * like any other; the e-mails sent say what happened, to the address's owner only.
 */
import { randomBytes } from 'node:crypto';
import { outbox, runInTransaction, sessions, users } from '@mep/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../context';
import { ApiError, ConflictError, ValidationError } from '../errors';
import type { Viewer } from '../policies';
import { findAccountToken, issueAccountToken, spendAccountToken } from './account-tokens';
import { getUser, normalizeEmail } from './accounts';
import { sendQueuedEmails } from './digest';
import { assertStrongPassword } from './password-policy';
import { hashPassword, verifyPassword } from './passwords';

type MailCtx = Pick<AppContext, 'db' | 'config' | 'log'>;

const siteOf = (context: MailCtx) => context.config.publicUrl.replace(/\/$/, '');

/** Queues one e-mail and sends the queue now (a failure stays in the outbox for the next run). */
async function mailNow(context: MailCtx, mail: { userId: string; to: string; subject: string; text: string; kind: string }): Promise<void> {
  await context.db
    .insert(outbox)
    .values({ dedupeKey: `${mail.kind}:${mail.userId}:${randomBytes(9).toString('base64url')}`, userId: mail.userId, toAddress: mail.to, subject: mail.subject, text: mail.text, createdAt: new Date().toISOString() })
    .run();
  void sendQueuedEmails(context).catch((error) => context.log.error(`Sending the ${mail.kind} e-mail failed`, error));
}

async function liveUserByEmail(context: MailCtx, email: string) {
  return context.db.select().from(users).where(and(eq(users.email, normalizeEmail(email)), isNull(users.deletedAt))).get();
}

/** The link that proves an address: verification after registration, or again on request. */
export async function sendEmailVerification(context: MailCtx, user: { id: string; email: string | null; displayName: string }): Promise<void> {
  if (!user.email) return;
  const token = await issueAccountToken(context.db, user.id, 'email_verification', user.email);
  await mailNow(context, {
    kind: 'verify',
    userId: user.id,
    to: user.email,
    subject: 'Confirm your e-mail address',
    text: `Hello ${user.displayName},\n\nTo take part in the forums of the Minamata Exchange Platform, confirm this address by opening:\n${siteOf(context)}/verify-email?token=${token}\n\nThe link works once, for 7 days.\n`,
  });
}

/** Re-sends the verification link to the signed-in user (nothing when already verified). */
export async function resendEmailVerification(context: MailCtx, viewer: Viewer): Promise<void> {
  const user = await getUser(context.db, viewer.userId as string);
  if (!user.emailVerifiedAt) await sendEmailVerification(context, user);
}

/**
 * Starts a password reset. The same (silent) result whether or not the address has an account; when
 * it has, a link valid for one hour goes to it.
 */
export async function requestPasswordReset(context: MailCtx, email: string): Promise<void> {
  const user = await liveUserByEmail(context, email);
  if (!user?.email) return;
  const token = await issueAccountToken(context.db, user.id, 'password_reset', user.email);
  await mailNow(context, {
    kind: 'reset',
    userId: user.id,
    to: user.email,
    subject: 'Reset your password',
    text: `Hello ${user.displayName},\n\nSomeone (perhaps you) asked to reset the password of your Minamata Exchange Platform account. To choose a new one, open:\n${siteOf(context)}/reset-password?token=${token}\n\nThe link works once, for one hour. If you did not ask, ignore this e-mail: your password stays as it is.\n`,
  });
}

/**
 * Sets a new password with a reset link: the password must be strong (checked before the link is
 * spent, so a refused password does not burn it); every session of the account ends; the address
 * counts as verified (the link reached it).
 */
export async function resetPassword(context: Pick<AppContext, 'db' | 'events'>, token: string, newPassword: string, now = new Date()): Promise<number> {
  const { db } = context;
  const row = await findAccountToken(db, token, ['password_reset'], now);
  const user = await getUser(db, row.userId);
  if (user.email !== row.email) throw new ApiError('invalid_token', 'This link is not valid any more (used, expired or replaced by a newer one); ask for a new one.', 400);
  assertStrongPassword(newPassword, [user.email ?? '', user.displayName]);
  const passwordHash = await hashPassword(newPassword);
  return context.events.afterCommit(async () => {
    const ended = await runInTransaction(db, async (tx) => {
      await spendAccountToken(tx, row, now);
      await tx.update(users).set({ passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now.toISOString() }).where(eq(users.id, user.id)).run();
      return (await tx.delete(sessions).where(eq(sessions.userId, user.id)).run()).changes;
    });
    context.events.emit('sessions.revoked', { userId: user.id, sessionIds: 'all' });
    return ended;
  });
}

/** What a verification or change link did. */
export type EmailConfirmation = 'verified' | 'changed';

/** Opens an address link: verifies the address, or switches the account to the new one. */
export async function confirmEmailToken(context: Pick<AppContext, 'db'>, token: string, now = new Date()): Promise<EmailConfirmation> {
  const { db } = context;
  const row = await findAccountToken(db, token, ['email_verification', 'email_change'], now);
  const user = await getUser(db, row.userId);
  if (row.purpose === 'email_verification') {
    // The account changed address since the link was sent: the link speaks for the old one.
    if (user.email !== row.email) throw new ApiError('invalid_token', 'This link is not valid any more (used, expired or replaced by a newer one); ask for a new one.', 400);
    await runInTransaction(db, async (tx) => {
      await spendAccountToken(tx, row, now);
      await tx.update(users).set({ emailVerifiedAt: user.emailVerifiedAt ?? now.toISOString() }).where(eq(users.id, user.id)).run();
    });
    return 'verified';
  }
  const taken = await liveUserByEmail({ db } as MailCtx, row.email);
  if (taken && taken.id !== user.id) throw new ConflictError('email_taken', 'Another account uses this address now.');
  try {
    await runInTransaction(db, async (tx) => {
      await spendAccountToken(tx, row, now);
      await tx.update(users).set({ email: row.email, emailVerifiedAt: now.toISOString() }).where(eq(users.id, user.id)).run();
    });
  } catch (error) {
    if (/unique/i.test(String((error as Error).message))) throw new ConflictError('email_taken', 'Another account uses this address now.');
    throw error;
  }
  return 'changed';
}

/**
 * Asks to move the signed-in account to another address (current password required). The new
 * address gets a confirmation link (or, when another account has it, a note saying so); the current
 * address is told. The account keeps its address until the link is opened.
 */
export async function requestEmailChange(context: MailCtx, viewer: Viewer, password: string, newEmail: string): Promise<void> {
  const user = await getUser(context.db, viewer.userId as string);
  if (!(await verifyPassword(password, user.passwordHash))) throw new ApiError('invalid_credentials', 'The current password is not right.', 401);
  const email = normalizeEmail(newEmail);
  if (email === user.email) throw new ValidationError('This is already your e-mail address.');
  const site = siteOf(context);
  const holder = await liveUserByEmail(context, email);
  if (holder) {
    await mailNow(context, {
      kind: 'email-change-taken',
      userId: holder.id,
      to: email,
      subject: 'Someone tried to use your e-mail address',
      text: `Hello ${holder.displayName},\n\nSomeone tried to move another Minamata Exchange Platform account to this address, which already has an account. Nothing was changed.\n`,
    });
  } else {
    const token = await issueAccountToken(context.db, user.id, 'email_change', email);
    await mailNow(context, {
      kind: 'email-change',
      userId: user.id,
      to: email,
      subject: 'Confirm your new e-mail address',
      text: `Hello ${user.displayName},\n\nTo use this address for your Minamata Exchange Platform account, open:\n${site}/verify-email?token=${token}\n\nThe link works once, for 24 hours.\n`,
    });
  }
  if (user.email) {
    await mailNow(context, {
      kind: 'email-change-notice',
      userId: user.id,
      to: user.email,
      subject: 'Your e-mail address is being changed',
      text: `Hello ${user.displayName},\n\nSomeone signed in to your account asked to move it to another e-mail address. It changes only once the link sent there is opened. If this was not you, change your password at ${site}/account.\n`,
    });
  }
}

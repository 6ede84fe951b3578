import { randomBytes } from 'node:crypto';
import { auditLog, flags, follows, forumMembers, lockRowsForUpdate, notifications, outbox, postRevisions, posts, sessions, surveyResponses, threads, users, type Db, type UserRole, likeInsensitive } from '@mep/db';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { enqueueSearchUpdates } from '@mep/ingest';
import type { AppContext } from '../context';
import { ApiError, ConflictError, NotFoundError, ValidationError } from '../errors';
import type { EventBus } from '../events';
import type { Viewer } from '../policies';
import { issueAccountToken } from './account-tokens';
import { sendQueuedEmails } from './digest';
import { normalizeDisplayName } from './display-names';
import { assertStrongPassword } from './password-policy';
import { hashPassword, verifyPassword } from './passwords';
import { nowIso } from './store';

type UserRow = typeof users.$inferSelect;

export { PASSWORD_MIN_LENGTH } from './password-policy';

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  role?: UserRole;
  party?: string | null;
  locale?: string | null;
  /**
   * Whether the address counts as verified from the start: yes for accounts an administrator makes
   * (CLI); self-registration passes false and sends a verification link (see account-email.ts).
   */
  emailVerified?: boolean;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Checks the few rules a role carries: a focal point speaks for exactly one party. */
function checkRoleParty(role: UserRole, party: string | null | undefined): void {
  if (role === 'focal_point' && !party) throw new ValidationError('A focal point must be tied to a party (party:<ISO3>).');
  if (party && !/^party:[A-Z]{3}$/.test(party)) throw new ValidationError('party must look like party:<ISO3>, e.g. party:BRA.');
}

/** Creates an account; the e-mail must be new. Used by registration (role member) and the CLI. */
export async function createUser(db: Db, input: NewUser, now = new Date()): Promise<UserRow> {
  const email = normalizeEmail(input.email);
  const role = input.role ?? 'member';
  checkRoleParty(role, input.party);
  const displayName = await normalizeDisplayName(db, input.displayName, { role });
  assertStrongPassword(input.password, [email, displayName]);
  if ((await db.select({ id: users.id }).from(users).where(eq(users.email, email)).get())) {
    throw new ConflictError('email_taken', 'An account with this e-mail already exists.');
  }
  const passwordHash = await hashPassword(input.password);
  const row: UserRow = {
    id: `u_${randomBytes(9).toString('base64url')}`,
    email,
    passwordHash,
    displayName,
    role,
    party: input.party ?? null,
    locale: input.locale ?? null,
    digestEnabled: true,
    createdAt: now.toISOString(),
    deletedAt: null,
    emailVerifiedAt: input.emailVerified === false ? null : now.toISOString(),
  };
  try {
    await db.insert(users).values(row).run();
  } catch (error) {
    // Two registrations of the same e-mail racing past the check above.
    if (String((error as Error).message).includes('UNIQUE')) throw new ConflictError('email_taken', 'An account with this e-mail already exists.');
    throw error;
  }
  return row;
}

export interface Registration {
  email: string;
  password: string;
  displayName: string;
  locale?: string | null;
}

/**
 * Self-registration of a member. The answer is the same whether or not the e-mail already has an
 * account (no account enumeration); the e-mail sent to the address says which it was. A taken
 * address costs the same password hash as a new one, so timing does not tell either.
 */
export async function registerMember(context: Pick<AppContext, 'db' | 'config' | 'log'>, input: Registration): Promise<void> {
  const { db } = context;
  const email = normalizeEmail(input.email);
  // Checks that depend only on the input (not on the database) may answer differently.
  const displayName = await normalizeDisplayName(db, input.displayName, { role: 'member' });
  assertStrongPassword(input.password, [email, displayName]);
  let created: UserRow | undefined;
  try {
    created = await createUser(db, { ...input, email, displayName, role: 'member', emailVerified: false });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    await hashPassword(input.password);
  }
  const existing = created ?? await db.select().from(users).where(eq(users.email, email)).get();
  if (!existing) return;
  const site = context.config.publicUrl.replace(/\/$/, '');
  // A new account gets the link that verifies its address (needed before posting) in its welcome e-mail.
  const verifyLink = created ? `${site}/verify-email?token=${await issueAccountToken(db, created.id, 'email_verification', email)}` : '';
  const mail = created
    ? {
        subject: 'Welcome to the Minamata Exchange Platform',
        text: `Hello ${created.displayName},\n\nYour account is ready: sign in at ${site}/sign-in with this e-mail address and the password you chose.\nTo take part in the forums, confirm this address by opening:\n${verifyLink}\n\nThe link works once, for 7 days.\n`,
      }
    : {
        subject: 'Someone tried to register with your e-mail address',
        text: `Hello ${existing.displayName},\n\nSomeone (perhaps you) tried to create an account on the Minamata Exchange Platform with this e-mail address, which already has one. Nothing was changed.\nTo use your account, sign in at ${site}/sign-in. If you have forgotten your password, reset it from that page.\n`,
      };
  await db.insert(outbox)
    .values({ dedupeKey: `register:${existing.id}:${randomBytes(9).toString('base64url')}`, userId: existing.id, toAddress: email, ...mail, createdAt: nowIso() })
    .run();
  // Sent now rather than with the next hourly digest run; a failure stays in the outbox for a retry.
  void sendQueuedEmails(context).catch((error) => context.log.error('Sending the registration e-mail failed', error));
}

/**
 * Changes the signed-in user's password after checking the current one, and ends every other
 * session of theirs (their live connections included); returns how many sessions were ended.
 */
export async function changePassword(db: Db, events: EventBus, viewer: Viewer, currentPassword: string, newPassword: string): Promise<number> {
  const user = await getUser(db, viewer.userId as string);
  if (!(await verifyPassword(currentPassword, user.passwordHash))) throw new ApiError('invalid_credentials', 'The current password is not right.', 401);
  assertStrongPassword(newPassword, [user.email, user.displayName]);
  if (newPassword.normalize('NFKC') === currentPassword.normalize('NFKC')) throw new ValidationError('The new password must differ from the current one.');
  const passwordHash = await hashPassword(newPassword);
  return events.afterCommit(async () => {
    const others = await db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
      const ids = (await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id)).all()).map((s) => s.id).filter((id) => id !== viewer.sessionId);
      if (ids.length) await tx.delete(sessions).where(inArray(sessions.id, ids)).run();
      return ids;
    });
    if (others.length) events.emit('sessions.revoked', { userId: user.id, sessionIds: others });
    return others.length;
  });
}

/** Checks e-mail and password; the same error for an unknown e-mail and a wrong password. */
export async function authenticate(db: Db, email: string, password: string): Promise<UserRow> {
  const user = await db.select().from(users).where(eq(users.email, normalizeEmail(email))).get();
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !ok || user.deletedAt) throw new ApiError('invalid_credentials', 'The e-mail or password is not right.', 401);
  return user;
}

export async function getUser(db: Db, userId: string): Promise<UserRow> {
  const user = await db.select().from(users).where(eq(users.id, userId)).get();
  if (!user || user.deletedAt) throw new NotFoundError('The user');
  return user;
}

/** Live accounts, oldest first, optionally those whose name or e-mail contains `q` (at most 200). */
export async function listUsers(db: Db, q?: string): Promise<UserRow[]> {
  const pattern = q ? `%${q.replace(/[%_]/g, '')}%` : undefined;
  return db
    .select()
    .from(users)
    .where(and(isNull(users.deletedAt), pattern ? or(likeInsensitive(db, users.displayName, pattern), likeInsensitive(db, users.email, pattern)) : undefined))
    .orderBy(users.createdAt)
    .limit(200)
    .all();
}

/** Updates what a user may change about themselves. */
export async function updateProfile(db: Db, userId: string, patch: { displayName?: string; locale?: string | null; digestEnabled?: boolean }): Promise<UserRow> {
  const values: Partial<UserRow> = {};
  if (patch.displayName !== undefined) values.displayName = await normalizeDisplayName(db, patch.displayName, await getUser(db, userId));
  if (patch.locale !== undefined) values.locale = patch.locale;
  if (patch.digestEnabled !== undefined) values.digestEnabled = patch.digestEnabled;
  if (Object.keys(values).length) {
    await db.transaction(async (tx) => {
      await tx.update(users).set(values).where(eq(users.id, userId)).run();
      // The posts index shows the author's name.
      if (values.displayName !== undefined) {
        const postIds = (await tx.select({ id: posts.id }).from(posts).where(eq(posts.authorId, userId)).all()).map((p) => p.id);
        await enqueueSearchUpdates(tx, 'post', postIds);
      }
    });
  }
  return getUser(db, userId);
}

/**
 * Changes a user's role and party (admin only; the caller checks the policy), audited in the same
 * transaction. The last administrator cannot be demoted (409 `last_admin`): the admin rows are locked
 * first, so two admins demoting each other at once cannot both succeed. A party belongs to focal points
 * only. `users.role.changed` makes their live connections re-check every room they are in, on every node.
 */
export async function setUserRole(db: Db, events: EventBus, actor: Viewer, userId: string, role: UserRole, party: string | null): Promise<UserRow> {
  checkRoleParty(role, party);
  const before = await getUser(db, userId);
  const newParty = role === 'focal_point' ? party : null;
  await events.afterCommit(async () => {
    await db.transaction(async (tx) => {
      const admins = (await tx.all<{ id: string }>(sql`select ${users.id} as id from ${users} where ${users.role} = 'admin' and ${users.deletedAt} is null${lockRowsForUpdate(tx)}`)).map((a) => a.id);
      if (role !== 'admin' && admins.includes(userId) && admins.length <= 1) {
        throw new ConflictError('last_admin', 'This is the last administrator: make someone else an administrator first.');
      }
      await tx.update(users).set({ role, party: newParty }).where(eq(users.id, userId)).run();
      await tx.insert(auditLog)
        .values({ actorId: actor.userId ?? 'system', action: 'user.role', targetType: 'user', targetId: userId, details: { from: before.role, role, fromParty: before.party, party: newParty }, createdAt: nowIso() })
        .run();
    });
    events.emit('users.role.changed', { userId, role });
  });
  return getUser(db, userId);
}

/** Everything the platform holds about a user, for the "download my data" button. */
export async function exportUserData(db: Db, userId: string): Promise<Record<string, unknown>> {
  const user = await getUser(db, userId);
  const { passwordHash: _secret, ...profile } = user;
  return {
    exportedAt: new Date().toISOString(),
    profile,
    sessions: await db.select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent }).from(sessions).where(eq(sessions.userId, userId)).all(),
    threads: await db.select({ id: threads.id, forumId: threads.forumId, title: threads.title, createdAt: threads.createdAt }).from(threads).where(eq(threads.authorId, userId)).all(),
    posts: await db
      .select({ id: posts.id, threadId: posts.threadId, body: posts.body, status: posts.status, createdAt: posts.createdAt, editedAt: posts.editedAt })
      .from(posts)
      .where(eq(posts.authorId, userId))
      .all(),
    follows: await db.select({ targetType: follows.targetType, targetId: follows.targetId, createdAt: follows.createdAt }).from(follows).where(eq(follows.userId, userId)).all(),
    notifications: await db.select().from(notifications).where(eq(notifications.userId, userId)).all(),
    flags: await db.select({ postId: flags.postId, reason: flags.reason, status: flags.status, createdAt: flags.createdAt }).from(flags).where(eq(flags.reporterId, userId)).all(),
    forumMemberships: await db.select({ forumId: forumMembers.forumId, addedAt: forumMembers.addedAt }).from(forumMembers).where(eq(forumMembers.userId, userId)).all(),
    surveyResponses: await db
      .select({ surveyId: surveyResponses.surveyId, party: surveyResponses.party, answers: surveyResponses.answers, createdAt: surveyResponses.createdAt, updatedAt: surveyResponses.updatedAt })
      .from(surveyResponses)
      .where(eq(surveyResponses.userId, userId))
      .all(),
  };
}

/**
 * Deletes an account after checking the password. Personal data goes; posts stay (threads keep
 * making sense) and show as written by "deleted user".
 */
export async function deleteAccount(db: Db, events: EventBus, userId: string, password: string, now = new Date()): Promise<void> {
  const user = await getUser(db, userId);
  if (!(await verifyPassword(password, user.passwordHash))) throw new ApiError('invalid_credentials', 'The password is not right.', 401);
  const postIds = (await db.select({ id: posts.id }).from(posts).where(eq(posts.authorId, userId)).all()).map((p) => p.id);
  await events.afterCommit(async () => {
    await db.transaction(async (tx) => {
      await tx.delete(sessions).where(eq(sessions.userId, userId)).run();
      await tx.delete(follows).where(eq(follows.userId, userId)).run();
      await tx.delete(notifications).where(eq(notifications.userId, userId)).run();
      await tx.delete(forumMembers).where(eq(forumMembers.userId, userId)).run();
      await tx.delete(outbox).where(eq(outbox.userId, userId)).run();
      await tx.delete(flags).where(eq(flags.reporterId, userId)).run();
      // Earlier versions of their posts are personal data too.
      if (postIds.length) await tx.delete(postRevisions).where(inArray(postRevisions.postId, postIds)).run();
      // Their posts stay searchable under "deleted user".
      await enqueueSearchUpdates(tx, 'post', postIds);
      await tx.update(users)
        .set({ email: null, passwordHash: null, displayName: '', party: null, locale: null, digestEnabled: false, deletedAt: now.toISOString() })
        .where(eq(users.id, userId))
        .run();
    });
    events.emit('users.deleted', { userId, postIds });
    events.emit('sessions.revoked', { userId, sessionIds: 'all' });
  });
}

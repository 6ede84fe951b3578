import { randomBytes } from 'node:crypto';
import { flags, follows, forumMembers, notifications, outbox, postRevisions, posts, sessions, threads, users, type Db, type UserRole } from '@mep/db';
import { and, eq, inArray, isNull, like, or } from 'drizzle-orm';
import { ApiError, ConflictError, NotFoundError, ValidationError } from '../errors';
import type { EventBus } from '../events';
import { PASSWORD_MIN_LENGTH } from '@mep/vocabulary';
import { hashPassword, verifyPassword } from './passwords';

type UserRow = typeof users.$inferSelect;

export { PASSWORD_MIN_LENGTH };

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  role?: UserRole;
  party?: string | null;
  locale?: string | null;
}

const normalizeEmail = (email: string) => email.trim().toLowerCase();

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
  if (input.password.length < PASSWORD_MIN_LENGTH) throw new ValidationError(`The password must have at least ${PASSWORD_MIN_LENGTH} characters.`);
  if (db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
    throw new ConflictError('email_taken', 'An account with this e-mail already exists.');
  }
  const passwordHash = await hashPassword(input.password);
  const row: UserRow = {
    id: `u_${randomBytes(9).toString('base64url')}`,
    email,
    passwordHash,
    displayName: input.displayName.trim(),
    role,
    party: input.party ?? null,
    locale: input.locale ?? null,
    digestEnabled: true,
    createdAt: now.toISOString(),
    deletedAt: null,
  };
  try {
    db.insert(users).values(row).run();
  } catch (error) {
    // Two registrations of the same e-mail racing past the check above.
    if (String((error as Error).message).includes('UNIQUE')) throw new ConflictError('email_taken', 'An account with this e-mail already exists.');
    throw error;
  }
  return row;
}

/** Checks e-mail and password; the same error for an unknown e-mail and a wrong password. */
export async function authenticate(db: Db, email: string, password: string): Promise<UserRow> {
  const user = db.select().from(users).where(eq(users.email, normalizeEmail(email))).get();
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !ok || user.deletedAt) throw new ApiError('invalid_credentials', 'The e-mail or password is not right.', 401);
  return user;
}

export function getUser(db: Db, userId: string): UserRow {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user || user.deletedAt) throw new NotFoundError('The user');
  return user;
}

/** Live accounts, oldest first, optionally those whose name or e-mail contains `q` (at most 200). */
export function listUsers(db: Db, q?: string): UserRow[] {
  const pattern = q ? `%${q.replace(/[%_]/g, '')}%` : undefined;
  return db
    .select()
    .from(users)
    .where(and(isNull(users.deletedAt), pattern ? or(like(users.displayName, pattern), like(users.email, pattern)) : undefined))
    .orderBy(users.createdAt)
    .limit(200)
    .all();
}

/** Updates what a user may change about themselves. */
export function updateProfile(db: Db, userId: string, patch: { displayName?: string; locale?: string | null; digestEnabled?: boolean }): UserRow {
  const values: Partial<UserRow> = {};
  if (patch.displayName !== undefined) values.displayName = patch.displayName.trim();
  if (patch.locale !== undefined) values.locale = patch.locale;
  if (patch.digestEnabled !== undefined) values.digestEnabled = patch.digestEnabled;
  if (Object.keys(values).length) db.update(users).set(values).where(eq(users.id, userId)).run();
  return getUser(db, userId);
}

/** Changes a user's role (admin only; the caller checks the policy). */
export function setUserRole(db: Db, userId: string, role: UserRole, party: string | null): UserRow {
  checkRoleParty(role, party);
  getUser(db, userId);
  db.update(users).set({ role, party }).where(eq(users.id, userId)).run();
  return getUser(db, userId);
}

/** Everything the platform holds about a user, for the "download my data" button. */
export function exportUserData(db: Db, userId: string): Record<string, unknown> {
  const user = getUser(db, userId);
  const { passwordHash: _secret, ...profile } = user;
  return {
    exportedAt: new Date().toISOString(),
    profile,
    sessions: db.select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent }).from(sessions).where(eq(sessions.userId, userId)).all(),
    threads: db.select({ id: threads.id, forumId: threads.forumId, title: threads.title, createdAt: threads.createdAt }).from(threads).where(eq(threads.authorId, userId)).all(),
    posts: db
      .select({ id: posts.id, threadId: posts.threadId, body: posts.body, status: posts.status, createdAt: posts.createdAt, editedAt: posts.editedAt })
      .from(posts)
      .where(eq(posts.authorId, userId))
      .all(),
    follows: db.select({ targetType: follows.targetType, targetId: follows.targetId, createdAt: follows.createdAt }).from(follows).where(eq(follows.userId, userId)).all(),
    notifications: db.select().from(notifications).where(eq(notifications.userId, userId)).all(),
    flags: db.select({ postId: flags.postId, reason: flags.reason, status: flags.status, createdAt: flags.createdAt }).from(flags).where(eq(flags.reporterId, userId)).all(),
    forumMemberships: db.select({ forumId: forumMembers.forumId, addedAt: forumMembers.addedAt }).from(forumMembers).where(eq(forumMembers.userId, userId)).all(),
  };
}

/**
 * Deletes an account after checking the password. Personal data goes; posts stay (threads keep
 * making sense) and show as written by "deleted user".
 */
export async function deleteAccount(db: Db, events: EventBus, userId: string, password: string, now = new Date()): Promise<void> {
  const user = getUser(db, userId);
  if (!(await verifyPassword(password, user.passwordHash))) throw new ApiError('invalid_credentials', 'The password is not right.', 401);
  const postIds = db.select({ id: posts.id }).from(posts).where(eq(posts.authorId, userId)).all().map((p) => p.id);
  events.afterCommit(() => {
    db.transaction((tx) => {
      tx.delete(sessions).where(eq(sessions.userId, userId)).run();
      tx.delete(follows).where(eq(follows.userId, userId)).run();
      tx.delete(notifications).where(eq(notifications.userId, userId)).run();
      tx.delete(forumMembers).where(eq(forumMembers.userId, userId)).run();
      tx.delete(outbox).where(eq(outbox.userId, userId)).run();
      tx.delete(flags).where(eq(flags.reporterId, userId)).run();
      // Earlier versions of their posts are personal data too.
      if (postIds.length) tx.delete(postRevisions).where(inArray(postRevisions.postId, postIds)).run();
      tx.update(users)
        .set({ email: null, passwordHash: null, displayName: '', party: null, locale: null, digestEnabled: false, deletedAt: now.toISOString() })
        .where(eq(users.id, userId))
        .run();
    });
    events.emit('users.deleted', { userId, postIds });
    events.emit('sessions.revoked', { userId, sessionIds: 'all' });
  });
}

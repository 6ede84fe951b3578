import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { forumMembers, forums, sessions, users, type Db } from '@mep/db';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { EventBus } from '../events';
import { ANONYMOUS, type Viewer } from '../policies';

export const SESSION_COOKIE = 'mep_session';
export const SESSION_DAYS = 30;

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

/** Parses a Cookie header; malformed pairs are skipped rather than failing the request. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      cookies[name] ??= decodeURIComponent(value);
    } catch {
      // undecodable value: ignore the cookie
    }
  }
  return cookies;
}

/** Creates a session for a user and returns the token for the cookie (only its hash is stored). */
export async function createSession(db: Db, userId: string, userAgent?: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions)
    .values({ id: sha256(token), userId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(), userAgent: userAgent?.slice(0, 300) ?? null })
    .run();
  return { token, expiresAt };
}

/** The stored session id (hash) of a cookie's session token; null for a missing or implausible token. */
export function sessionIdOfToken(token: string | undefined): string | null {
  return !token || token.length > 200 ? null : sha256(token);
}

/** Resolves a session token to the viewer it belongs to; unknown, expired or deleted-user tokens give the anonymous viewer. */
export async function resolveViewer(db: Db, token: string | undefined, now = new Date()): Promise<Viewer> {
  return resolveViewerBySessionId(db, sessionIdOfToken(token), now);
}

/** Like resolveViewer, from the stored session id (the token's hash): sockets keep only that. */
export async function resolveViewerBySessionId(db: Db, id: string | null | undefined, now = new Date()): Promise<Viewer> {
  if (!id) return ANONYMOUS;
  const row = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now.toISOString()), isNull(users.deletedAt)))
    .get();
  if (!row) return ANONYMOUS;
  return viewerForUser(db, row.user, id);
}

/** Builds the viewer of a user row, loading their private-forum memberships. */
export async function viewerForUser(db: Db, user: typeof users.$inferSelect, sessionId: string | null = null): Promise<Viewer> {
  const memberships = await db
    .select({ forumId: forumMembers.forumId })
    .from(forumMembers)
    .innerJoin(forums, eq(forums.id, forumMembers.forumId))
    .where(and(eq(forumMembers.userId, user.id), eq(forums.visibility, 'private')))
    .all();
  return {
    userId: user.id,
    role: user.role,
    party: user.party,
    displayName: user.displayName,
    privateForumIds: new Set(memberships.map((m) => m.forumId)),
    sessionId,
    emailVerified: user.emailVerifiedAt !== null,
  };
}
/** A live user's viewer without a session (anonymous once the account is deleted), e.g. to decide what a notification may show. */
export async function viewerOfUserId(db: Db, userId: string): Promise<Viewer> {
  const user = await db.select().from(users).where(and(eq(users.id, userId), isNull(users.deletedAt))).get();
  return user ? (await viewerForUser(db, user)) : ANONYMOUS;
}

/** Ends one session; its live connections are dropped (`sessions.revoked`). */
export async function revokeSession(db: Db, events: EventBus, userId: string, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId)).run();
  events.emit('sessions.revoked', { userId, sessionIds: [sessionId] });
}

/** Ends every session of a user ("sign out everywhere"), live connections included; returns how many were ended. */
export async function revokeAllSessions(db: Db, events: EventBus, userId: string): Promise<number> {
  const ended = (await db.delete(sessions).where(eq(sessions.userId, userId)).run()).changes;
  events.emit('sessions.revoked', { userId, sessionIds: 'all' });
  return ended;
}

/**
 * CSRF token for a request. Signed in: derived from the session token, so a cookie planted by a
 * sibling subdomain cannot match it. Anonymous: the random value of the readable CSRF cookie.
 */
export function csrfTokenFor(sessionToken: string | undefined, csrfCookie: string | undefined): string | undefined {
  if (sessionToken) return sha256(`csrf:${sessionToken}`);
  return csrfCookie;
}

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison of a presented token with the expected one. */
export function csrfMatches(expected: string | undefined, presented: string | undefined): boolean {
  if (!expected || !presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may stay in which Socket.IO room, checked again whenever access may have changed: when a
 * dropped connection is recovered (its rooms come back from memory, not from a fresh join), when a
 * role changes or a private-forum membership ends, and on every node (fetchSockets / leave /
 * disconnect travel through the Redis adapter).
 */
import type { ExtendedError } from 'socket.io';
import { forums, threads, type Db } from '@mep/db';
import { eq } from 'drizzle-orm';
import { ANONYMOUS, canViewForum, isModerator, type Viewer } from '../policies';
import { parseCookies, resolveViewerBySessionId, sessionIdOfToken } from '../services/sessions';
import type { RealtimeSocket, SocketData } from './types';

export type { SocketData } from './types';

/** The few things of a (local or remote) socket the checks need. */
interface RoomHolder {
  id: string;
  rooms: Iterable<string>;
  data: Partial<SocketData>;
  leave(room: string): unknown;
  disconnect(close?: boolean): unknown;
}

/** Whether `viewer` may be in `room` (a socket's own id room is always fine). */
export async function mayBeInRoom(db: Db, viewer: Viewer, room: string, socketId: string): Promise<boolean> {
  if (room === socketId) return true;
  const [kind, id = ''] = splitRoom(room);
  if (kind === 'user') return viewer.userId === id;
  if (kind === 'forum') {
    const forum = await db.select({ id: forums.id, visibility: forums.visibility }).from(forums).where(eq(forums.id, id)).get();
    return Boolean(forum && canViewForum(viewer, forum));
  }
  if (kind === 'thread') {
    const threadId = Number(id);
    if (!Number.isSafeInteger(threadId)) return false;
    const row = await db
      .select({ deletedAt: threads.deletedAt, forumId: forums.id, visibility: forums.visibility })
      .from(threads)
      .innerJoin(forums, eq(forums.id, threads.forumId))
      .where(eq(threads.id, threadId))
      .get();
    return Boolean(row && canViewForum(viewer, { id: row.forumId, visibility: row.visibility }) && (!row.deletedAt || isModerator(viewer)));
  }
  return false;
}

function splitRoom(room: string): [string, string | undefined] {
  const colon = room.indexOf(':');
  return colon < 0 ? [room, undefined] : [room.slice(0, colon), room.slice(colon + 1)];
}

/** The viewer a socket speaks for now: its session re-read from the database (anonymous once ended). */
export async function currentViewerOf(db: Db, data: Partial<SocketData>): Promise<Viewer> {
  return data.sessionId ? (await resolveViewerBySessionId(db, data.sessionId)) : ANONYMOUS;
}

/**
 * Handshake middleware: authenticates a socket from its session cookie. It also runs for a recovered
 * connection (skipMiddlewares is off): one that comes back with another session, or none, than the
 * one it was opened with is refused (`session_changed`), so a client must open a fresh connection.
 */
export function authenticateSocket(db: Db, sessionCookie: string) {
  return (socket: RealtimeSocket, next: (error?: ExtendedError) => void): void => {
    check(socket).then(next, (error: unknown) => next(error instanceof Error ? error : new Error(String(error))));
  };
  // Resolves to the handshake's refusal, or undefined to admit the socket (a database failure refuses it).
  async function check(socket: RealtimeSocket): Promise<ExtendedError | undefined> {
    const presented = sessionIdOfToken(parseCookies(socket.request.headers.cookie)[sessionCookie]);
    const viewer = await resolveViewerBySessionId(db, presented);
    const sessionId = viewer.userId ? presented : null;
    if (socket.recovered && (socket.data.sessionId ?? null) !== sessionId) {
      const error: ExtendedError = new Error('session_changed');
      error.data = { code: 'session_changed', message: 'The session changed since this connection was opened; open a new connection.' };
      return error;
    }
    socket.data.sessionId = sessionId;
    socket.data.userId = viewer.userId;
    return undefined;
  }
}

interface RecoverableSession {
  sid: string;
  rooms: string[];
  data: Partial<SocketData>;
}
interface SessionAdapter {
  restoreSession(pid: string, offset: string): Promise<RecoverableSession | null> | null;
}

/**
 * Makes connection state recovery re-check access before anything is replayed: a session that ended
 * (sign-out, sign-out everywhere, account deleted, expired) or a room the user may no longer be in
 * (membership removed, role lowered, thread deleted) refuses the recovery. The client then connects
 * afresh through the handshake middleware and re-joins what it may see; the missed posts of rooms
 * it lost are never sent.
 */
export function guardConnectionRecovery(adapter: object, db: Db): void {
  const sessions = adapter as SessionAdapter;
  const restore = sessions.restoreSession.bind(adapter);
  sessions.restoreSession = (pid, offset) => {
    const pending = restore(pid, offset);
    if (!pending) return pending;
    return Promise.resolve(pending).then(async (session) => {
      if (!session) return null;
      const viewer = await currentViewerOf(db, session.data ?? {});
      if (session.data?.sessionId && !viewer.userId) return null;
      for (const room of session.rooms) if (!(await mayBeInRoom(db, viewer, room, session.sid))) return null;
      return session;
    });
  };
}

/**
 * Re-checks every room of a user's sockets on every node: sockets whose session ended are
 * disconnected, the others leave the rooms their user may no longer be in. Run after a role change,
 * a membership removal or anything else that narrows what a user sees.
 */
export async function recheckUserSockets(db: Db, sockets: readonly RoomHolder[]): Promise<void> {
  for (const socket of sockets) {
    const viewer = await currentViewerOf(db, socket.data);
    if (!viewer.userId) {
      socket.disconnect(true);
      continue;
    }
    for (const room of [...socket.rooms]) if (!(await mayBeInRoom(db, viewer, room, socket.id))) socket.leave(room);
  }
}

import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import { z, type ZodType } from 'zod';
import type { AppContext } from '../context';
import { ApiError } from '../errors';
import { threads, users } from '@mep/db';
import { and, eq, isNull } from 'drizzle-orm';
import { ANONYMOUS, authorize, canReply, canViewForum, type Viewer } from '../policies';
import { getVisibleForum } from '../services/forums';
import { getNotificationDto, unreadCount } from '../services/notifications';
import { parseCookies, resolveViewerBySessionId, SESSION_COOKIE, sessionIdOfToken, viewerForUser } from '../services/sessions';
import { getPostsForBroadcast, getThreadDto, getVisibleThread, lastPostId } from '../services/threads';
import type { Ack, ClientToServerEvents, ErrorBody, ServerToClientEvents } from './events';
import { SOCKET_PATH } from '@mep/vocabulary';

/** What a socket remembers about itself; restored as is by connection state recovery. */
interface SocketData {
  /** Hash of the session token, never the token itself. */
  sessionId: string | null;
  userId: string | null;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface Realtime {
  io: RealtimeServer;
  close(): Promise<void>;
}

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  thread: (threadId: number | string) => `thread:${threadId}`,
  forum: (forumId: string) => `forum:${forumId}`,
};

/** Rooms (forums and threads) one connection may be in at once: bounds the cost of a hostile client. */
export const MAX_ROOMS_PER_SOCKET = 50;
/** Largest accepted Socket.IO message; client events are tiny and posts travel over HTTP. */
export const MAX_SOCKET_MESSAGE_BYTES = 16 * 1024;
const TYPING_INTERVAL_MS = 1000;
const PRESENCE_DEBOUNCE_MS = 250;

/** Sees everything, follows nothing: presents threads for room broadcasts. */
const BROADCAST_VIEWER: Viewer = { ...ANONYMOUS, role: 'moderator' };

const threadPayload = z.object({ threadId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).strict();
const forumPayload = z.object({ forumId: z.string().min(1).max(64) }).strict();

function resolveViewerForUser(db: AppContext['db'], userId: string): Viewer | undefined {
  const user = db.select().from(users).where(and(eq(users.id, userId), isNull(users.deletedAt))).get();
  return user ? viewerForUser(db, user) : undefined;
}

/**
 * Browsers send Origin on WebSocket and polling requests: only our own site may open a socket that
 * carries the session cookie (cross-site WebSocket hijacking). Non-browser clients send none.
 */
function originAllowed(request: IncomingMessage, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    const url = new URL(origin);
    return url.host === request.headers.host || url.origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}

function toErrorBody(error: unknown, log: AppContext['log']): ErrorBody {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  log.error('Unhandled error in a socket handler', error);
  return { code: 'internal_error', message: 'Something went wrong on our side.' };
}

/**
 * Attaches Socket.IO to the HTTP server: authenticates each socket from the session cookie at the
 * handshake, puts it in its user room, lets it join forum and thread rooms after a policy check
 * (every time), and relays committed domain events to the rooms. With REDIS_URL, events reach the
 * clients of every API process through the Redis adapter.
 */
export async function attachRealtime(context: AppContext, httpServer: HttpServer): Promise<Realtime> {
  const { db, log } = context;
  const io: RealtimeServer = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    // Recovery replays what a room missed during a short outage; beyond that the client re-fetches.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
    allowRequest: (request, callback) => {
      const allowed = originAllowed(request, context.config.publicUrl);
      callback(allowed ? null : 'origin not allowed', allowed);
    },
  });

  const redisClients: Array<{ quit(): Promise<unknown>; isOpen: boolean }> = [];
  if (context.config.redisUrl) {
    const pub = createClient({ url: context.config.redisUrl });
    const sub = pub.duplicate();
    for (const client of [pub, sub]) client.on('error', (error) => log.error('Redis (Socket.IO adapter) error', error));
    await Promise.all([pub.connect(), sub.connect()]);
    redisClients.push(pub, sub);
    io.adapter(createAdapter(pub, sub));
  }

  io.use((socket, next) => {
    const sessionId = sessionIdOfToken(parseCookies(socket.request.headers.cookie)[SESSION_COOKIE]);
    const viewer = resolveViewerBySessionId(db, sessionId);
    socket.data.sessionId = viewer.userId ? sessionId : null;
    socket.data.userId = viewer.userId;
    next();
  });

  // Presence: coalesce bursts of joins and leaves into one count per room.
  const presenceTimers = new Map<string, NodeJS.Timeout>();
  const schedulePresence = (threadId: number) => {
    const room = rooms.thread(threadId);
    if (presenceTimers.has(room)) return;
    presenceTimers.set(
      room,
      setTimeout(() => {
        presenceTimers.delete(room);
        io.in(room)
          .fetchSockets()
          .then((sockets) => io.to(room).emit('presence.count', { threadId, count: sockets.length }))
          .catch((error) => log.error('Presence count failed', error));
      }, PRESENCE_DEBOUNCE_MS),
    );
  };

  io.on('connection', (socket: RealtimeSocket) => {
    if (socket.data.userId) socket.join(rooms.user(socket.data.userId));
    // Re-read on every event: a session ended or a role changed since the handshake takes effect at once.
    const currentViewer = () => resolveViewerBySessionId(db, socket.data.sessionId);
    let lastTyping = 0;

    /** Validates the payload, always answers the ack (if any), and never lets a handler throw. */
    const handle = <S extends ZodType, R extends object>(event: keyof ClientToServerEvents, schema: S, run: (payload: z.infer<S>, viewer: Viewer) => R | Promise<R>) => {
      socket.on(event as never, (async (payload: unknown, ack: unknown) => {
        const reply = typeof ack === 'function' ? (ack as (result: Ack<R>) => void) : () => undefined;
        const parsed = schema.safeParse(payload);
        if (!parsed.success) {
          reply({ ok: false, error: { code: 'invalid_payload', message: `Invalid ${event} payload: ${parsed.error.issues[0]?.message ?? 'malformed'}` } });
          return;
        }
        try {
          const result = await run(parsed.data, currentViewer());
          reply({ ok: true, ...result } as Ack<R>);
        } catch (error) {
          reply({ ok: false, error: toErrorBody(error, log) });
        }
      }) as never);
    };

    const ensureRoomBudget = (room: string) => {
      if (!socket.rooms.has(room) && socket.rooms.size >= MAX_ROOMS_PER_SOCKET + 2) {
        throw new ApiError('too_many_rooms', `A connection may follow at most ${MAX_ROOMS_PER_SOCKET} forums and threads at once.`, 429);
      }
    };

    handle('threads.join', threadPayload, ({ threadId }, viewer) => {
      getVisibleThread(db, viewer, threadId);
      const room = rooms.thread(threadId);
      ensureRoomBudget(room);
      socket.join(room);
      schedulePresence(threadId);
      const presence = io.of('/').adapter.rooms.get(room)?.size ?? 1;
      // Sent as a broadcast (to the socket's own room) so it carries a recovery offset: a client that
      // has received no broadcast yet has no offset, and could not recover a dropped connection.
      io.to(socket.id).emit('presence.count', { threadId, count: presence });
      return { threadId, lastPostId: lastPostId(db, threadId), presence };
    });
    handle('threads.leave', threadPayload, ({ threadId }) => {
      socket.leave(rooms.thread(threadId));
      schedulePresence(threadId);
      return {};
    });
    handle('forums.join', forumPayload, ({ forumId }, viewer) => {
      getVisibleForum(db, viewer, forumId);
      const room = rooms.forum(forumId);
      ensureRoomBudget(room);
      socket.join(room);
      return { forumId };
    });
    handle('forums.leave', forumPayload, ({ forumId }) => {
      socket.leave(rooms.forum(forumId));
      return {};
    });
    handle('typing', threadPayload, ({ threadId }, viewer) => {
      const room = rooms.thread(threadId);
      const { thread, forum } = getVisibleThread(db, viewer, threadId);
      authorize(canReply(viewer, forum, thread), viewer);
      if (!socket.rooms.has(room)) throw new ApiError('not_joined', 'Join the thread before announcing typing.', 409);
      const now = Date.now();
      if (now - lastTyping >= TYPING_INTERVAL_MS) {
        lastTyping = now;
        socket.to(room).emit('typing', { threadId, user: { id: viewer.userId, displayName: viewer.displayName ?? '' } });
      }
      return {};
    });

    socket.on('disconnecting', () => {
      for (const room of socket.rooms) if (room.startsWith('thread:')) schedulePresence(Number(room.slice(7)));
    });
  });

  const relay = (fn: () => void | Promise<void>) => async () => {
    try {
      await fn();
    } catch (error) {
      log.error('Relaying a domain event to sockets failed', error);
    }
  };
  const offs = [
    context.events.on('posts.created', (e) =>
      relay(() => {
        for (const post of getPostsForBroadcast(db, [Number(e.postId)])) io.to(rooms.thread(post.threadId)).emit('posts.created', { post });
      })(),
    ),
    context.events.on('posts.updated', (e) =>
      relay(() => {
        for (const post of getPostsForBroadcast(db, [Number(e.postId)])) io.to(rooms.thread(post.threadId)).emit('posts.updated', { post });
      })(),
    ),
    context.events.on('threads.created', (e) =>
      relay(() => {
        const thread = getThreadDto(db, BROADCAST_VIEWER, Number(e.threadId));
        io.to(rooms.forum(thread.forumId)).emit('threads.created', { thread });
      })(),
    ),
    context.events.on('threads.updated', (e) =>
      relay(() => {
        const thread = getThreadDto(db, BROADCAST_VIEWER, Number(e.threadId));
        // Replies reach the thread room as posts.created already; a second broadcast would double the fan-out.
        const target = e.reason === 'reply' ? io.to(rooms.forum(thread.forumId)) : io.to(rooms.forum(thread.forumId)).to(rooms.thread(thread.id));
        target.emit('threads.updated', { thread });
      })(),
    ),
    context.events.on('notifications.created', (e) =>
      relay(() => {
        const userId = String(e.userId);
        const notification = getNotificationDto(db, Number(e.notificationId));
        if (notification) io.to(rooms.user(userId)).emit('notifications.created', { notification, unreadCount: unreadCount(db, userId) });
      })(),
    ),
    context.events.on('notifications.read', (e) =>
      relay(() => {
        const userId = String(e.userId);
        io.to(rooms.user(userId)).emit('notifications.read', { unreadCount: unreadCount(db, userId) });
      })(),
    ),
    context.events.on('forums.member.removed', (e) =>
      relay(async () => {
        const forumId = String(e.forumId);
        const viewer = resolveViewerForUser(db, String(e.userId));
        // Moderators and admins still see the forum; anyone else leaves its rooms on every node.
        if (viewer && canViewForum(viewer, { id: forumId, visibility: 'private' })) return;
        const threadRooms = new Set(db.select({ id: threads.id }).from(threads).where(eq(threads.forumId, forumId)).all().map((t) => rooms.thread(t.id)));
        for (const socket of await io.in(rooms.user(String(e.userId))).fetchSockets()) {
          for (const room of socket.rooms) if (room === rooms.forum(forumId) || threadRooms.has(room)) socket.leave(room);
        }
      })(),
    ),
    context.events.on('sessions.revoked', (e) =>
      relay(async () => {
        if (!e.userId) return;
        const room = rooms.user(String(e.userId));
        if (e.sessionIds === 'all') {
          io.in(room).disconnectSockets(true);
          return;
        }
        const ended = new Set(e.sessionIds as string[]);
        for (const socket of await io.in(room).fetchSockets()) if (socket.data.sessionId && ended.has(socket.data.sessionId)) socket.disconnect(true);
      })(),
    ),
  ];

  return {
    io,
    async close() {
      offs.forEach((off) => off());
      for (const timer of presenceTimers.values()) clearTimeout(timer);
      presenceTimers.clear();
      // Local only: with the Redis adapter a plain disconnectSockets would reach every node.
      io.local.disconnectSockets(true);
      // Not io.close(): that would also close the HTTP server, which startServer closes itself.
      io.engine.close();
      await Promise.all(redisClients.filter((c) => c.isOpen).map((c) => c.quit().catch(() => undefined)));
    },
  };
}

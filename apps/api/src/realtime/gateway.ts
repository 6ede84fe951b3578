import type { Server as HttpServer } from 'node:http';
import { SOCKET_PATH } from '@mep/vocabulary';
import { Server } from 'socket.io';
import type { AppContext } from '../context';
import { resolveViewerBySessionId } from '../services/sessions';
import { CLIENT_EVENT_HANDLERS, listen, type ClientEventContext } from './client-events';
import type { ClientEventName } from './events';
import { authenticateSocket, guardConnectionRecovery } from './access';
import { connectRedisAdapter, originAllowed } from './connection';
import { relayDomainEvents } from './relays';
import { createPresence, rooms } from './rooms';
import type { RealtimeServer, RealtimeSocket } from './types';

export { MAX_ROOMS_PER_SOCKET, rooms } from './rooms';
export type { RealtimeServer } from './types';

export interface Realtime {
  io: RealtimeServer;
  close(): Promise<void>;
}

/** Largest accepted Socket.IO message; client events are tiny and posts travel over HTTP. */
export const MAX_SOCKET_MESSAGE_BYTES = 16 * 1024;

/**
 * Attaches Socket.IO to the HTTP server: authenticates each socket from the session cookie at the
 * handshake and re-checks access on connection recovery (access.ts), puts it in its user room, lets it join forum and thread rooms after a
 * policy check every time (client-events/, one file per event), and relays committed domain events to
 * the rooms (relays.ts). With REDIS_URL, events reach the clients of every API process.
 */
export async function attachRealtime(context: AppContext, httpServer: HttpServer): Promise<Realtime> {
  const { db, log } = context;
  const io: RealtimeServer = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    // Recovery replays what a room missed during a short outage; beyond that the client re-fetches.
    // The handshake middleware runs on recovery too, and recovery itself re-checks access (access.ts).
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    allowRequest: (request, callback) => {
      const allowed = originAllowed(request, context.config.publicUrl);
      callback(allowed ? null : 'origin not allowed', allowed);
    },
  });

  const closeRedis = context.config.redisUrl ? await connectRedisAdapter(io, context.config.redisUrl, log) : async () => undefined;
  // After the adapter is set: recovery restores from the adapter in use, so that is the one guarded.
  guardConnectionRecovery(io.of('/').adapter, db);
  io.use(authenticateSocket(db, context.config.cookieNames.session));
  const presence = createPresence(io, log);

  io.on('connection', (socket: RealtimeSocket) => {
    if (socket.data.userId) void socket.join(rooms.user(socket.data.userId));
    const eventContext: ClientEventContext = { db, io, socket, presence };
    // Re-read on every event: a session ended or a role changed since the handshake takes effect at once.
    const currentViewer = async () => resolveViewerBySessionId(db, socket.data.sessionId);
    const attach = <E extends ClientEventName>(event: E) => listen(event, CLIENT_EVENT_HANDLERS[event], eventContext, currentViewer, log);
    (Object.keys(CLIENT_EVENT_HANDLERS) as ClientEventName[]).forEach(attach);
    socket.on('disconnecting', () => {
      for (const room of socket.rooms) if (room.startsWith('thread:')) presence.schedule(Number(room.slice('thread:'.length)));
    });
  });

  const stopRelays = relayDomainEvents(context, io);

  return {
    io,
    async close() {
      stopRelays();
      presence.close();
      // Local only: with the Redis adapter a plain disconnectSockets would reach every node.
      io.local.disconnectSockets(true);
      // Not io.close(): that would also close the HTTP server, which startServer closes itself.
      io.engine.close();
      await closeRedis();
    },
  };
}

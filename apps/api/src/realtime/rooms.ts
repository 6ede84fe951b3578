/** Room names, the per-connection room budget and debounced presence counts. */
import type { AppContext } from '../context';
import { ApiError } from '../errors';
import type { RealtimeServer, RealtimeSocket } from './types';

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  thread: (threadId: number | string) => `thread:${threadId}`,
  forum: (forumId: string) => `forum:${forumId}`,
};

/** Rooms (forums and threads) one connection may be in at once: bounds the cost of a hostile client. */
export const MAX_ROOMS_PER_SOCKET = 50;
const PRESENCE_DEBOUNCE_MS = 250;

/** Joins `room`, unless that would take the socket past MAX_ROOMS_PER_SOCKET (its own and its user room aside). */
export function joinWithinBudget(socket: RealtimeSocket, room: string): void {
  if (!socket.rooms.has(room) && socket.rooms.size >= MAX_ROOMS_PER_SOCKET + 2) {
    throw new ApiError('too_many_rooms', `A connection may follow at most ${MAX_ROOMS_PER_SOCKET} forums and threads at once.`, 429);
  }
  void socket.join(room);
}

export interface Presence {
  /** Announces the thread's viewer count soon, once for a burst of joins and leaves. */
  schedule(threadId: number): void;
  /** Viewers of the thread on this node now. */
  localCount(threadId: number): number;
  close(): void;
}

/** Presence: coalesce bursts of joins and leaves into one count per room. */
export function createPresence(io: RealtimeServer, log: AppContext['log']): Presence {
  const timers = new Map<string, NodeJS.Timeout>();
  return {
    schedule(threadId) {
      const room = rooms.thread(threadId);
      if (timers.has(room)) return;
      timers.set(
        room,
        setTimeout(() => {
          timers.delete(room);
          io.in(room)
            .fetchSockets()
            .then((sockets) => io.to(room).emit('presence.count', { threadId, count: sockets.length }))
            .catch((error: unknown) => log.error('Presence count failed', error));
        }, PRESENCE_DEBOUNCE_MS),
      );
    },
    localCount: (threadId) => io.of('/').adapter.rooms.get(rooms.thread(threadId))?.size ?? 1,
    close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

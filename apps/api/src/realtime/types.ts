import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from './events';

/** What a socket remembers about itself; restored as is by connection state recovery. */
export interface SocketData {
  /** Hash of the session token, never the token itself. */
  sessionId: string | null;
  userId: string | null;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@mep/api/realtime-events';
import { SOCKET_PATH } from '@mep/vocabulary';
import { useSession } from '../account/session';

export type ForumSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: ForumSocket | null = null;
let owner: string | null | undefined;

/**
 * The one Socket.IO connection of the tab. The server authenticates it from the session cookie at
 * the handshake, so it is replaced whenever the signed-in user changes.
 */
export function useForumSocket(): ForumSocket | null {
  const session = useSession();
  const userKey = session.status === 'ready' ? (session.user?.id ?? null) : undefined;
  const [current, setCurrent] = useState<ForumSocket | null>(socket);
  useEffect(() => {
    if (userKey === undefined) return;
    if (!socket || owner !== userKey) {
      socket?.disconnect();
      socket = io({ path: SOCKET_PATH });
      owner = userKey;
    }
    setCurrent(socket);
  }, [userKey]);
  return current;
}

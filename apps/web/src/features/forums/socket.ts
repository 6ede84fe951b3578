import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@mep/api/realtime-events';
import { SOCKET_PATH } from '@mep/vocabulary';
import { useSession } from '../account/session';

export type ForumSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: ForumSocket | null = null;
let owner: string | null | undefined;

/**
 * The one Socket.IO connection of the tab, for the user `userKey` (null: signed out). The server
 * authenticates it from the session cookie at the handshake, so it is replaced whenever the
 * signed-in user changes.
 */
export function connectForumSocket(userKey: string | null): ForumSocket {
  if (!socket || owner !== userKey) {
    socket?.disconnect();
    socket = io({ path: SOCKET_PATH });
    owner = userKey;
  }
  return socket;
}

/** The tab's connection as a React value (see connectForumSocket); null while the session loads. */
export function useForumSocket(): ForumSocket | null {
  const session = useSession();
  const userKey = session.status === 'ready' ? (session.user?.id ?? null) : undefined;
  const [current, setCurrent] = useState<ForumSocket | null>(socket);
  useEffect(() => {
    if (userKey === undefined) return;
    setCurrent(connectForumSocket(userKey));
  }, [userKey]);
  return current;
}

/**
 * Calls `onCount` with the unread-notification count whenever the server announces it (the header
 * badge loads this module only once someone is signed in, keeping Socket.IO out of the main bundle).
 */
export function watchUnreadCount(userId: string, onCount: (unreadCount: number) => void): () => void {
  const connection = connectForumSocket(userId);
  const handler = ({ unreadCount }: { unreadCount: number }) => onCount(unreadCount);
  connection.on('notifications.created', handler);
  connection.on('notifications.read', handler);
  return () => {
    connection.off('notifications.created', handler);
    connection.off('notifications.read', handler);
  };
}

/** Who may open a socket (origin check) and how sockets reach every node (the Redis streams adapter); handshake authentication is in access.ts. */
import type { IncomingMessage } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { AppContext } from '../context';
import type { RealtimeServer } from './types';

/**
 * Browsers send Origin on WebSocket and polling requests: only our own site may open a socket that
 * carries the session cookie (cross-site WebSocket hijacking). Non-browser clients send none.
 */
export function originAllowed(request: IncomingMessage, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    const url = new URL(origin);
    return url.host === request.headers.host || url.origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}

/** How long an idle stream read blocks in Redis: bounds how long closing the adapter waits for its reader. */
const STREAM_BLOCK_MS = 1000;

/**
 * With REDIS_URL, events reach the clients of every API process through a Redis stream (not pub/sub):
 * the stream keeps what was broadcast, and the session of a dropped connection is stored in Redis, so a
 * client that reconnects to ANY node is restored with the packets its rooms missed (connection state
 * recovery; the pub/sub adapter can only recover on the node that saw the drop). Returns what closes
 * the adapter's Redis clients.
 */
export async function connectRedisAdapter(io: RealtimeServer, redisUrl: string, log: AppContext['log']): Promise<() => Promise<void>> {
  const client = createClient({ url: redisUrl });
  client.on('error', (error) => log.error('Redis (Socket.IO adapter) error', error));
  await client.connect();
  // The stream is trimmed to about maxLen entries: a session older than that many broadcasts is not restored
  // (the client re-fetches), as with any outage longer than connectionStateRecovery's window.
  io.adapter(createAdapter(client, { streamName: 'mep:socket.io', channelPrefix: 'mep:socket.io', sessionKeyPrefix: 'mep:sio:session:', maxLen: 10_000, blockTimeInMs: STREAM_BLOCK_MS, onlyPlaintext: true }));
  return async () => {
    // Stops the stream reader and the pub/sub client the adapter duplicated from `client`.
    await Promise.resolve(io.of('/').adapter.close()).catch(() => undefined);
    if (client.isOpen) await client.quit().catch(() => undefined);
  };
}

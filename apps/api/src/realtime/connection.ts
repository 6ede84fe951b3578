/** Who may open a socket (origin check) and how sockets reach every node (the Redis adapter); handshake authentication is in access.ts. */
import type { IncomingMessage } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
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

/** With REDIS_URL, events reach the clients of every API process; returns what closes the Redis clients. */
export async function connectRedisAdapter(io: RealtimeServer, redisUrl: string, log: AppContext['log']): Promise<() => Promise<void>> {
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on('error', (error) => log.error('Redis (Socket.IO adapter) error', error));
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub));
  return async () => {
    await Promise.all([pub, sub].filter((c) => c.isOpen).map((c) => c.quit().catch(() => undefined)));
  };
}

import type { AppContext } from '../context';
import type { RealtimeServer } from '../realtime/gateway';
import { acceptRequestId } from './http';
import { withLogScope } from './logger';

/**
 * Counts open connections and gives each socket a request id (its handshake's X-Request-Id when a proxy
 * set one): every log line caused by one of its events carries that id, the socket id and the event.
 */
export function observeSockets(context: AppContext, io: RealtimeServer): void {
  const { log, metrics } = context;
  io.on('connection', (socket) => {
    const requestId = acceptRequestId(socket.request.headers['x-request-id']);
    metrics.socketConnections.inc();
    log.debug?.('Socket connected', { requestId, socketId: socket.id, recovered: socket.recovered });
    // Socket.IO dispatches the event on the next tick of this callback, so the scope reaches the handlers.
    socket.use((packet, next) =>
      withLogScope({ requestId, socketId: socket.id, event: String(packet[0]) }, () => {
        log.debug?.('Socket event');
        next();
      }),
    );
    socket.once('disconnect', (reason) => {
      metrics.socketConnections.dec();
      log.debug?.('Socket disconnected', { requestId, socketId: socket.id, reason });
    });
  });
}

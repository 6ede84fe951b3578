import { setTimeout as sleep } from 'node:timers/promises';
import type { AppContext } from './context';
import type { RunningServer } from './server';

export interface DrainOptions {
  /** How long readiness answers 503 while requests are still served, so a balancer stops routing here. */
  delayMs: number;
  /** Bound on in-flight requests once the listener is closed; longer ones are cut. */
  timeoutMs: number;
}

/**
 * Takes a serving node out of rotation without dropping work: readiness turns 503 first; after the
 * delay the listener closes (idle kept-alive connections close, busy ones after their answer);
 * Socket.IO transports are closed without a disconnect packet, so clients reconnect (to another node
 * behind the balancer) and recover what they missed; in-flight requests get `timeoutMs` to finish.
 * Then the server's own shutdown runs. Returns how many connections had to be cut.
 */
export async function drainServer(running: RunningServer, context: AppContext, options: DrainOptions): Promise<{ cutConnections: number }> {
  context.lifecycle.draining = true;
  context.log.info('Draining: /api/ready answers 503 from now on', { delayMs: options.delayMs, timeoutMs: options.timeoutMs });
  if (options.delayMs > 0) await sleep(options.delayMs);

  const { server } = running;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A transport close (not a Socket.IO disconnect) is what makes a client reconnect by itself.
  running.realtime.io.engine.close();
  server.closeIdleConnections();

  const stopWaiting = new AbortController();
  const finished = await Promise.race([closed.then(() => true), sleep(options.timeoutMs, false, { signal: stopWaiting.signal }).catch(() => false)]);
  stopWaiting.abort();
  let cutConnections = 0;
  if (!finished) {
    cutConnections = await new Promise<number>((resolve) => server.getConnections((_error, count) => resolve(count ?? 0)));
    context.log.warn?.(`Shutdown: ${cutConnections} connection(s) still busy after ${options.timeoutMs} ms are cut`, { cutConnections });
  }
  await running.close();
  return { cutConnections };
}

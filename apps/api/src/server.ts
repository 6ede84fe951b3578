import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { createRateLimits } from './http/rate-limits';
import type { AppContext } from './context';
import { observeSockets } from './observability/sockets';
import { attachRealtime, type Realtime } from './realtime/gateway';
import { startForumRuntime, type ForumRuntime } from './services/forum-runtime';
import { startSearchAnalytics } from './services/insight/search-events';
import { retagsIdle } from './services/taxonomy/retag-jobs';
import { startTaxonomySync } from './services/taxonomy/taxonomy-sync';

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  /** Stops accepting connections and closes open ones. */
  close(): Promise<void>;
  /** Socket.IO (forums' live events). */
  realtime: Realtime;
  /** Forum start-up work and the posts indexer (`idle()` waits for pending index updates). */
  forums: ForumRuntime;
}

/** Starts the HTTP server (API, web app and Socket.IO) on the given port of all interfaces. */
export async function startServer(context: AppContext, port = context.config.port, host?: string): Promise<RunningServer> {
  const limits = createRateLimits(context);
  const app = createApp(context, limits);
  const server = createServer(app);
  const closers: Array<() => Promise<void>> = [() => limits.close()];
  // Search analytics: the batch writer is flushed on close; old events are deleted daily.
  const analytics = startSearchAnalytics(context);
  closers.push(() => analytics.stop());
  // Other nodes' taxonomy edits reach this node's tagger within a few seconds (reads check at once).
  const stopTaxonomySync = startTaxonomySync(context.db, context.taxonomy, (error) => context.log.error('Loading the taxonomy edits failed', error));
  closers.push(async () => {
    stopTaxonomySync();
    // A retag in progress finishes (bounded) before the database closes under it.
    await retagsIdle();
  });
  const forums = await startForumRuntime(context);
  closers.push(() => forums.stop());
  const realtime = await attachRealtime(context, server);
  observeSockets(context, realtime.io);
  closers.push(() => realtime.close());
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveListen());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    server,
    port: actualPort,
    url: `http://localhost:${actualPort}`,
    realtime,
    forums,
    async close() {
      for (const close of closers.reverse()) await close();
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}

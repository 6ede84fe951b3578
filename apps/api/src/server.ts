import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import type { AppContext } from './context';

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  /** Stops accepting connections and closes open ones. */
  close(): Promise<void>;
}

/** Starts the HTTP server (API, web app and Socket.IO) on the given port of all interfaces. */
export async function startServer(context: AppContext, port = context.config.port, host?: string): Promise<RunningServer> {
  const app = createApp(context);
  const server = createServer(app);
  const closers: Array<() => Promise<void>> = [];
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveListen());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    server,
    port: actualPort,
    url: `http://localhost:${actualPort}`,
    async close() {
      for (const close of closers.reverse()) await close();
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}

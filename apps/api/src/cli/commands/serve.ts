import type { Command } from 'commander';
import { closeContext, createContext } from '../../context';
import { readConfig } from '../../config';
import { startServer } from '../../server';
import { runIngest } from './ingest';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the API and the web app (starts an embedded Meilisearch unless MEILI_URL is set)')
    .option('--ingest <paths...>', 'ingest these files or folders before listening (already stored files are skipped)')
    .option('--host <host>', 'interface to listen on (default: all)')
    .action(async (options: { ingest?: string[]; host?: string }) => {
      const config = readConfig();
      const context = await createContext(config);
      let shuttingDown = false;
      const server = await (async () => {
        try {
          if (options.ingest?.length) await runIngest(context, options.ingest);
          return await startServer(context, config.port, options.host);
        } catch (error) {
          await closeContext(context);
          throw error;
        }
      })();
      const search = context.search.embedded ? `embedded Meilisearch at ${context.search.url}` : `Meilisearch at ${context.search.url}`;
      context.log.info(`MEP is listening on ${server.url} (data in ${config.dataDir}, ${search}, originals in ${context.blobs.describe()})`, { url: server.url });
      const shutdown = async (signal: string) => {
        if (shuttingDown) return;
        shuttingDown = true;
        context.log.info(`${signal}: shutting down…`);
        await server.close();
        await closeContext(context);
        process.exit(0);
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
    });
}

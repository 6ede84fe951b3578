import type { Command } from 'commander';
import { recoverInterruptedIngestJobs } from '@mep/ingest';
import { closeContext, createContext } from '../../context';
import { readConfig } from '../../config';
import { startServer, type RunningServer } from '../../server';
import { drainServer } from '../../shutdown';
import { followOcr, runIngest } from './ingest';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the API and the web app (starts an embedded Meilisearch unless MEILI_URL is set)')
    .option('--ingest <paths...>', 'ingest these files or folders before listening (already stored files are skipped)')
    .option('--host <host>', 'interface to listen on (default: all)')
    .option('--migrate', 'apply pending database migrations first (a single node; with several, run `mep migrate` once instead)')
    .action(async (options: { ingest?: string[]; host?: string; migrate?: boolean }) => {
      const startedAt = new Date();
      const config = readConfig();
      // Without --migrate an unmigrated database is refused with the command to run, before anything listens.
      const context = await createContext(config, undefined, { migrate: options.migrate ? 'apply' : 'verify' });
      // A signal during the start-up ingest stops it taking new files; one while serving drains the server.
      const stopIngest = new AbortController();
      let server: RunningServer | undefined;
      let shuttingDown = false;
      const startup = (async () => {
        // OCR runs in the background after ingest: the server answers (titles are searchable) meanwhile.
        const recovered = await recoverInterruptedIngestJobs(context.db, startedAt);
        if (recovered > 0) context.log.info(`Marked ${recovered} ingest job(s) left running by a stopped process as interrupted.`);
        const resumed = await context.ocr.resumePending();
        if (resumed > 0) context.log.info(`Resuming OCR of ${resumed} document(s).`);
        if (options.ingest?.length) await runIngest(context, options.ingest, process.stdout, stopIngest.signal);
        if (context.ocr.pending > 0) {
          const stop = followOcr(context, process.stdout, false);
          void context.ocr.idle().then(stop);
        }
        if (!shuttingDown) server = await startServer(context, config.port, options.host);
      })();
      const shutdown = async (signal: NodeJS.Signals) => {
        if (shuttingDown) return;
        shuttingDown = true;
        context.log.info(`${signal}: shutting down…`);
        stopIngest.abort();
        try {
          // Files being ingested finish (each is one transaction) before anything closes.
          await startup.catch(() => undefined);
          // SIGTERM comes from an orchestrator: give its balancer time to see readiness fail. Ctrl-C does not wait.
          if (server) await drainServer(server, context, { ...config.shutdown, delayMs: signal === 'SIGTERM' ? config.shutdown.delayMs : 0 });
          await closeContext(context);
          process.exit(0);
        } catch (error) {
          context.log.error('Shutdown failed', error);
          process.exit(1);
        }
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      try {
        await startup;
      } catch (error) {
        await closeContext(context);
        throw error;
      }
      if (!server) return;
      const search = context.search.embedded ? `embedded Meilisearch at ${context.search.url}` : `Meilisearch at ${context.search.url}`;
      context.log.info(`MEP is listening on ${server.url} (data in ${config.dataDir}, ${search}, originals in ${context.blobs.describe()})`, { url: server.url });
    });
}

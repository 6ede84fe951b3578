import type { Command } from 'commander';
import { rebuildSearchIndexes } from '@mep/ingest';
import { closeContext, createContext } from '../../context';
import { readConfig } from '../../config';

export function registerReindexCommand(program: Command): void {
  program
    .command('reindex')
    .description('rebuild the Meilisearch indexes from SQLite and object storage alone')
    .action(async () => {
      const context = await createContext(readConfig());
      try {
        const started = Date.now();
        const total = await rebuildSearchIndexes(context.search, context.db, context.taxonomy, (done, all) => process.stdout.write(`\rReindexed ${done}/${all} documents`));
        process.stdout.write(`\nReindexed ${total} documents in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
      } finally {
        await closeContext(context);
      }
    });
}

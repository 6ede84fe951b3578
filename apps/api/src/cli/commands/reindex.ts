import type { Command } from 'commander';
import { rebuildSearchIndexes } from '@mep/ingest';
import { closeContext, createContext } from '../../context';
import { readConfig } from '../../config';
import { createCommandLogger } from '../../observability/logger';
import { rebuildPostsIndex } from '../../services/post-search';

export function registerReindexCommand(program: Command): void {
  program
    .command('reindex')
    .description('rebuild the Meilisearch indexes (documents, passages, forum posts) from SQLite alone')
    .action(async () => {
      const config = readConfig();
      const context = await createContext(config, createCommandLogger(config.logLevel));
      try {
        const started = Date.now();
        const total = await rebuildSearchIndexes(context.search, context.db, context.taxonomy, (done, all) => process.stdout.write(`\rReindexed ${done}/${all} documents`));
        const postCount = await rebuildPostsIndex(context);
        process.stdout.write(`\nReindexed ${total} documents and ${postCount} forum posts in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
      } finally {
        await closeContext(context);
      }
    });
}

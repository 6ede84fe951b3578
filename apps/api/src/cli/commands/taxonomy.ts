import { existsSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { closeDatabase, isPostgresUrl, openDatabase } from '@mep/db';
import { exportSkosJsonLd, exportSkosTurtle, loadTaxonomy } from '@mep/taxonomy';
import { readConfig } from '../../config';
import { syncTaxonomy } from '../../services/taxonomy/taxonomy-sync';

export function registerTaxonomyCommands(program: Command): void {
  const taxonomy = program.command('taxonomy').description('the harmonized vocabulary');
  taxonomy
    .command('export')
    .description("export the vocabulary as SKOS, with curators' edits from the database (when there is one)")
    .addOption(new Option('--format <format>', 'jsonld or ttl').choices(['jsonld', 'ttl']).default('jsonld'))
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option('--committed', "the committed vocabulary only, without curators' edits")
    .action(async (options: { format: 'jsonld' | 'ttl'; output?: string; committed?: boolean }) => {
      const config = readConfig();
      // Without a database yet (a fresh checkout), the committed vocabulary is the whole vocabulary.
      if (!options.committed && (isPostgresUrl(config.database) || existsSync(config.database))) {
        const db = await openDatabase(config.database, { migrate: 'verify' });
        try {
          await syncTaxonomy(db, loadTaxonomy());
        } finally {
          await closeDatabase(db);
        }
      }
      const text = options.format === 'ttl' ? exportSkosTurtle() : `${JSON.stringify(exportSkosJsonLd(), null, 2)}\n`;
      if (options.output) writeFileSync(options.output, text);
      else process.stdout.write(text);
    });
}

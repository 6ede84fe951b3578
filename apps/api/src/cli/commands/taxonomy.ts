import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { exportSkosJsonLd, exportSkosTurtle } from '@mep/taxonomy';

export function registerTaxonomyCommands(program: Command): void {
  const taxonomy = program.command('taxonomy').description('the harmonized vocabulary');
  taxonomy
    .command('export')
    .description('export the vocabulary as SKOS')
    .addOption(new Option('--format <format>', 'jsonld or ttl').choices(['jsonld', 'ttl']).default('jsonld'))
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action((options: { format: 'jsonld' | 'ttl'; output?: string }) => {
      const text = options.format === 'ttl' ? exportSkosTurtle() : `${JSON.stringify(exportSkosJsonLd(), null, 2)}\n`;
      if (options.output) writeFileSync(options.output, text);
      else process.stdout.write(text);
    });
}

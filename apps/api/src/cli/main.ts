import { Command, CommanderError } from 'commander';
import { registerIngestCommand } from './commands/ingest';
import { registerReindexCommand } from './commands/reindex';
import { registerServeCommand } from './commands/serve';
import { registerTaxonomyCommands } from './commands/taxonomy';
import { registerUserCommands } from './commands/user';

/** Builds the `mep` command line. */
export function buildProgram(): Command {
  const program = new Command('mep').description('Minamata Exchange Platform').showHelpAfterError();
  registerIngestCommand(program);
  registerServeCommand(program);
  registerReindexCommand(program);
  registerTaxonomyCommands(program);
  registerUserCommands(program);
  return program;
}

// `mep taxonomy export | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof CommanderError) process.exit(error.exitCode);
    const code = (error as { code?: string }).code;
    console.error(`mep: ${(error as Error).message ?? String(error)}${code ? ` [${code}]` : ''}`);
    process.exit(1);
  });

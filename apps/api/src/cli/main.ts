import { Command, CommanderError } from 'commander';
import { registerBackupCommands } from './commands/backup';
import { registerDatabaseCommands } from './commands/db';
import { registerIngestCommand } from './commands/ingest';
import { registerReindexCommand } from './commands/reindex';
import { registerServeCommand } from './commands/serve';
import { registerTaxonomyCommands } from './commands/taxonomy';
import { registerUserCommands } from './commands/user';

/** An error and its causes in one line ("Request to … has failed: The provided API key is invalid. [invalid_api_key]"). */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    const message = current instanceof Error ? current.message : typeof current === 'object' ? (current as { message?: string }).message : String(current);
    const code = (current as { code?: unknown }).code;
    const part = `${message ?? ''}${typeof code === 'string' ? ` [${code}]` : ''}`.trim();
    if (part && !parts.includes(part)) parts.push(part);
  }
  return parts.join(': ') || 'unknown error';
}

/** Builds the `mep` command line. */
export function buildProgram(): Command {
  const program = new Command('mep').description('Minamata Exchange Platform').showHelpAfterError();
  registerIngestCommand(program);
  registerServeCommand(program);
  registerReindexCommand(program);
  registerTaxonomyCommands(program);
  registerUserCommands(program);
  registerDatabaseCommands(program);
  registerBackupCommands(program);
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
    console.error(`mep: ${describeError(error)}`);
    process.exit(1);
  });

import type { Command } from 'commander';
import { closeDatabase, copyDatabase, describeDatabase, isPostgresUrl, openDatabase, redactDatabaseTarget } from '@mep/db';
import { readConfig } from '../../config';

/** `mep migrate` and `mep db copy`: the database's lifecycle, for whichever engine is configured. */
export function registerDatabaseCommands(program: Command): void {
  program
    .command('migrate')
    .description('apply pending migrations to the configured database (DATABASE_URL, else MEP_DATA_DIR/mep.sqlite)')
    .action(async () => {
      const config = readConfig();
      const db = await openDatabase(config.database, { migrate: 'apply', poolSize: 2 });
      await closeDatabase(db);
      process.stdout.write(`The database ${describeDatabase(db)} is migrated.\n`);
    });

  const database = program.command('db').description('database tools');
  database
    .command('copy')
    .description('copy the configured SQLite database into an empty PostgreSQL database, verified by row counts and checksums')
    .requiredOption('--to <url>', 'the PostgreSQL database to fill (postgres://user:password@host:5432/name)')
    .option('--from <path>', 'the SQLite file to copy (default: the configured one)')
    .action(async (options: { to: string; from?: string }) => {
      if (!isPostgresUrl(options.to)) throw new Error(`--to must be a postgres:// URL, not "${redactDatabaseTarget(options.to)}".`);
      const config = readConfig();
      const from = options.from ?? config.database;
      if (isPostgresUrl(from)) throw new Error('The source is already PostgreSQL: unset DATABASE_URL (or pass --from <file.sqlite>) to copy a SQLite database.');
      const source = await openDatabase(from, { migrate: 'verify' });
      try {
        const target = await openDatabase(options.to, { migrate: 'apply', poolSize: 4 });
        try {
          const report = await copyDatabase(source, target, (table, rows) => process.stdout.write(`\r${table}: ${rows} rows`.padEnd(60)));
          process.stdout.write('\r'.padEnd(61) + '\r');
          for (const t of report.tables) process.stdout.write(`${t.table.padEnd(22)} ${String(t.rows).padStart(8)} rows  sha256 ${t.checksum.slice(0, 16)}  ${t.verified ? 'verified' : 'MISMATCH'}\n`);
          if (!report.verified) throw new Error('The copy does not match the source (see MISMATCH above); the target was left as is for inspection.');
          process.stdout.write(`Copied ${report.totalRows} rows from ${from} to ${redactDatabaseTarget(options.to)}: counts and checksums match.\nSet DATABASE_URL to it and start the API nodes.\n`);
        } finally {
          await closeDatabase(target);
        }
      } finally {
        await closeDatabase(source);
      }
    });
}

import type { Command } from 'commander';
import { backupPlatform, restorePlatform } from '../../backup/backup';
import { readConfig } from '../../config';
import { createCommandLogger } from '../../observability/logger';

/** `mep backup <dir>` (safe while `mep serve` runs) and `mep restore <dir>` (into a fresh data directory or empty database). */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('write a consistent backup (database snapshot, originals with their SHA-256, config without secrets) into a new folder; safe while serving')
    .argument('<dir>', 'a folder that does not exist yet (or is empty)')
    .action(async (dir: string) => {
      const started = Date.now();
      const report = await backupPlatform(readConfig(), dir);
      process.stdout.write(
        `Backed up ${report.documents} document(s) (${(report.blobBytes / 1024 / 1024).toFixed(1)} MB of originals, database ${(report.databaseBytes / 1024 / 1024).toFixed(1)} MB) to ${report.dir} in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
      );
    });
  program
    .command('restore')
    .description('restore a backup into a fresh data directory (or an empty PostgreSQL database) and rebuild the search indexes')
    .argument('<dir>', 'a folder written by `mep backup`')
    .action(async (dir: string) => {
      const config = readConfig();
      const started = Date.now();
      const report = await restorePlatform(config, dir, createCommandLogger(config.logLevel));
      process.stdout.write(`Restored ${report.documents} document(s) and ${report.posts} forum post(s) into ${config.dataDir}; search rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    });
}

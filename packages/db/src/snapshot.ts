/**
 * Consistent copies of the database for `mep backup` / `mep restore`: SQLite's online backup API (a
 * reader never blocks the serving process, and the copy is one point in time even while it writes),
 * or `pg_dump` / `pg_restore` for PostgreSQL. The client tools are found on PATH, else in Debian's
 * /usr/lib/postgresql/<version>/bin (newest first).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { isPostgresUrl, redactDatabaseTarget } from './database';

const run = promisify(execFile);

/** The file a snapshot of this database is written to, inside a backup folder. */
export function snapshotFileName(target: string): string {
  return isPostgresUrl(target) ? 'database.pgdump' : 'database.sqlite';
}

/** Path of a PostgreSQL client program (`pg_dump`, `pg_restore`); throws a clear error when none is installed. */
export function findPostgresTool(name: 'pg_dump' | 'pg_restore'): string {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, name))) return join(dir, name);
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    for (const version of readdirSync(base).sort((a, b) => Number(b) - Number(a))) {
      if (existsSync(join(base, version, 'bin', name))) return join(base, version, 'bin', name);
    }
  }
  throw new Error(`${name} was not found (install the postgresql-client package, or put ${name} on PATH)`);
}

/** Writes a consistent snapshot of the database at `target` (SQLite path or PostgreSQL URL) to `file`. */
export async function snapshotDatabase(target: string, file: string): Promise<void> {
  if (isPostgresUrl(target)) {
    // One repeatable-read transaction: a consistent snapshot while the nodes keep writing.
    await run(findPostgresTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', '--file', file, '--dbname', target], { maxBuffer: 16 * 1024 * 1024 }).catch((error: unknown) => {
      throw new Error(`pg_dump of ${redactDatabaseTarget(target)} failed: ${describe(error)}`);
    });
    return;
  }
  if (!existsSync(target)) throw new Error(`There is no database at ${target}`);
  const source = new Database(target, { readonly: true, fileMustExist: true });
  try {
    await source.backup(file);
  } finally {
    source.close();
  }
}

/**
 * True when the target holds no table at all: a SQLite file that does not exist (or is empty), or a
 * PostgreSQL database without tables in its public schema. Restores go only into such targets.
 */
export async function isEmptyDatabaseTarget(target: string): Promise<boolean> {
  if (!isPostgresUrl(target)) {
    if (!existsSync(target)) return true;
    const db = new Database(target, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as { n: number }).n === 0;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>("select count(*) as n from information_schema.tables where table_schema = 'public'");
    return Number(result.rows[0]?.n ?? 0) === 0;
  } finally {
    await client.end();
  }
}

/** Loads a snapshot written by {@link snapshotDatabase} into an empty target (the caller checked it is empty). */
export async function restoreDatabaseSnapshot(file: string, target: string): Promise<void> {
  if (isPostgresUrl(target)) {
    await run(findPostgresTool('pg_restore'), ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', '--dbname', target, file], { maxBuffer: 16 * 1024 * 1024 }).catch((error: unknown) => {
      throw new Error(`pg_restore into ${redactDatabaseTarget(target)} failed: ${describe(error)}`);
    });
    return;
  }
  // Through SQLite's backup API again (not a file copy): the result is a checked, complete database file.
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
}

function describe(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  return (stderr || (error as Error)?.message || String(error)).slice(0, 800);
}

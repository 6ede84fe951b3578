import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle');
export const migrationsFolders = { sqlite: resolve(root, 'sqlite'), postgres: resolve(root, 'pg') } as const;

/** Raised by `openDatabase(…, { migrate: 'verify' })` on a database that lacks migrations: run `mep migrate`. */
export class UnmigratedDatabaseError extends Error {
  override name = 'UnmigratedDatabaseError';
  constructor(
    readonly pending: string[],
    readonly target: string,
  ) {
    super(
      `The database ${target} is not migrated: ${pending.length} migration(s) pending (${pending.slice(0, 3).join(', ')}${pending.length > 3 ? ', …' : ''}). ` +
        'Run `pnpm mep migrate` (with the same DATABASE_URL / MEP_DATA_DIR), then start again.',
    );
  }
}

function migrationNames(dialect: keyof typeof migrationsFolders): Array<{ name: string; folderMillis: number }> {
  const files = readMigrationFiles({ migrationsFolder: migrationsFolders[dialect] });
  // The journal lists tags in the same order as the files it describes.
  const journal = JSON.parse(readFileSync(resolve(migrationsFolders[dialect], 'meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  return files.map((file, i) => ({ name: journal.entries[i]?.tag ?? String(file.folderMillis), folderMillis: file.folderMillis }));
}

/** Applies pending SQLite migrations (on a plain drizzle instance: the migrator is synchronous). */
export function applySqliteMigrations(client: Database.Database): void {
  migrateSqlite(drizzleSqlite(client), { migrationsFolder: migrationsFolders.sqlite });
}

/** Names of the SQLite migrations not applied yet. */
export function pendingSqliteMigrations(client: Database.Database): string[] {
  const table = client.prepare("select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  const last = table ? ((client.prepare('select max(created_at) as last from __drizzle_migrations').get() as { last: number | null }).last ?? 0) : 0;
  return migrationNames('sqlite')
    .filter((m) => m.folderMillis > Number(last))
    .map((m) => m.name);
}

/** Applies pending PostgreSQL migrations (in drizzle's own schema `drizzle`). */
export async function applyPgMigrations(pool: pg.Pool): Promise<void> {
  await migratePg(drizzlePg(pool), { migrationsFolder: migrationsFolders.postgres });
}

/** Names of the PostgreSQL migrations not applied yet. */
export async function pendingPgMigrations(pool: pg.Pool): Promise<string[]> {
  const exists = await pool.query("select to_regclass('drizzle.__drizzle_migrations') as t");
  let last = 0;
  if (exists.rows[0]?.t) last = Number((await pool.query('select max(created_at) as last from drizzle.__drizzle_migrations')).rows[0]?.last ?? 0);
  return migrationNames('postgres')
    .filter((m) => m.folderMillis > last)
    .map((m) => m.name);
}

/* eslint-disable @typescript-eslint/no-explicit-any -- patches drizzle's untyped internals (sessions, prepared queries, builders) */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import {
  applyPgMigrations,
  applySqliteMigrations,
  pendingPgMigrations,
  pendingSqliteMigrations,
  UnmigratedDatabaseError,
} from './migrations';
import { openPostgres } from './pg-async';
import type * as schema from './schema';
import { openSqlite } from './sqlite-async';

export type Schema = typeof schema;
export type Dialect = 'sqlite' | 'postgres';
/** What `.run()` resolves to on either dialect. */
export interface RunResult {
  changes: number;
}

/**
 * The one async data layer: drizzle's async SQLite query API, served by better-sqlite3 (embedded default) or by
 * PostgreSQL (`DATABASE_URL`). Write every query once: `await db.select()…`, `.get()` for one row, `.run()` for a
 * write, `runInTransaction(db, async (tx) => …)` for several; dialect differences live in `./dialect.ts`.
 */
export type Db = BaseSQLiteDatabase<'async', RunResult, Schema>;

interface Handle {
  dialect: Dialect;
  target: string;
  close(): Promise<void>;
  ping(): Promise<boolean>;
}
const handles = new WeakMap<object, Handle>();

function handleOf(db: Db): Handle {
  const handle = handles.get(db);
  if (!handle) throw new Error('Not a database opened by openDatabase().');
  return handle;
}

export interface OpenDatabaseOptions {
  /** `apply` (default) applies pending migrations; `verify` refuses a database with pending ones. */
  migrate?: 'apply' | 'verify';
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

/** A `postgres://` or `postgresql://` URL selects PostgreSQL; anything else is a SQLite file path (or `:memory:`). */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** Hides the password of a database URL for messages and logs. */
export function redactDatabaseTarget(target: string): string {
  return isPostgresUrl(target) ? target.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : target;
}

/**
 * Opens the database at `target` — a SQLite path (created if needed) or a PostgreSQL URL — and applies or verifies
 * its migrations.
 */
export async function openDatabase(target: string, options: OpenDatabaseOptions = {}): Promise<Db> {
  const mode = options.migrate ?? 'apply';
  if (isPostgresUrl(target)) {
    const pg = openPostgres(target, { max: options.poolSize });
    try {
      if (mode === 'apply') await applyPgMigrations(pg.pool);
      else {
        const pending = await pendingPgMigrations(pg.pool);
        if (pending.length) throw new UnmigratedDatabaseError(pending, redactDatabaseTarget(target));
      }
    } catch (error) {
      await pg.close();
      throw error;
    }
    handles.set(pg.db, {
      dialect: 'postgres',
      target: redactDatabaseTarget(target),
      close: () => pg.close(),
      ping: async () => {
        try {
          await pg.pool.query('select 1');
          return true;
        } catch {
          return false;
        }
      },
    });
    return pg.db as Db;
  }
  if (target !== ':memory:') mkdirSync(dirname(target), { recursive: true });
  const lite = openSqlite(target);
  try {
    if (mode === 'apply') applySqliteMigrations(lite.client);
    else {
      const pending = pendingSqliteMigrations(lite.client);
      if (pending.length) throw new UnmigratedDatabaseError(pending, target);
    }
  } catch (error) {
    lite.close();
    throw error;
  }
  handles.set(lite.db, {
    dialect: 'sqlite',
    target,
    close: async () => lite.close(),
    ping: async () => {
      try {
        await lite.db.get(sql`select 1`);
        return true;
      } catch {
        return false;
      }
    },
  });
  return lite.db as Db;
}

/** Closes the connection (SQLite) or the pool (PostgreSQL). */
export async function closeDatabase(db: Db): Promise<void> {
  await handleOf(db).close();
}

/** True when a trivial query succeeds: used by the readiness probe. */
export async function pingDatabase(db: Db): Promise<boolean> {
  return handleOf(db).ping();
}

/** Which engine serves `db` (or the transaction handle of one). */
export function dialectOf(db: Db): Dialect {
  return handles.get(db)?.dialect ?? ((db as any).session?.constructor?.name?.startsWith('NodePg') ? 'postgres' : 'sqlite');
}

/** The database's location for messages (PostgreSQL password hidden). */
export function describeDatabase(db: Db): string {
  return handleOf(db).target;
}

/**
 * Runs `work` in one transaction and returns its result; a throw rolls everything back. Inside, use only `tx`:
 * the outer handle throws `TransactionMisuseError` (on PostgreSQL it would run outside the transaction and could
 * wait forever on the transaction's own locks). Called with a `tx`, it opens a savepoint.
 */
export function runInTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return (db as unknown as { transaction(w: (tx: Db) => Promise<T>): Promise<T> }).transaction(work);
}

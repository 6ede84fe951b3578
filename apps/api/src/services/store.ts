import type { Schema } from '@mep/db';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';

/** The database or a transaction on it: helpers that must run inside a caller's transaction take this. */
export type Store = BaseSQLiteDatabase<'sync', unknown, Schema>;

/** Current time as stored in the database (ISO 8601, UTC). */
export const nowIso = (now = new Date()): string => now.toISOString();

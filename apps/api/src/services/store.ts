import type { Db } from '@mep/db';

/** The database or a transaction on it: helpers that must run inside a caller's transaction take this. */
export type Store = Db;

/** Current time as stored in the database (ISO 8601, UTC). */
export const nowIso = (now = new Date()): string => now.toISOString();

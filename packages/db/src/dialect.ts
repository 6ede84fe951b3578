/**
 * The few SQL fragments that differ between SQLite and PostgreSQL, chosen by the handle's dialect, so services
 * never branch on the engine.
 */
import { sql, type AnyColumn, type SQL, type SQLWrapper } from 'drizzle-orm';
import { dialectOf, type Db } from './database';

/** Concatenates a column's values of a group with `separator` (SQLite group_concat, PostgreSQL string_agg). */
export function stringAgg(db: Db, column: AnyColumn | SQLWrapper, separator: string): SQL<string> {
  return dialectOf(db) === 'postgres' ? sql<string>`string_agg(${column}::text, ${separator})` : sql<string>`group_concat(${column}, ${separator})`;
}

/** Case-insensitive LIKE on either engine (SQLite's LIKE already ignores ASCII case; PostgreSQL needs ILIKE). */
export function likeInsensitive(db: Db, column: AnyColumn | SQLWrapper, pattern: string): SQL {
  return dialectOf(db) === 'postgres' ? sql`${column} ilike ${pattern}` : sql`${column} like ${pattern}`;
}

/**
 * ` for no key update` on PostgreSQL, to append to a select that reads a row it will update in the same
 * transaction; nothing on SQLite, whose transactions already hold the write lock from BEGIN IMMEDIATE.
 */
export function lockRowsForUpdate(db: Db): SQL {
  return dialectOf(db) === 'postgres' ? sql` for no key update` : sql``;
}

/** True when the JSON-array text column holds `value` (JSON arrays are stored as text on both engines). */
export function jsonArrayContains(column: AnyColumn | SQLWrapper, value: string): SQL {
  return sql`${column} like ${`%${JSON.stringify(value)}%`}`;
}

/**
 * Whether `error` (or an error it wraps, as drizzle's query errors do) is a unique-constraint violation on
 * either engine: SQLite's SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY, PostgreSQL's SQLSTATE 23505.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  }
  return false;
}

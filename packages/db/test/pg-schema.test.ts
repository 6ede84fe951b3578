import { getTableName } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../src/pg-schema';
import * as sqliteSchema from '../src/schema';

describe('the PostgreSQL schema', () => {
  it('exports a PostgreSQL twin of every table, under the same name (drizzle-kit finds tables by export)', () => {
    const sqliteTables = Object.entries(sqliteSchema).filter(([, value]) => value instanceof SQLiteTable);
    expect(sqliteTables.length).toBeGreaterThan(10);
    for (const [key, table] of sqliteTables) {
      const twin = (pgSchema as Record<string, unknown>)[key];
      expect(twin, `pg-schema.ts lacks "export const ${key} = pgTables.${key}!"`).toBeInstanceOf(PgTable);
      expect(getTableName(twin as PgTable)).toBe(getTableName(table as SQLiteTable));
    }
  });
});

/**
 * Moves a deployment from SQLite to PostgreSQL: every table in foreign-key order, in batches, then serial
 * sequences are moved past the copied ids, and each table is verified by its row count and a SHA-256 of its rows
 * read back in primary-key order from both sides.
 */
import { createHash } from 'node:crypto';
import { asc, count, getTableColumns, sql } from 'drizzle-orm';
import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { dialectOf, runInTransaction, type Db } from './database';
import * as schema from './schema';

export interface TableCopyReport {
  table: string;
  rows: number;
  checksum: string;
  verified: boolean;
}

export interface CopyReport {
  tables: TableCopyReport[];
  totalRows: number;
  verified: boolean;
}

/** Tables ordered so that every table comes after the tables it references. */
export function tablesInDependencyOrder(): SQLiteTable[] {
  const tables = Object.values(schema as Record<string, unknown>).filter((t): t is SQLiteTable => t instanceof SQLiteTable);
  const ordered: SQLiteTable[] = [];
  const visit = (table: SQLiteTable, path: Set<SQLiteTable>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const fk of getTableConfig(table).foreignKeys) {
      const parent = fk.reference().foreignTable;
      if (parent !== table) visit(parent as SQLiteTable, path);
    }
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

function primaryKeyColumns(table: SQLiteTable): SQLiteColumn[] {
  const config = getTableConfig(table);
  const single = config.columns.filter((c) => c.primary);
  if (single.length) return single;
  return config.primaryKeys[0]?.columns ?? config.columns;
}

async function tableChecksum(db: Db, table: SQLiteTable): Promise<{ rows: number; checksum: string }> {
  // Row digests are sorted before the table digest: text primary keys collate differently on the two engines.
  const digests: string[] = [];
  const order = primaryKeyColumns(table).map((c) => asc(c));
  let rows = 0;
  const pageSize = 2000;
  for (let offset = 0; ; offset += pageSize) {
    const page = await db.select().from(table).orderBy(...order).limit(pageSize).offset(offset).all();
    for (const row of page) digests.push(createHash('sha256').update(JSON.stringify(row)).digest('hex'));
    rows += page.length;
    if (page.length < pageSize) break;
  }
  return { rows, checksum: createHash('sha256').update(digests.sort().join('\n')).digest('hex') };
}

/**
 * Copies every row of `source` into `target`, which must be migrated and empty. Returns per-table counts and
 * checksums; `verified` is false when any table differs after the copy.
 */
export async function copyDatabase(source: Db, target: Db, onProgress?: (table: string, rows: number) => void): Promise<CopyReport> {
  const tables = tablesInDependencyOrder();
  for (const table of tables) {
    const existing = (await target.select({ n: count() }).from(table).get())?.n ?? 0;
    if (existing > 0) throw new Error(`The target database is not empty (${getTableConfig(table).name} has ${existing} rows): copy into a new, empty database.`);
  }
  await runInTransaction(target, async (tx) => {
    for (const table of tables) {
      const name = getTableConfig(table).name;
      const columnCount = Object.keys(getTableColumns(table)).length;
      // PostgreSQL takes at most 65,535 parameters per statement.
      const batch = Math.max(1, Math.floor(30_000 / columnCount));
      const order = primaryKeyColumns(table).map((c) => asc(c));
      let copied = 0;
      for (let offset = 0; ; offset += batch) {
        const rows = await source.select().from(table).orderBy(...order).limit(batch).offset(offset).all();
        if (rows.length) await tx.insert(table).values(rows).run();
        copied += rows.length;
        onProgress?.(name, copied);
        if (rows.length < batch) break;
      }
      if (dialectOf(target) === 'postgres') {
        for (const column of getTableConfig(table).columns) {
          if (!(column as { autoIncrement?: boolean }).autoIncrement) continue;
          await tx.run(
            sql.raw(`select setval(pg_get_serial_sequence('"${name}"', '${column.name}'), coalesce((select max("${column.name}") from "${name}"), 1), (select count(*) > 0 from "${name}"))`),
          );
        }
      }
    }
  });
  const reports: TableCopyReport[] = [];
  for (const table of tables) {
    const [from, to] = [await tableChecksum(source, table), await tableChecksum(target, table)];
    reports.push({ table: getTableConfig(table).name, rows: to.rows, checksum: to.checksum, verified: from.rows === to.rows && from.checksum === to.checksum });
  }
  return { tables: reports, totalRows: reports.reduce((sum, r) => sum + r.rows, 0), verified: reports.every((r) => r.verified) };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- patches drizzle's untyped internals (sessions, prepared queries, builders) */
/**
 * The PostgreSQL DDL of the same tables, derived from the SQLite schema so the two cannot drift. drizzle-kit reads
 * this module (`drizzle.pg.config.ts`) to write `drizzle/pg` migrations; at run time queries use the SQLite table
 * objects with PostgreSQL's driver, so the column types here store exactly what those tables read and write:
 * text for text and JSON-as-text, integer for integers and booleans (0/1), double precision for reals.
 */
import { getTableColumns, SQL } from 'drizzle-orm';
import {
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  uniqueIndex,
  type PgColumnBuilderBase,
  type PgTableWithColumns,
} from 'drizzle-orm/pg-core';
import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import * as sqliteSchema from './schema';

type AnyPgTable = PgTableWithColumns<any>;

function toPgColumn(column: SQLiteColumn): PgColumnBuilderBase {
  const autoIncrement = (column as { autoIncrement?: boolean }).autoIncrement === true;
  let builder: any;
  switch (column.columnType) {
    case 'SQLiteInteger':
    case 'SQLiteBoolean':
    case 'SQLiteTimestamp':
      builder = autoIncrement ? serial(column.name) : integer(column.name);
      break;
    case 'SQLiteReal':
      builder = doublePrecision(column.name);
      break;
    case 'SQLiteText':
    case 'SQLiteTextJson':
      builder = text(column.name);
      break;
    default:
      throw new Error(`pg-schema: no PostgreSQL type for ${column.columnType} (column ${column.name})`);
  }
  if (column.primary) builder = builder.primaryKey();
  else if (column.notNull && !autoIncrement) builder = builder.notNull();
  if (column.isUnique) builder = builder.unique(column.uniqueName);
  if (column.hasDefault && column.default !== undefined) {
    builder = builder.default(column.default instanceof SQL ? column.default : column.mapToDriverValue(column.default));
  }
  return builder;
}

const pgByName = new Map<string, AnyPgTable>();

function toPgTable(table: SQLiteTable): AnyPgTable {
  const config = getTableConfig(table);
  const columns = getTableColumns(table);
  const keyOf = new Map(Object.entries(columns).map(([key, column]) => [column.name, key]));
  const pgColumns = Object.fromEntries(Object.entries(columns).map(([key, column]) => [key, toPgColumn(column as SQLiteColumn)]));
  const pg = pgTable(config.name, pgColumns, (t: Record<string, any>) => {
    const col = (name: string) => t[keyOf.get(name)!];
    const extras: any[] = [];
    for (const pk of config.primaryKeys) extras.push(primaryKey({ name: pk.getName(), columns: pk.columns.map((c) => col(c.name)) as [any, ...any[]] }));
    for (const idx of config.indexes) {
      const make = idx.config.unique ? uniqueIndex : index;
      extras.push(make(idx.config.name).on(...(idx.config.columns.map((c) => col((c as SQLiteColumn).name)) as [any, ...any[]])));
    }
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const target = pgByName.get(getTableConfig(ref.foreignTable).name)!;
      const targetKeys = getTableColumns(ref.foreignTable);
      const targetKey = (name: string) => Object.entries(targetKeys).find(([, c]) => c.name === name)![0];
      let builder = foreignKey({
        name: fk.getName(),
        columns: ref.columns.map((c) => col(c.name)) as [any, ...any[]],
        foreignColumns: ref.foreignColumns.map((c) => (target as any)[targetKey(c.name)]) as [any, ...any[]],
      });
      if (fk.onDelete) builder = builder.onDelete(fk.onDelete);
      if (fk.onUpdate) builder = builder.onUpdate(fk.onUpdate);
      extras.push(builder);
    }
    return extras;
  });
  pgByName.set(config.name, pg as AnyPgTable);
  return pg as AnyPgTable;
}

/** Every table of the schema, as a PostgreSQL table with the same name, columns, keys, indexes and references. */
export const pgTables: Record<string, AnyPgTable> = Object.fromEntries(
  Object.entries(sqliteSchema as Record<string, unknown>)
    .filter((entry): entry is [string, SQLiteTable] => entry[1] instanceof SQLiteTable)
    .map(([key, table]) => [key, toPgTable(table)]),
);

// Named exports: drizzle-kit finds tables by export (test/pg-schema.test.ts checks none is missing).
export const users = pgTables.users!;
export const sessions = pgTables.sessions!;
export const forums = pgTables.forums!;
export const forumMembers = pgTables.forumMembers!;
export const threads = pgTables.threads!;
export const posts = pgTables.posts!;
export const postRevisions = pgTables.postRevisions!;
export const threadDocuments = pgTables.threadDocuments!;
export const follows = pgTables.follows!;
export const notifications = pgTables.notifications!;
export const flags = pgTables.flags!;
export const auditLog = pgTables.auditLog!;
export const accountTokens = pgTables.accountTokens!;
export const outbox = pgTables.outbox!;
export const oaiTombstones = pgTables.oaiTombstones!;
export const nationalReports = pgTables.nationalReports!;
export const reportAnswers = pgTables.reportAnswers!;
export const documents = pgTables.documents!;
export const pages = pgTables.pages!;
export const documentConcepts = pgTables.documentConcepts!;
export const ingestJobs = pgTables.ingestJobs!;
export const ocrJobs = pgTables.ocrJobs!;
export const documentRevisions = pgTables.documentRevisions!;
export const tagDecisions = pgTables.tagDecisions!;
export const uploadJobs = pgTables.uploadJobs!;
export const searchOutbox = pgTables.searchOutbox!;
export const searchEvents = pgTables.searchEvents!;
export const searchClicks = pgTables.searchClicks!;
export const feedback = pgTables.feedback!;
export const surveys = pgTables.surveys!;
export const surveyResponses = pgTables.surveyResponses!;
export const taxonomyConcepts = pgTables.taxonomyConcepts!;
export const taxonomyRevisions = pgTables.taxonomyRevisions!;
export const taxonomyRetagJobs = pgTables.taxonomyRetagJobs!;

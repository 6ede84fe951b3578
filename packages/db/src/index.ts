export * from './schema';
export {
  closeDatabase,
  describeDatabase,
  dialectOf,
  isPostgresUrl,
  openDatabase,
  pingDatabase,
  redactDatabaseTarget,
  runInTransaction,
  type Db,
  type Dialect,
  type OpenDatabaseOptions,
  type RunResult,
  type Schema,
} from './database';
export { isUniqueViolation, jsonArrayContains, likeInsensitive, lockRowsForUpdate, stringAgg } from './dialect';
export { UnmigratedDatabaseError, migrationsFolders } from './migrations';
export { TransactionMisuseError } from './transaction-scope';
export { copyDatabase, tablesInDependencyOrder, type CopyReport, type TableCopyReport } from './copy-database';
export { findPostgresTool, isEmptyDatabaseTarget, restoreDatabaseSnapshot, snapshotDatabase, snapshotFileName } from './snapshot';

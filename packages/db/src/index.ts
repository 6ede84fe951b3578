export * from './schema';
export { openDatabase, closeDatabase, pingDatabase, type Db, type Schema } from './open-database';

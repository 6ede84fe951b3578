/**
 * Test support shared by every package: which database a test run uses. `MEP_TEST_DATABASE=postgres` (set by
 * `scripts/run-tests.sh` for the second run) makes the global setup start PostgreSQL and every test database a
 * fresh PostgreSQL database cloned from a migrated template; otherwise tests use SQLite files.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createDatabase } from './postgres-server';

export { createDatabase, findPostgresBin, startPostgresServer, type PostgresServer } from './postgres-server';

/** Name of the migrated template database the global setup prepares. */
export const TEMPLATE_DATABASE = 'mep_template';

/** True in the PostgreSQL test run. */
export function testsUsePostgres(): boolean {
  return process.env.MEP_TEST_DATABASE === 'postgres';
}

/**
 * Where a test's database lives: `<dir>/mep.sqlite`, or in the PostgreSQL run a new database from the template on
 * the server the global setup started (`MEP_TEST_PG_URL`).
 */
export async function createTestDatabaseTarget(dir: string): Promise<string> {
  if (!testsUsePostgres()) return join(dir, 'mep.sqlite');
  const server = process.env.MEP_TEST_PG_URL;
  if (!server) throw new Error('MEP_TEST_DATABASE=postgres but no MEP_TEST_PG_URL: the vitest global setup did not run.');
  return createDatabase(server, `mep_${randomUUID().replaceAll('-', '').slice(0, 20)}`, TEMPLATE_DATABASE);
}

/**
 * vitest global setup: in the PostgreSQL run, one server for the whole run and a migrated template database that
 * each test clones (cloning is much faster than migrating).
 */
import { closeDatabase, openDatabase } from '../database';
import { createDatabase, startPostgresServer, type PostgresServer } from './postgres-server';
import { TEMPLATE_DATABASE, testsUsePostgres } from './index';

let server: PostgresServer | undefined;

export async function setup(): Promise<void> {
  if (!testsUsePostgres() || process.env.MEP_TEST_PG_URL) return;
  server = await startPostgresServer();
  const template = await createDatabase(server.url, TEMPLATE_DATABASE);
  await closeDatabase(await openDatabase(template));
  process.env.MEP_TEST_PG_URL = server.url;
}

export async function teardown(): Promise<void> {
  const started = server;
  server = undefined;
  await started?.stop();
}

/* eslint-disable @typescript-eslint/no-explicit-any -- patches drizzle's untyped internals (sessions, prepared queries, builders) */
/**
 * PostgreSQL through node-postgres, presented with the same async query API as the SQLite handle: services call
 * `.all()`, `.get()` and `.run()` on builders (drizzle's async SQLite shape), which PostgreSQL's builders lack, so
 * they are added here once. Queries use the SQLite table objects; `pg-schema.ts` gives PostgreSQL the same columns.
 */
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { PgDatabase, PgDeleteBase, PgInsertBase, PgSelectBase, PgUpdateBase } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { insideTransactionOf, transactionScope, TransactionMisuseError } from './transaction-scope';

type Thenable = { execute(): Promise<any> };
const toRunResult = (result: any) => ({ changes: Array.isArray(result) ? result.length : Number(result?.rowCount ?? 0) });

let patched = false;
/** Gives PostgreSQL's builders and database the `.all()` / `.get()` / `.run()` / `.values()` of the async SQLite API. */
function patchPgBuilders(): void {
  if (patched) return;
  patched = true;
  for (const Builder of [PgSelectBase, PgInsertBase, PgUpdateBase, PgDeleteBase] as unknown as Array<{ prototype: Thenable & Record<string, unknown> }>) {
    Object.assign(Builder.prototype, {
      all(this: Thenable) {
        return this.execute();
      },
      async get(this: Thenable) {
        const rows = await this.execute();
        return Array.isArray(rows) ? rows[0] : undefined;
      },
      async run(this: Thenable) {
        return toRunResult(await this.execute());
      },
      async values(this: Thenable) {
        const rows = await this.execute();
        return (Array.isArray(rows) ? rows : []).map((row) => Object.values(row));
      },
    });
  }
  Object.assign(PgDatabase.prototype, {
    async all(this: { execute(q: unknown): Promise<any> }, query: unknown) {
      return (await this.execute(query)).rows;
    },
    async get(this: { execute(q: unknown): Promise<any> }, query: unknown) {
      return (await this.execute(query)).rows[0];
    },
    async run(this: { execute(q: unknown): Promise<any> }, query: unknown) {
      return toRunResult(await this.execute(query));
    },
    async values(this: { execute(q: unknown): Promise<any> }, query: unknown) {
      return (await this.execute(query)).rows.map((row: object) => Object.values(row));
    },
  });
}

// COUNT(*) and other int8 results arrive as strings by default; numbers here fit in a double. drizzle passes
// node-postgres's global parsers with each query, so the global ones are set too (this process reads
// PostgreSQL only through this module).
pg.types.setTypeParser(20, (value: string) => Number(value));
pg.types.setTypeParser(1700, (value: string) => Number.parseFloat(value));
const types = {
  getTypeParser(oid: number, format?: any) {
    if (oid === 20) return (value: string) => Number(value);
    if (oid === 1700) return (value: string) => Number.parseFloat(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PgHandle {
  db: any;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** Connects a pool to `url` and returns an async drizzle handle whose misuse of transactions throws, as on SQLite. */
export function openPostgres(url: string, options: { max?: number } = {}): PgHandle {
  patchPgBuilders();
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types: types as any });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db: any = drizzle(pool, { schema });
  const misuse = () => new TransactionMisuseError('The database handle was used inside runInTransaction: use the transaction handle.');
  // Checked before drizzle sends the query (its errors arrive wrapped), and again at the pool as a backstop.
  const prepare = db.session.prepareQuery.bind(db.session) as (...args: any[]) => any;
  db.session.prepareQuery = (...args: any[]) => {
    const prepared = prepare(...args);
    const execute = prepared.execute.bind(prepared) as (...a: any[]) => Promise<unknown>;
    prepared.execute = (...a: any[]) => (insideTransactionOf(db) ? Promise.reject(misuse()) : execute(...a));
    return prepared;
  };
  const query = pool.query.bind(pool) as (...args: any[]) => any;
  (pool as any).query = (...args: any[]) => {
    if (insideTransactionOf(db)) throw misuse();
    return query(...args);
  };
  const transaction = db.transaction.bind(db);
  db.transaction = (work: (tx: unknown) => Promise<unknown>, config?: unknown) => {
    if (insideTransactionOf(db)) throw new TransactionMisuseError('The database handle opened a transaction inside another: use the transaction handle.');
    return transactionScope.run({ owner: db }, () => transaction(work, config));
  };
  return { db, pool, close: () => pool.end() };
}

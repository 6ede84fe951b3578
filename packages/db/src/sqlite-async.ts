/* eslint-disable @typescript-eslint/no-explicit-any -- patches drizzle's untyped internals (sessions, prepared queries, builders) */
/**
 * better-sqlite3 is synchronous and has one connection, so an async transaction must own it while its awaits
 * let other requests run: a gate queues every statement from outside the open transaction until it commits.
 * Statements are patched to return promises (drizzle's async SQLite flavour), so services are written once for
 * both dialects.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';
import { transactionScope, TransactionMisuseError, insideTransactionOf } from './transaction-scope';

interface Gate {
  /** Settles when the open transaction ends; undefined when none is open. */
  busy?: Promise<void>;
}

type AnyPrepared = Record<string, any>;
const EXECUTE_METHODS = ['all', 'get', 'run', 'values'] as const;

/** Wraps a prepared statement so each execution waits for the gate (outer handle) or checks it owns it (transaction). */
function gatePrepared(inner: AnyPrepared, gate: Gate, owner: object, isTransaction: boolean): AnyPrepared {
  const outer = Object.create(inner) as AnyPrepared;
  for (const method of EXECUTE_METHODS) {
    outer[method] = async (placeholders?: unknown) => {
      if (isTransaction) {
        if (!insideTransactionOf(owner)) throw new TransactionMisuseError('A transaction handle was used after its transaction ended.');
      } else {
        if (insideTransactionOf(owner)) throw new TransactionMisuseError('The database handle was used inside runInTransaction: use the transaction handle.');
        while (gate.busy) await gate.busy;
      }
      return inner[method](placeholders);
    };
  }
  outer.execute = (placeholders?: unknown) => outer[inner.executeMethod](placeholders);
  return outer;
}

function patchSession(session: AnyPrepared, gate: Gate, owner: object, isTransaction: boolean): void {
  // prepareOneTimeQuery (raw `db.all(sql)` and friends) goes through prepareQuery too.
  const original = session.prepareQuery.bind(session);
  session.prepareQuery = (...args: unknown[]) => gatePrepared(original(...args), gate, owner, isTransaction);
}

export interface SqliteHandle {
  db: any;
  client: Database.Database;
  close(): void;
}

/** Opens a SQLite file (WAL, foreign keys on) as an async drizzle handle with gated transactions. */
export function openSqlite(path: string): SqliteHandle {
  const client = new Database(path);
  client.pragma('journal_mode = WAL');
  client.pragma('synchronous = NORMAL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  const gate: Gate = {};
  const db: any = drizzle(client, { schema });
  // The transaction's handle: its own drizzle instance over the same connection, allowed only inside the frame.
  const tx: any = drizzle(client, { schema });
  patchSession(db.session, gate, db, false);
  patchSession(tx.session, gate, db, true);
  let savepoints = 0;

  db.transaction = async <T>(work: (handle: unknown) => Promise<T>): Promise<T> => {
    if (insideTransactionOf(db)) throw new TransactionMisuseError('The database handle opened a transaction inside another: use the transaction handle.');
    while (gate.busy) await gate.busy;
    let release!: () => void;
    gate.busy = new Promise<void>((resolve) => (release = resolve));
    try {
      client.exec('BEGIN IMMEDIATE');
      try {
        const result = await transactionScope.run({ owner: db }, () => work(tx));
        client.exec('COMMIT');
        return result;
      } catch (error) {
        if (client.inTransaction) client.exec('ROLLBACK');
        throw error;
      }
    } finally {
      gate.busy = undefined;
      release();
    }
  };
  // Nested transactions are savepoints of the open one.
  tx.transaction = async <T>(work: (handle: unknown) => Promise<T>): Promise<T> => {
    if (!insideTransactionOf(db)) throw new TransactionMisuseError('A transaction handle was used after its transaction ended.');
    const name = `sp_${++savepoints}`;
    client.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work(tx);
      client.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      client.exec(`ROLLBACK TO ${name}`);
      client.exec(`RELEASE ${name}`);
      throw error;
    }
  };
  return { db, client, close: () => client.close() };
}

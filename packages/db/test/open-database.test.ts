import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import {
  closeDatabase,
  dialectOf,
  documents,
  openDatabase,
  pages,
  pingDatabase,
  runInTransaction,
  TransactionMisuseError,
  UnmigratedDatabaseError,
  users,
  type Db,
} from '../src';
import { createTestDatabaseTarget, testsUsePostgres } from '../src/testing';

const dir = mkdtempSync(join(tmpdir(), 'mep-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const now = new Date().toISOString();
const doc = (id: string) => ({ id, sha256: id, fileName: 'a.pdf', mime: 'application/pdf', kind: 'pdf', sizeBytes: 1, title: 'A', language: 'en', doctype: 'doctype:guidance', pageCount: 1, createdAt: now, updatedAt: now });

async function fresh(): Promise<Db> {
  return openDatabase(await createTestDatabaseTarget(mkdtempSync(join(dir, 'db-'))));
}

describe(`the data layer (${testsUsePostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('migrates a new database, survives reopening, and cascades page deletes', async () => {
    const target = await createTestDatabaseTarget(mkdtempSync(join(dir, 'db-')));
    const db = await openDatabase(target);
    expect(dialectOf(db)).toBe(testsUsePostgres() ? 'postgres' : 'sqlite');
    await db.insert(documents).values(doc('d1')).run();
    await db.insert(pages).values({ documentId: 'd1', page: 1, text: 'mercury' }).run();
    await closeDatabase(db);

    const again = await openDatabase(target, { migrate: 'verify' });
    expect(await pingDatabase(again)).toBe(true);
    expect(await again.select().from(documents).all()).toHaveLength(1);
    expect((await again.select({ n: count() }).from(pages).get())?.n).toBe(1);
    const removed = await again.delete(documents).where(eq(documents.id, 'd1')).run();
    expect(removed.changes).toBe(1);
    expect(await again.select().from(pages)).toHaveLength(0);
    await closeDatabase(again);
    expect(await pingDatabase(again)).toBe(false);
  });

  it('refuses an unmigrated database when asked to verify, naming the command to run', async () => {
    const target = testsUsePostgres()
      ? (await import('../src/testing')).createDatabase(process.env.MEP_TEST_PG_URL!, `mep_empty_${Date.now()}`)
      : Promise.resolve(join(mkdtempSync(join(dir, 'db-')), 'empty.sqlite'));
    await expect(openDatabase(await target, { migrate: 'verify' })).rejects.toThrow(UnmigratedDatabaseError);
    await expect(openDatabase(await target, { migrate: 'verify' })).rejects.toThrow(/mep migrate/);
  });

  it('keeps a transaction to itself: others wait, a throw rolls back, savepoints nest', async () => {
    const db = await fresh();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const writer = runInTransaction(db, async (tx) => {
      await tx.insert(documents).values(doc('t1')).run();
      await held;
      await tx.insert(documents).values(doc('t2')).run();
    });
    // A concurrent transaction never sees the first one's uncommitted row (SQLite queues it behind the first,
    // PostgreSQL runs it beside with its own snapshot).
    const second = runInTransaction(db, async (tx) => (await tx.select({ n: count() }).from(documents).get())!.n);
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await writer;
    expect(testsUsePostgres() ? [0] : [2]).toContain(await second);

    await expect(
      runInTransaction(db, async (tx) => {
        await tx.insert(documents).values(doc('t3')).run();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.select().from(documents).where(eq(documents.id, 't3'))).toHaveLength(0);

    await runInTransaction(db, async (tx) => {
      await tx.insert(documents).values(doc('t4')).run();
      await expect(
        runInTransaction(tx, async (inner) => {
          await inner.insert(documents).values(doc('t5')).run();
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
    });
    expect((await db.select({ id: documents.id }).from(documents).orderBy(documents.id)).map((r) => r.id)).toEqual(['t1', 't2', 't4']);
    await closeDatabase(db);
  });

  it('throws on the outer handle inside a transaction instead of deadlocking', async () => {
    const db = await fresh();
    await expect(runInTransaction(db, async () => db.select().from(users))).rejects.toThrow(TransactionMisuseError);
    await expect(runInTransaction(db, async () => runInTransaction(db, async () => 1))).rejects.toThrow(TransactionMisuseError);
    // The handle works again afterwards.
    expect(await db.select().from(users)).toEqual([]);
    await closeDatabase(db);
  });

  it('maps booleans, JSON and counts the same way on both engines', async () => {
    const db = await fresh();
    await db.insert(users).values({ id: 'u1', displayName: 'A', createdAt: now, digestEnabled: false }).run();
    await db.insert(documents).values({ ...doc('j1'), flags: ['a', 'b'] }).run();
    expect((await db.select().from(users).get())?.digestEnabled).toBe(false);
    expect((await db.select().from(documents).get())?.flags).toEqual(['a', 'b']);
    const inserted = await db.insert(users).values({ id: 'u2', displayName: 'B', createdAt: now }).returning({ id: users.id, digest: users.digestEnabled }).get();
    expect(inserted).toEqual({ id: 'u2', digest: true });
    // Raw aggregates are numbers on both engines (PostgreSQL sends int8 and numeric as strings by default).
    const raw = await db.select({ n: sql<number>`count(*)`, total: sql<number>`sum(${documents.sizeBytes})` }).from(documents).get();
    expect(raw).toEqual({ n: 1, total: 1 });
    await closeDatabase(db);
  });
});

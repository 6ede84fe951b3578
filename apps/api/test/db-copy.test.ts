/**
 * `mep db copy --to postgres://…` moves a SQLite deployment into an empty PostgreSQL database and proves it with
 * counts and checksums; `mep migrate` and `mep serve`'s refusal of an unmigrated database, through the real CLI.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeDatabase, documentConcepts, documents, forums, openDatabase, pages, posts, threads, users, type Db } from '@mep/db';
import { createDatabase, startPostgresServer, type PostgresServer } from '@mep/db/testing';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../../..');
const cli = resolve(repoRoot, 'apps/api/src/cli/main.ts');
const temp = mkdtempSync(join(tmpdir(), 'mep-db-copy-'));
let server: PostgresServer | undefined;
let serverUrl: string;

function runMep(args: string[], env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
    if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: repoRoot, env: childEnv, timeout: 120_000 });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, output }));
  });
}

const now = '2026-12-02T10:00:00.000Z';

/** A small deployment with every kind of value: JSON, booleans, reals, NULLs, autoincrement ids, six scripts. */
async function fill(db: Db): Promise<void> {
  await db.insert(users).values([
    { id: 'u1', email: 'amina@example.org', passwordHash: 'x', displayName: 'أمينة', role: 'admin', createdAt: now, digestEnabled: false },
    { id: 'u2', email: null, displayName: '李雷', createdAt: now, deletedAt: now },
  ]).run();
  for (let i = 0; i < 30; i++) {
    const id = `doc${String(i).padStart(2, '0')}`;
    await db.insert(documents).values({ id, sha256: id, fileName: `${id}.pdf`, mime: 'application/pdf', kind: 'pdf', sizeBytes: 1000 + i, title: i % 2 ? 'Ртуть и здоровье' : 'Mercurio y salud', language: i % 2 ? 'ru' : 'es', doctype: 'doctype:guidance', pageCount: 2, flags: i % 3 ? [] : ['ocr-pending', 'a "quoted" flag'], createdAt: now, updatedAt: now, year: i % 5 ? 2020 + (i % 5) : null }).run();
    await db.insert(pages).values([{ documentId: id, page: 1, text: 'المعادن الثقيلة ‒ 汞 – mercury\n\tline two' }, { documentId: id, page: 2, text: '', ocrConfidence: 87.25 }]).run();
    await db.insert(documentConcepts).values({ documentId: id, conceptId: 'theme:health', score: 0.75 + i / 1000, count: i, evidence: [{ page: 1, text: 'mercury' }] }).run();
  }
  await db.insert(forums).values({ id: 'health', conceptId: 'theme:health', title: { en: 'Health', ar: 'الصحة' }, createdAt: now }).run();
  const thread = await db.insert(threads).values({ forumId: 'health', authorId: 'u1', title: 'Dental amalgam', concepts: ['theme:health'], pinned: true, postCount: 3, lastPostAt: now, createdAt: now }).returning({ id: threads.id }).get();
  for (let i = 0; i < 3; i++) await db.insert(posts).values({ threadId: thread!.id, authorId: 'u1', body: `post ${i}`, html: `<p>post ${i}</p>`, createdAt: now }).run();
}

beforeAll(async () => {
  // The PostgreSQL run has a server already; the SQLite run starts one for this file.
  if (process.env.MEP_TEST_PG_URL) serverUrl = process.env.MEP_TEST_PG_URL;
  else {
    server = await startPostgresServer();
    serverUrl = server.url;
  }
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(temp, { recursive: true, force: true });
});

describe('moving from SQLite to PostgreSQL', () => {
  it('copies every row, verified by counts and checksums, and new rows continue the ids', async () => {
    const dataDir = join(temp, 'data');
    const source = await openDatabase(join(dataDir, 'mep.sqlite'));
    await fill(source);
    await closeDatabase(source);
    const target = await createDatabase(serverUrl, `mep_copy_${Date.now()}`);

    const copied = await runMep(['db', 'copy', '--to', target], { MEP_DATA_DIR: dataDir });
    expect(copied.output).toMatch(/counts and checksums match/);
    expect(copied.output).toMatch(/documents\s+30 rows .* verified/);
    expect(copied.status).toBe(0);

    const pg = await openDatabase(target, { migrate: 'verify' });
    try {
      expect((await pg.select({ n: count() }).from(pages).get())?.n).toBe(60);
      const [amina] = await pg.select().from(users).orderBy(users.id).limit(1);
      expect(amina).toMatchObject({ displayName: 'أمينة', digestEnabled: false, role: 'admin' });
      // The serial sequences were moved past the copied ids.
      const next = await pg.insert(posts).values({ threadId: 1, authorId: 'u1', body: 'after the move', html: '<p>after</p>', createdAt: now }).returning({ id: posts.id }).get();
      expect(next!.id).toBe(4);
    } finally {
      await closeDatabase(pg);
    }

    // A second copy into the same (now filled) database is refused, and nothing in it changes.
    const again = await runMep(['db', 'copy', '--to', target], { MEP_DATA_DIR: dataDir });
    expect(again.status).toBe(1);
    expect(again.output).toMatch(/not empty/);
  });

  it('answers bad targets with a clear error and no stack trace', async () => {
    const dataDir = join(temp, 'data-bad');
    const notPostgres = await runMep(['db', 'copy', '--to', '/tmp/other.sqlite'], { MEP_DATA_DIR: dataDir });
    expect(notPostgres.status).toBe(1);
    expect(notPostgres.output).toMatch(/--to must be a postgres:\/\/ URL/);
    const unreachable = await runMep(['db', 'copy', '--to', 'postgres://mep:secret-password@127.0.0.1:1/mep'], { MEP_DATA_DIR: dataDir });
    expect(unreachable.status).toBe(1);
    expect(unreachable.output).toMatch(/^mep: /m);
    expect(unreachable.output).not.toContain('secret-password');
  });
});

describe('mep migrate and mep serve', () => {
  it('serve refuses an unmigrated PostgreSQL database with the command to run; migrate fixes it', async () => {
    const url = await createDatabase(serverUrl, `mep_unmigrated_${Date.now()}`);
    const env = { DATABASE_URL: url, MEP_DATA_DIR: join(temp, 'data-serve'), PORT: '0', MEILI_URL: 'http://127.0.0.1:1' };
    const refused = await runMep(['serve'], env);
    expect(refused.status).toBe(1);
    expect(refused.output).toMatch(/not migrated: \d+ migration\(s\) pending .*Run `pnpm mep migrate`/);
    const migrated = await runMep(['migrate'], env);
    expect(migrated.status).toBe(0);
    expect(migrated.output).toMatch(/is migrated/);
    const db = await openDatabase(url, { migrate: 'verify' });
    await closeDatabase(db);
  });
});

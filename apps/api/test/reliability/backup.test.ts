/**
 * `mep backup` while the platform serves, then `mep restore` into a fresh data directory (or an empty
 * PostgreSQL database): the restored platform answers the same searches and holds the same originals.
 * Bad input (missing or damaged backup, non-empty target) is refused before anything changes.
 */
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { documents, isPostgresUrl } from '@mep/db';
import { createDatabase } from '@mep/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupPlatform, redactConfig, restorePlatform, verifyBackup } from '../../src/backup/backup';
import { readConfig } from '../../src/config';
import { closeContext, createContext, type AppContext } from '../../src/context';
import { startServer, type RunningServer } from '../../src/server';
import { signedInClient } from '../../src/services/testing/forum-harness';
import { fixturesDir, startTestPlatform, type TestPlatform } from '../platform';

const temp = mkdtempSync(join(tmpdir(), 'mep-backup-'));
const backupDir = join(temp, 'backup');
const queries = ['mercury', 'products', 'plan', 'storage'];
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({
    ingest: ['en-products-guide.pdf', 'es-plan-de-accion.html', 'ru-mercury.md', 'fr-orientations.docx', 'zh-mercury.html'].map((name) => join(fixturesDir, name)),
  });
  const { client } = await signedInClient(platform.context.db, platform.url, 'member', 'Backup Member');
  expect((await client.post('/api/forums/asgm/threads', { title: 'Backup thread feldspar', body: 'Feldspar and mercury.', concepts: [], documentIds: [] })).status).toBe(200);
  await platform.context.searchOutbox.idle();
}, 180_000);

afterAll(async () => {
  await platform?.close();
  rmSync(temp, { recursive: true, force: true });
});

/** What a user sees: search hit ids per query, the discussions hit, and every original's hash. */
async function snapshot(baseUrl: string, context: AppContext) {
  const answers: Record<string, string[]> = {};
  for (const q of queries) {
    const response = await fetch(`${baseUrl}/api/search?q=${q}`);
    answers[q] = ((await response.json()) as { hits: { id: string }[] }).hits.map((hit) => hit.id);
  }
  const discussions = (await (await fetch(`${baseUrl}/api/discussions/search?q=feldspar`)).json()) as { total: number };
  const rows = await context.db.select({ id: documents.id, sha256: documents.sha256 }).from(documents).orderBy(documents.id).all();
  const hashes: Record<string, string> = {};
  for (const row of rows) hashes[row.id] = createHash('sha256').update(await context.blobs.get(row.sha256)).digest('hex');
  return { answers, discussions: discussions.total, hashes };
}

/** A configuration for an empty target: a fresh data directory, and on the PostgreSQL run an empty database. */
async function freshConfig(name: string) {
  const dataDir = join(temp, name);
  mkdirSync(dataDir, { recursive: true });
  const pgServer = isPostgresUrl(platform.context.config.database) ? process.env.MEP_TEST_PG_URL : undefined;
  const env: Record<string, string> = { MEP_DATA_DIR: dataDir, PORT: '0' };
  if (pgServer) env.DATABASE_URL = await createDatabase(pgServer, `mep_restore_${randomUUID().replaceAll('-', '').slice(0, 16)}`);
  return readConfig(env);
}

describe('mep backup and mep restore', () => {
  it('backs up while serving and restores to the same search answers and originals', async () => {
    const before = await snapshot(platform.url, platform.context);
    expect(Object.keys(before.hashes)).toHaveLength(5);
    expect(before.discussions).toBe(1);
    expect(Object.values(before.answers).some((ids) => ids.length > 0)).toBe(true);

    // Searches keep being served while the snapshot is taken.
    let serving = true;
    let served = 0;
    const load = (async () => {
      while (serving) {
        const response = await fetch(`${platform.url}/api/search?q=mercury`);
        expect(response.status).toBe(200);
        await response.arrayBuffer();
        served++;
      }
    })();
    const report = await backupPlatform(platform.context.config, backupDir);
    serving = false;
    await load;
    expect(served).toBeGreaterThan(0);
    expect(report.documents).toBe(5);
    const manifest = await verifyBackup(backupDir);
    expect(manifest.blobs.map((b) => b.sha256).sort()).toEqual(Object.values(before.hashes).sort());
    expect(JSON.parse(readFileSync(join(backupDir, 'config.json'), 'utf8'))).toMatchObject({ dataDir: platform.context.config.dataDir });

    const target = await freshConfig('restored');
    const restored = await restorePlatform(target, backupDir);
    expect(restored).toEqual({ documents: 5, posts: 1 });
    const context = await createContext(target, platform.context.log, { migrate: 'verify' });
    let server: RunningServer | undefined;
    try {
      server = await startServer(context, 0, '127.0.0.1');
      const after = await snapshot(`http://127.0.0.1:${server.port}`, context);
      expect(after).toEqual(before);
    } finally {
      await server?.close();
      await closeContext(context);
    }
  }, 300_000);

  it('writes the configuration without secrets', () => {
    const secrets = ['meili-secret-1', 'smtp-secret-2', 'pg-secret-3', 'metrics-secret-4-long-enough', 's3-secret-5'];
    const config = readConfig({
      MEP_DATA_DIR: temp,
      MEILI_URL: 'http://search:7700',
      MEILI_MASTER_KEY: secrets[0],
      SMTP_URL: `smtp://mailer:${secrets[1]}@mail.example`,
      DATABASE_URL: `postgres://mep:${secrets[2]}@db.example/mep`,
      MEP_METRICS_TOKEN: secrets[3],
      MEP_S3_BUCKET: 'originals',
      MEP_S3_ACCESS_KEY_ID: 'access-id',
      MEP_S3_SECRET_ACCESS_KEY: secrets[4],
    });
    const text = JSON.stringify(redactConfig(config));
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain('smtp://mailer:***@mail.example');
    expect(text).toContain('postgres://mep:***@db.example/mep');
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    // A non-empty backup folder.
    await expect(backupPlatform(platform.context.config, backupDir)).rejects.toMatchObject({ code: 'backup_target_not_empty' });
    const target = await freshConfig('untouched');
    const untouched = () => (isPostgresUrl(target.database) ? true : !existsSync(target.database)) && !existsSync(join(target.dataDir, 'blobs'));

    await expect(restorePlatform(target, join(temp, 'no-such-backup'))).rejects.toMatchObject({ code: 'backup_missing' });
    const garbled = join(temp, 'garbled');
    mkdirSync(garbled);
    writeFileSync(join(garbled, 'manifest.json'), '{"format": "something else"');
    await expect(restorePlatform(target, garbled)).rejects.toMatchObject({ code: 'backup_corrupt' });
    // One original damaged after the backup was written.
    const damaged = join(temp, 'damaged');
    cpSync(backupDir, damaged, { recursive: true });
    const blob = readdirSync(join(damaged, 'blobs'))[0]!;
    writeFileSync(join(damaged, 'blobs', blob), 'not the original');
    await expect(restorePlatform(target, damaged)).rejects.toMatchObject({ code: 'backup_corrupt', message: expect.stringMatching(/missing or damaged/) });
    expect(untouched()).toBe(true);

    // The serving platform's own data directory is not empty: refused, its documents all still there.
    await expect(restorePlatform(platform.context.config, backupDir)).rejects.toMatchObject({ code: 'restore_target_not_empty' });
    expect(await platform.context.db.select().from(documents).all()).toHaveLength(5);
  }, 120_000);

  it('answers bad input on the command line with one clear line and exit code 1', async () => {
    const repoRoot = resolve(import.meta.dirname, '../../../..');
    const mep = (args: string[], env: Record<string, string>) =>
      new Promise<{ code: number | null; stderr: string }>((done, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', resolve(repoRoot, 'apps/api/src/cli/main.ts'), ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (code) => done({ code, stderr }));
      });
    const fresh = join(temp, 'cli-fresh');
    const missing = await mep(['restore', join(temp, 'no-such-backup')], { MEP_DATA_DIR: fresh });
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/^mep: There is no backup at .*no-such-backup\. \[backup_missing\]\n$/) });
    const occupied = join(temp, 'occupied');
    mkdirSync(occupied, { recursive: true });
    writeFileSync(join(occupied, 'keep.txt'), "someone else's file");
    const notEmpty = await mep(['backup', occupied], { MEP_DATA_DIR: fresh });
    expect(notEmpty).toMatchObject({ code: 1, stderr: expect.stringMatching(/^mep: .*occupied is not empty: back up into a new folder\. \[backup_target_not_empty\]\n$/) });
    expect(readdirSync(occupied)).toEqual(['keep.txt']);
    expect(existsSync(join(fresh, 'mep.sqlite'))).toBe(false);
  }, 120_000);
});

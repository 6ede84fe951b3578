import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeDatabase, isPostgresUrl, openDatabase, type Db } from '@mep/db';
import { createTestDatabaseTarget } from '@mep/db/testing';
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from '@mep/ingest';
import { redisBinary, startRedis } from '../../test/redis-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, emitWithAck, nextEvent, signedInClient, sleep, type ClientSocket, SessionClient } from '../services/testing/forum-harness';

if (!redisBinary) console.warn('SKIPPED the two-process Redis test: no redis-server binary (apt-get install -y redis-server).');

const repoRoot = resolve(import.meta.dirname, '../../../..');
const children: ChildProcess[] = [];
let dataDir: string;
let meili: EmbeddedMeilisearch | undefined;
let db: Db | undefined;
const sockets: ClientSocket[] = [];

/** Starts one API process as `mep serve` does, sharing SQLite, Meilisearch and Redis; resolves with its URL. */
function startApi(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'apps/api/src/cli/main.ts'), 'serve', '--migrate', '--host', '127.0.0.1'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`API process did not start: ${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveStart(match[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`API process exited with ${code}: ${output}`)));
  });
}

let urlA: string;
let urlB: string;

describe.skipIf(!redisBinary)('several API processes share events through Redis', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mep-redis-'));
    const redis = await startRedis();
    children.push(redis.child);
    meili = await startEmbeddedMeilisearch({ dataDir: join(dataDir, 'meili') });
    // Both nodes share one database: SQLite in the shared folder, or one PostgreSQL database in the PostgreSQL run.
    const database = await createTestDatabaseTarget(join(dataDir, 'data'));
    const env: Record<string, string> = { MEP_DATA_DIR: join(dataDir, 'data'), MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, REDIS_URL: redis.url };
    if (isPostgresUrl(database)) env.DATABASE_URL = database;
    // One after the other: the first applies the migrations and seeds the forums.
    urlA = await startApi(env);
    urlB = await startApi(env);
    db = await openDatabase(database);
  }, 240_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    if (db) await closeDatabase(db);
    for (const child of children.reverse()) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))]);
    }
    await meili?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('a post made through one process reaches a client of the other', async () => {
    const alice = await signedInClient(db!, urlA, 'member', 'Alice');
    const bob = await signedInClient(db!, urlA, 'member', 'Bob');
    const { body } = await alice.client.post('/api/forums/asgm/threads', { title: 'Across nodes', body: 'Opening', concepts: [], documentIds: [] });
    const threadId: number = body.thread.id;

    // Alice's browser is connected to process B; so is an anonymous reader.
    const aliceOnB = new SessionClient(urlB);
    for (const [k, v] of alice.client.cookies) aliceOnB.cookies.set(k, v);
    const readerOnB = aliceOnB.socket();
    sockets.push(readerOnB);
    await connected(readerOnB);
    expect(await emitWithAck(readerOnB, 'threads.join', { threadId })).toMatchObject({ ok: true });

    const arrived = nextEvent(readerOnB, 'posts.created', 10_000);
    const notified = nextEvent(readerOnB, 'notifications.created', 10_000);
    const reply = await bob.client.post(`/api/threads/${threadId}/posts`, { body: 'Hello from process A' });
    expect(reply.status).toBe(200);
    const { post } = await arrived;
    expect(post).toMatchObject({ id: reply.body.post.id, threadId });
    expect(post.html).toContain('Hello from process A');
    expect((await notified).notification).toMatchObject({ threadId, kind: 'post.created' });

    // Presence counts span both processes.
    const bobOnA = bob.client.socket();
    sockets.push(bobOnA);
    const presence = nextEvent(readerOnB, 'presence.count', 5000, (p) => p.count === 2);
    await emitWithAck(bobOnA, 'threads.join', { threadId });
    expect(await presence).toEqual({ threadId, count: 2 });
  });

  it('a role change, a membership removal or sign-out everywhere on one process reaches sockets on the other', async () => {
    const admin = await signedInClient(db!, urlA, 'admin', 'Chief');
    await admin.client.post('/api/forums', { id: 'wg-nodes', title: { en: 'Across nodes' }, visibility: 'private' });
    const threadId: number = (await admin.client.post('/api/forums/wg-nodes/threads', { title: 'Node secret', body: 'x', concepts: [], documentIds: [] })).body.thread.id;
    /** A user of `role` whose socket on process B sits in the private thread room. */
    const onB = async (role: 'member' | 'moderator') => {
      const user = await signedInClient(db!, urlA, role);
      if (role === 'member') await admin.client.put(`/api/forums/wg-nodes/members/${user.userId}`);
      const client = new SessionClient(urlB);
      for (const [k, v] of user.client.cookies) client.cookies.set(k, v);
      const socket = client.socket({ reconnection: false });
      sockets.push(socket);
      const received: string[] = [];
      socket.on('posts.created', ({ post }) => received.push(post.html));
      await connected(socket);
      expect(await emitWithAck(socket, 'threads.join', { threadId })).toMatchObject({ ok: true });
      return { ...user, socket, received };
    };
    const demoted = await onB('moderator');
    const removed = await onB('member');
    const signedOut = await onB('member');
    const control = await onB('member');
    const gone = new Promise<string>((resolve) => signedOut.socket.once('disconnect', resolve));

    await admin.client.put(`/api/users/${demoted.userId}/role`, { role: 'member' });
    await admin.client.del(`/api/forums/wg-nodes/members/${removed.userId}`);
    await signedOut.client.post('/api/auth/sign-out-everywhere');
    expect(await gone).toBe('io server disconnect');
    await sleep(500);
    const arrived = nextEvent(control.socket, 'posts.created', 10_000);
    await admin.client.post(`/api/threads/${threadId}/posts`, { body: 'only for members still in' });
    expect((await arrived).post.html).toContain('only for members still in');
    await sleep(500);
    expect(demoted.received.join()).not.toContain('only for members still in');
    expect(removed.received.join()).not.toContain('only for members still in');
  }, 60_000);
});

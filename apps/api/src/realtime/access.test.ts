/**
 * Finding 2: a socket that drops and comes back through connection state recovery must not get its
 * private rooms (and the posts they missed) back once access is gone; live sockets leave rooms when a
 * role or a membership changes. Real platform, real socket.io-client.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test/platform';
import { queueDailyDigests } from '../services/digest';
import { connected, emitWithAck, nextEvent, SessionClient, signedInClient, sleep, type ClientSocket } from '../services/testing/forum-harness';

let platform: TestPlatform;
let admin: SessionClient;
let privateThreadId: number;
const sockets: ClientSocket[] = [];

const serverSocketCount = () => platform.server.realtime.io.of('/').sockets.size;
async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

/** A member of the private forum, with a socket in its thread room that has a recovery offset. */
async function memberInPrivateRoom(role: 'member' | 'moderator' = 'member') {
  const { client, userId } = await signedInClient(platform.context.db, platform.url, role);
  if (role === 'member') expect((await admin.put(`/api/forums/wg-sec/members/${userId}`)).status).toBe(200);
  const socket = client.socket({ reconnection: false });
  sockets.push(socket);
  const received: string[] = [];
  socket.on('posts.created', ({ post }) => received.push(post.html));
  await connected(socket);
  const presence = nextEvent(socket, 'presence.count');
  expect(await emitWithAck(socket, 'threads.join', { threadId: privateThreadId })).toMatchObject({ ok: true });
  await presence;
  return { client, userId, socket, received };
}

/** Drops the transport as a network failure would (the server keeps the session for recovery). */
async function drop(socket: ClientSocket): Promise<void> {
  const before = serverSocketCount();
  socket.io.engine.close();
  await until(() => serverSocketCount() === before - 1);
}

/** Reconnects and resolves with whether the connection was recovered (or the refusal's message). */
async function reconnect(socket: ClientSocket): Promise<boolean | string> {
  const outcome = new Promise<boolean | string>((resolve) => {
    socket.once('connect', () => resolve(socket.recovered));
    socket.once('connect_error', (error) => resolve(error.message));
  });
  socket.connect();
  return outcome;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  admin = (await signedInClient(platform.context.db, platform.url, 'admin')).client;
  await admin.post('/api/forums', { id: 'wg-sec', title: { en: 'Security group' }, visibility: 'private' });
  privateThreadId = (await admin.post('/api/forums/wg-sec/threads', { title: 'Secret plans', body: 'Members only', concepts: [], documentIds: [] })).body.thread.id;
}, 180_000);
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => platform?.close());

describe('connection state recovery re-checks access', () => {
  it('still recovers (and replays) when nothing changed', async () => {
    const { socket, received } = await memberInPrivateRoom();
    await drop(socket);
    await admin.post(`/api/threads/${privateThreadId}/posts`, { body: 'missed but allowed' });
    expect(await reconnect(socket)).toBe(true);
    await until(() => received.some((html) => html.includes('missed but allowed')));
  });

  it('after sign-out everywhere: no recovery, no private post', async () => {
    const { client, socket, received } = await memberInPrivateRoom();
    await drop(socket);
    const other = new SessionClient(platform.url);
    for (const [k, v] of client.cookies) other.cookies.set(k, v);
    expect((await other.post('/api/auth/sign-out-everywhere')).status).toBe(200);
    await admin.post(`/api/threads/${privateThreadId}/posts`, { body: 'after sign-out everywhere' });
    expect(await reconnect(socket)).toBe(false);
    await sleep(300);
    expect(received.join()).not.toContain('after sign-out everywhere');
    expect(await emitWithAck(socket, 'typing', { threadId: privateThreadId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('after removal from the private forum: no recovery, no private post', async () => {
    const { userId, socket, received } = await memberInPrivateRoom();
    await drop(socket);
    await admin.del(`/api/forums/wg-sec/members/${userId}`);
    await admin.post(`/api/threads/${privateThreadId}/posts`, { body: 'after removal' });
    expect(await reconnect(socket)).toBe(false);
    await sleep(300);
    expect(received.join()).not.toContain('after removal');
  });

  it('after demotion of a moderator: no recovery, no private post', async () => {
    const { userId, socket, received } = await memberInPrivateRoom('moderator');
    await drop(socket);
    expect((await admin.put(`/api/users/${userId}/role`, { role: 'member' })).status).toBe(200);
    await admin.post(`/api/threads/${privateThreadId}/posts`, { body: 'after demotion' });
    expect(await reconnect(socket)).toBe(false);
    await sleep(300);
    expect(received.join()).not.toContain('after demotion');
  });

  it('with no cookie on the reconnection: refused with session_changed', async () => {
    const { socket, received } = await memberInPrivateRoom();
    await drop(socket);
    (socket.io.opts as { extraHeaders?: Record<string, string> }).extraHeaders = {};
    expect(await reconnect(socket)).toBe('session_changed');
    await admin.post(`/api/threads/${privateThreadId}/posts`, { body: 'after cookie loss' });
    await sleep(300);
    expect(received.join()).not.toContain('after cookie loss');
  });
});

describe('live sockets follow access changes', () => {
  it('a demoted moderator leaves private rooms at once', async () => {
    const { userId, received } = await memberInPrivateRoom('moderator');
    expect((await admin.put(`/api/users/${userId}/role`, { role: 'member' })).status).toBe(200);
    await sleep(300);
    await admin.post(`/api/threads/${privateThreadId}/posts`, { body: 'live after demotion' });
    await sleep(500);
    expect(received.join()).not.toContain('live after demotion');
  });
});

describe('notifications and digests follow access too', () => {
  it('stop showing the titles of threads the user may no longer see', async () => {
    const { client, userId } = await memberInPrivateRoom();
    await client.put(`/api/threads/${privateThreadId}/follow`);
    await admin.post(`/api/threads/${privateThreadId}/posts`, { body: 'notify me' });
    const before = await client.get('/api/notifications');
    expect(before.body.items[0]).toMatchObject({ threadId: privateThreadId, threadTitle: 'Secret plans' });
    await admin.del(`/api/forums/wg-sec/members/${userId}`);
    const after = await client.get('/api/notifications');
    expect(after.body.items[0]).toMatchObject({ threadId: privateThreadId, threadTitle: null });
    const { db, config, log } = platform.context;
    await queueDailyDigests({ db, config, log });
    const { outbox } = await import('@mep/db');
    const { eq } = await import('drizzle-orm');
    const mails = await db.select().from(outbox).where(eq(outbox.userId, userId)).all();
    expect(mails.map((m) => m.text).join()).not.toContain('Secret plans');
  });
});
